import { SeaRuleViolationError } from './sea-rule-violation.error.js';
import { determineCurrency, MINOR_UNITS_PER_MAJOR, type SeaCountry } from './country-currency.rules.js';

/**
 * The most cash a courier collects for one order, in minor units of the country's currency: carriers cap the
 * cash a rider carries (theft and insurance), and a refused parcel is a loss the seller carries, so large orders
 * are paid up front. Rp 5,000,000; ฿10,000; RM 1,500; ₱20,000; ₫10,000,000; S$500.
 */
export const COD_LIMITS: Readonly<Record<SeaCountry, number>> = {
  ID: 5_000_000,
  TH: 1_000_000,
  MY: 150_000,
  PH: 2_000_000,
  VN: 10_000_000,
  SG: 50_000,
};

export const COD_LIMIT_EXCEEDED = 'COD_LIMIT_EXCEEDED';

/** Refuses cash on delivery for an order whose total is above the destination country's limit. */
export function assertWithinCodLimit(country: SeaCountry, grandTotal: number): void {
  const limit = COD_LIMITS[country];
  const currency = determineCurrency(country)!;
  if (grandTotal > limit) {
    const major = (limit / MINOR_UNITS_PER_MAJOR[currency]).toLocaleString('en');
    throw new SeaRuleViolationError('payment', COD_LIMIT_EXCEEDED, `Cash on delivery is limited to ${major} ${currency} per order in ${country}`, {
      limit,
      currency,
    });
  }
}
