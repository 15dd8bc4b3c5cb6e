import { CHANNELS, type Channel } from '../../messaging/contracts.js';
import { problem, type CatalogueProblem } from '../problem.js';
import { SKU_PATTERN } from '../products/product.rules.js';

/** Who a price list prices for: one region, one sales channel, one currency. */
export interface PriceListScope {
  region: string;
  channel: Channel;
  currency: string;
}

export interface PriceEntry {
  sku: string;
  /** Net unit price in minor units of the list's currency. */
  unitPrice: number;
  /** A zero price is refused as a typing error unless the list marks the entry free on purpose (a gift, a sample). */
  free?: boolean;
}

/**
 * Shipping charged on an order priced by this list, net, in minor units: a base fee, a fee per started kilogram beyond
 * the first, a surcharge per bulky or heavy item (courier limits: over 31.5 kg or 1.2 m on any side), and free
 * shipping from a goods value on (bulky surcharges still apply).
 */
export interface ShippingSchedule {
  baseFee: number;
  perKgFee: number;
  bulkySurcharge: number;
  freeFrom: number | null;
}

/** 3-100 lower-case letters, digits and dashes: no dot, so an id is always one token of a NATS subject. */
export const PRICE_LIST_ID_PATTERN = /^[a-z0-9][a-z0-9-]{2,99}$/;

export interface PriceListFacts extends PriceListScope {
  id: string;
  /** Goes up on every change; orders record the version they were priced with. */
  version: number;
  /** Effective from this instant (inclusive) until `validTo` (exclusive), ISO 8601. */
  validFrom: string;
  validTo: string | null;
  prices: PriceEntry[];
  shipping: ShippingSchedule;
}

const MAX_AMOUNT = 1e12;

function checkAmount(field: string[], value: unknown, { allowZero }: { allowZero: boolean }): CatalogueProblem | null {
  if (typeof value !== 'number' || !Number.isInteger(value))
    return problem(field, 'INVALID_PRICE', 'Amounts are whole numbers of the minor unit (no fractions)');
  if (value < 0) return problem(field, 'INVALID_PRICE', 'Amounts cannot be negative');
  if (value > MAX_AMOUNT) return problem(field, 'INVALID_PRICE', 'The amount is implausibly large');
  if (value === 0 && !allowZero) return problem(field, 'ZERO_PRICE_NOT_ALLOWED', 'A zero price needs `free: true` on the entry');
  return null;
}

/** Every problem with a price list on its own (scope, period, prices, shipping); overlaps with others are checked apart. */
export function validatePriceList(list: Omit<PriceListFacts, 'id' | 'version'>): CatalogueProblem[] {
  const problems: CatalogueProblem[] = [];
  if (!/^[a-z]{2,16}$/.test(list.region)) problems.push(problem('region', 'INVALID', 'region is a lower-case region code'));
  if (!(CHANNELS as readonly string[]).includes(list.channel)) problems.push(problem('channel', 'INVALID', 'Unknown channel'));
  if (!/^[A-Z]{3}$/.test(list.currency)) problems.push(problem('currency', 'INVALID', 'currency is an ISO 4217 code'));
  const from = Date.parse(list.validFrom);
  const to = list.validTo === null ? Number.POSITIVE_INFINITY : Date.parse(list.validTo);
  if (Number.isNaN(from)) problems.push(problem('validFrom', 'INVALID', 'validFrom is an ISO 8601 date-time'));
  if (Number.isNaN(to)) problems.push(problem('validTo', 'INVALID', 'validTo is an ISO 8601 date-time'));
  else if (!Number.isNaN(from) && to <= from) problems.push(problem('validTo', 'INVALID', 'validTo must be after validFrom'));
  const seen = new Set<string>();
  list.prices.forEach((entry, index) => {
    if (!SKU_PATTERN.test(entry.sku)) problems.push(problem(['prices', String(index), 'sku'], 'INVALID', 'Not a valid SKU'));
    else if (seen.has(entry.sku)) problems.push(problem(['prices', String(index), 'sku'], 'CONFLICT', 'The SKU is priced twice in this list'));
    seen.add(entry.sku);
    const amount = checkAmount(['prices', String(index), 'unitPrice'], entry.unitPrice, { allowZero: entry.free === true });
    if (amount) problems.push(amount);
    if (entry.free === true && entry.unitPrice !== 0) problems.push(problem(['prices', String(index), 'free'], 'INVALID', 'A free entry has unitPrice 0'));
  });
  for (const key of ['baseFee', 'perKgFee', 'bulkySurcharge'] as const) {
    const amount = checkAmount(['shipping', key], list.shipping[key], { allowZero: true });
    if (amount) problems.push(amount);
  }
  if (list.shipping.freeFrom !== null) {
    const amount = checkAmount(['shipping', 'freeFrom'], list.shipping.freeFrom, { allowZero: true });
    if (amount) problems.push(amount);
  }
  return problems;
}

const sameScope = (a: PriceListScope, b: PriceListScope) => a.region === b.region && a.channel === b.channel && a.currency === b.currency;
const endOf = (list: Pick<PriceListFacts, 'validTo'>) => (list.validTo === null ? Number.POSITIVE_INFINITY : Date.parse(list.validTo));

/**
 * The first other list of the same scope whose period intersects this one's: two lists in force at once would make
 * a price depend on which one a reader happened to pick, so they are refused.
 */
export function findOverlap<T extends Pick<PriceListFacts, 'id' | 'region' | 'channel' | 'currency' | 'validFrom' | 'validTo'>>(
  candidate: Omit<T, 'id'> & { id?: string },
  others: readonly T[],
): T | undefined {
  const from = Date.parse(candidate.validFrom);
  const to = endOf(candidate);
  return others.find((other) => other.id !== candidate.id && sameScope(other, candidate) && Date.parse(other.validFrom) < to && from < endOf(other));
}

export const overlapProblem = (other: Pick<PriceListFacts, 'id' | 'validFrom' | 'validTo'>): CatalogueProblem =>
  problem(
    'validFrom',
    'PRICE_LIST_OVERLAP',
    `The period overlaps price list ${other.id} (${other.validFrom} to ${other.validTo ?? 'open end'}) of the same region, channel and currency`,
  );

/** The list in force for `scope` at `at`; lists never overlap, so there is at most one. */
export function priceListInForce<T extends PriceListFacts>(lists: readonly T[], scope: PriceListScope, at: Date): T | undefined {
  const instant = at.getTime();
  return lists.find((list) => sameScope(list, scope) && Date.parse(list.validFrom) <= instant && instant < endOf(list));
}
