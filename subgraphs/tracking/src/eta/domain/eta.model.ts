/**
 * ETA model. A parcel's remaining route is a list of legs (node → node over a lane). Each leg takes the
 * lane's historical median transit for the hour of day the leg starts (UTC), multiplied by the disruption
 * factors active on that lane or at its start node at that moment; a hub closure holds the parcel at the
 * node until it reopens. Legs are walked in order, so a delay early on shifts later legs into other hours.
 *
 *   t₀ = last event time (or now);  tᵢ₊₁ = hold(tᵢ) + transit(laneᵢ, hour(hold(tᵢ))) × Π factors(laneᵢ, tᵢ);  ETA = max(tₙ, now)
 *
 * The walk starts at the last scan, not now: a parcel three hours into a five-hour leg has two hours left, not
 * five. A parcel already past its expected time on the current leg is due "now" at the earliest.
 *
 * Simple on purpose: every input is data (history table, disruption feed), so the model is testable and its
 * warnings explainable ("lane X is 1.8× slower because of WEATHER").
 */
export interface Leg {
  from: string;
  to: string;
}

export const laneOf = (leg: Leg): string => `${leg.from}>${leg.to}`;

/** Median transit hours per lane and UTC hour of day (0-23), learnt from past journeys. */
export type LaneHistory = ReadonlyMap<string, ReadonlyArray<number | undefined>>;

export const DISRUPTION_KINDS = ['WEATHER', 'TRAFFIC', 'HUB_CLOSURE'] as const;
export type DisruptionKind = (typeof DISRUPTION_KINDS)[number];

export interface Disruption {
  id: string;
  kind: DisruptionKind;
  /** A lane (`from>to`) or a node id. */
  lane?: string;
  node?: string;
  /** Transit multiplier (≥ 1) for WEATHER/TRAFFIC; ignored for HUB_CLOSURE, which holds parcels instead. */
  factor: number;
  from: Date;
  until: Date;
}

export interface EtaInput {
  now: Date;
  lastEventAt: Date | null;
  remainingLegs: readonly Leg[];
  history: LaneHistory;
  disruptions: readonly Disruption[];
  /** Used for a lane with no history at that hour (nor any hour). */
  defaultLegHours: number;
}

export interface EtaPrediction {
  eta: Date;
  /** Disruptions that changed the prediction, for the warning's explanation and the re-route proposal. */
  causes: Disruption[];
}

const HOUR = 3_600_000;

/** Median transit of a lane at an hour: that hour's figure, else the lane's mean over known hours, else the default. */
export function transitHours(history: LaneHistory, lane: string, hour: number, fallback: number): number {
  const hours = history.get(lane);
  const exact = hours?.[hour];
  if (exact !== undefined) return exact;
  const known = (hours ?? []).filter((value): value is number => value !== undefined);
  return known.length > 0 ? known.reduce((sum, value) => sum + value, 0) / known.length : fallback;
}

const activeAt = (disruption: Disruption, at: Date) => disruption.from.getTime() <= at.getTime() && at.getTime() < disruption.until.getTime();

export function predictEta(input: EtaInput): EtaPrediction {
  let t = input.lastEventAt?.getTime() ?? input.now.getTime();
  const causes = new Set<Disruption>();
  for (const leg of input.remainingLegs) {
    const lane = laneOf(leg);
    for (const closure of input.disruptions) {
      if (closure.kind === 'HUB_CLOSURE' && closure.node === leg.from && activeAt(closure, new Date(t))) {
        t = closure.until.getTime();
        causes.add(closure);
      }
    }
    let factor = 1;
    for (const disruption of input.disruptions) {
      if (disruption.kind === 'HUB_CLOSURE' || !activeAt(disruption, new Date(t))) continue;
      if (disruption.lane === lane || disruption.node === leg.from) {
        factor *= Math.max(1, disruption.factor);
        causes.add(disruption);
      }
    }
    t += transitHours(input.history, lane, new Date(t).getUTCHours(), input.defaultLegHours) * factor * HOUR;
  }
  return { eta: new Date(Math.max(t, input.now.getTime())), causes: [...causes] };
}
