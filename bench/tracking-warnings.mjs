// Delay warnings on a simulated network with injected delays:
//   node bench/tracking-warnings.mjs [--shipments 5000] [--disrupted 0.25] [--seed 7]
// Each parcel travels four lanes whose median transit depends on the hour (the history the ETA model reads);
// actual legs take that median × noise (log-normal, σ 0.15) × the factor of a weather or traffic disruption when
// one is active on the lane as the leg starts. Disruptions become known to tracking when they begin (as a feed
// would send them). Every hour until arrival tracking re-computes the ETA (src/eta/domain) from the parcel's last
// scan; the first hour the ETA passes the promise raises the warning. Prints precision, recall and the median
// lead time (promise − warning time) of true warnings, next to the share warned ≥ 4 h ahead.
import { parseArgs } from 'node:util';
import { predictEta } from '../subgraphs/tracking/dist/eta/domain/eta.model.js';
import { assessDelay, WARNING_LEAD_MS } from '../subgraphs/tracking/dist/eta/domain/delay-warning.rules.js';

const { values } = parseArgs({
  options: { shipments: { type: 'string', default: '5000' }, disrupted: { type: 'string', default: '0.25' }, seed: { type: 'string', default: '7' } },
});
const SHIPMENTS = Number(values.shipments);
const DISRUPTED = Number(values.disrupted);
let state = Number(values.seed);
const random = () => (state = (state * 1664525 + 1013904223) % 2 ** 32) / 2 ** 32;
const gaussian = () => Math.sqrt(-2 * Math.log(random() || 1e-9)) * Math.cos(2 * Math.PI * random());
const HOUR = 3_600_000;

const NODES = ['WH', 'SORT', 'HUB', 'STATION', 'DOOR'];
const legs = NODES.slice(1).map((to, i) => ({ from: NODES[i], to }));
const baseHours = [6, 8, 5, 3];
// Night hours run faster on the trunk lanes, rush hours slower on the last mile.
const history = new Map(
  legs.map((leg, i) => [
    `${leg.from}>${leg.to}`,
    Array.from({ length: 24 }, (_, hour) => baseHours[i] * (i < 3 ? (hour < 6 ? 0.85 : 1) : (hour >= 7 && hour <= 9) || (hour >= 17 && hour <= 19) ? 1.3 : 1)),
  ]),
);
const median = (lane, at) => history.get(lane)[new Date(at).getUTCHours()];

const epoch = Date.UTC(2026, 11, 1);
let tp = 0,
  fp = 0,
  fn = 0,
  tn = 0,
  early = 0;
const leads = [];
for (let s = 0; s < SHIPMENTS; s += 1) {
  const start = epoch + Math.floor(random() * 48) * HOUR;
  const plannedHours = legs.reduce((sum, leg, i) => sum + baseHours[i], 0);
  const promisedBy = start + plannedHours * 1.3 * HOUR;
  const disruptions = [];
  if (random() < DISRUPTED) {
    const leg = legs[Math.floor(random() * legs.length)];
    const from = start + random() * plannedHours * HOUR;
    disruptions.push({
      id: `d${s}`,
      kind: random() < 0.5 ? 'WEATHER' : 'TRAFFIC',
      lane: `${leg.from}>${leg.to}`,
      factor: 1.5 + random() * 1.5,
      from: new Date(from),
      until: new Date(from + (4 + random() * 20) * HOUR),
    });
  }
  // The truth: when each leg actually ends.
  const arrivals = [];
  let t = start;
  for (const leg of legs) {
    const lane = `${leg.from}>${leg.to}`;
    const active = disruptions.find((d) => d.lane === lane && d.from.getTime() <= t && t < d.until.getTime());
    t += median(lane, t) * Math.exp(0.15 * gaussian()) * (active ? active.factor : 1) * HOUR;
    arrivals.push(t);
  }
  const late = t > promisedBy;
  // What tracking sees, hour by hour.
  let warnedAt;
  for (let now = start; now < t && warnedAt === undefined; now += HOUR) {
    const done = arrivals.filter((at) => at <= now).length;
    const { eta } = predictEta({
      now: new Date(now),
      lastEventAt: new Date(done > 0 ? arrivals[done - 1] : start),
      remainingLegs: legs.slice(done),
      history,
      disruptions: disruptions.filter((d) => d.from.getTime() <= now),
      defaultLegHours: 8,
    });
    if (assessDelay(eta, new Date(promisedBy), new Date(now)).late) warnedAt = now;
  }
  if (warnedAt !== undefined && late) {
    tp += 1;
    leads.push(promisedBy - warnedAt);
    if (promisedBy - warnedAt >= WARNING_LEAD_MS) early += 1;
  } else if (warnedAt !== undefined) fp += 1;
  else if (late) fn += 1;
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- counted so the four cases stay visible; precision and recall need only three
  else tn += 1;
}
leads.sort((a, b) => a - b);
const pct = (x) => `${(x * 100).toFixed(1)} %`;
console.log(`delay warnings on ${SHIPMENTS} simulated parcels, ${pct(DISRUPTED)} with an injected disruption
  actually late       ${tp + fn} (${pct((tp + fn) / SHIPMENTS)})
  warned              ${tp + fp}
  precision           ${pct(tp / Math.max(1, tp + fp))}
  recall              ${pct(tp / Math.max(1, tp + fn))}
  median lead time    ${(leads[Math.floor(leads.length / 2)] / HOUR).toFixed(1)} h before the promised time (true warnings)
  warned ≥ 4 h ahead  ${pct(early / Math.max(1, tp))} of true warnings`);
