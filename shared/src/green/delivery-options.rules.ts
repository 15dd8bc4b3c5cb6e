import type { CarbonFactorTable } from './carbon-factors.table.js';
import { CarbonFactorMissingError, shipmentCarbon, type DeliveryMode } from './carbon.rules.js';

/** What a customer chooses at checkout: fast, normal, or slower and merged with their other orders. */
export const DELIVERY_OPTIONS = ['STANDARD', 'EXPRESS', 'CONSOLIDATED'] as const;
export type DeliveryOption = (typeof DELIVERY_OPTIONS)[number];

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export interface DeliveryOptionSpec {
  /** The service level fulfilment allocates with (a consolidated order travels as standard parcel). */
  serviceLevel: 'STANDARD' | 'EXPRESS';
  deliveryMode: DeliveryMode;
  /** Calendar days from the order to the first and the last day delivery may come (the promise). */
  etaDays: { from: number; to: number };
  /** CONSOLIDATED: days dispatch may wait for the customer's other orders to the same address or a fuller van. */
  holdDays: number;
  /** Hours the carrier needs from dispatch to the door at most: the promise minus this is the last dispatch. */
  transitHours: number;
}

/**
 * The options every region offers. A consolidated order is promised the standard window pushed back by the hold,
 * so waiting never breaks the promise (its last dispatch is the promise minus the transit).
 */
export const DELIVERY_OPTION_SPECS: Record<DeliveryOption, DeliveryOptionSpec> = {
  STANDARD: { serviceLevel: 'STANDARD', deliveryMode: 'STANDARD_PARCEL', etaDays: { from: 2, to: 4 }, holdDays: 0, transitHours: 72 },
  EXPRESS: { serviceLevel: 'EXPRESS', deliveryMode: 'EXPRESS_PARCEL', etaDays: { from: 1, to: 2 }, holdDays: 0, transitHours: 36 },
  CONSOLIDATED: { serviceLevel: 'STANDARD', deliveryMode: 'STANDARD_PARCEL', etaDays: { from: 3, to: 7 }, holdDays: 3, transitHours: 72 },
};

/**
 * Great-circle distance a checkout quote assumes from the region's network to the customer: the quote knows the
 * country, not the node that will ship (fulfilment computes the real legs once it allocates).
 */
export const QUOTE_ASSUMED_KM = 400;

export interface OptionCarbonFacts {
  greatCircleKm: number;
  /** Goods plus packaging. */
  grossGrams: number;
  packagingMaterialGrams: number;
}

/**
 * CO2e of delivering the facts with an option. CONSOLIDATED travels like STANDARD, but its last-mile van leaves
 * fuller (it waits for the customer's other parcels or a full round), and GLEC intensities per tonne-km scale
 * inversely with the load factor, so the van leg is divided by the table's load-factor gain. A table without that
 * figure refuses rather than guessing.
 */
export function optionCarbonGrams(table: CarbonFactorTable, option: DeliveryOption, facts: OptionCarbonFacts): number {
  const spec = DELIVERY_OPTION_SPECS[option];
  const carbon = shipmentCarbon(table, { deliveryMode: spec.deliveryMode, ...facts });
  if (option !== 'CONSOLIDATED') return carbon.totalGrams;
  const gain = table.consolidation?.vanLoadFactorGain;
  if (!gain || gain < 1) throw new CarbonFactorMissingError(table.version, 'consolidation van load-factor gain');
  const vanGrams = carbon.legs.filter((leg) => leg.mode === 'ROAD_LCV').reduce((sum, leg) => sum + leg.wtwGrams, 0);
  return carbon.totalGrams - vanGrams + vanGrams / gain;
}

export interface QuotedDeliveryOption {
  option: DeliveryOption;
  etaFrom: Date;
  /** The promised date: delivery comes by then. */
  etaTo: Date;
  /** CONSOLIDATED: the latest the order waits before it is dispatched; null otherwise. */
  consolidateUntil: Date | null;
  co2eGrams: number;
  /** Grams CO2e less than STANDARD (negative when the option emits more). */
  co2eSavedGrams: number;
  factorVersion: string;
}

/** Every option with its promised window and CO2e, for a checkout to show side by side. */
export function quoteDeliveryOptions(table: CarbonFactorTable, at: Date, facts: OptionCarbonFacts): QuotedDeliveryOption[] {
  // Whole grams, and the saving taken from the shown figures, so a checkout's numbers add up.
  const standard = Math.round(optionCarbonGrams(table, 'STANDARD', facts));
  return DELIVERY_OPTIONS.map((option) => {
    const spec = DELIVERY_OPTION_SPECS[option];
    const co2eGrams = Math.round(optionCarbonGrams(table, option, facts));
    return {
      option,
      etaFrom: new Date(at.getTime() + spec.etaDays.from * DAY_MS),
      etaTo: new Date(at.getTime() + spec.etaDays.to * DAY_MS),
      consolidateUntil: spec.holdDays > 0 ? new Date(at.getTime() + spec.holdDays * DAY_MS) : null,
      co2eGrams,
      co2eSavedGrams: standard - co2eGrams,
      factorVersion: table.version,
    };
  });
}

/** The delivery a placed order carries: the option, its promise and, when consolidated, how long it may wait. */
export interface DeliveryChoice {
  option: DeliveryOption;
  promisedBy: Date;
  consolidateUntil: Date | null;
}

export class ConsolidationWindowError extends Error {
  readonly code = 'CONSOLIDATION_WINDOW_BEYOND_PROMISE';
  readonly field = ['delivery', 'consolidateUntil'];
  constructor(readonly latestAllowed: Date) {
    super(`The consolidation window must end between now and ${latestAllowed.toISOString()} to keep the promised date`);
    this.name = 'ConsolidationWindowError';
  }
}

/**
 * The choice an order is placed with. A consolidated order may name a shorter wait than the option's default,
 * never one whose dispatch could miss the promise (the window's end plus the transit must be on or before it):
 * that is a typed error naming the field, and nothing is placed.
 */
export function decideDelivery(at: Date, option: DeliveryOption, consolidateUntil?: Date | null): DeliveryChoice {
  const spec = DELIVERY_OPTION_SPECS[option];
  const promisedBy = new Date(at.getTime() + spec.etaDays.to * DAY_MS);
  if (option !== 'CONSOLIDATED') return { option, promisedBy, consolidateUntil: null };
  const latestAllowed = new Date(promisedBy.getTime() - spec.transitHours * HOUR_MS);
  const until = consolidateUntil ?? new Date(at.getTime() + spec.holdDays * DAY_MS);
  if (until.getTime() > latestAllowed.getTime() || until.getTime() < at.getTime()) throw new ConsolidationWindowError(latestAllowed);
  return { option, promisedBy, consolidateUntil: until };
}
