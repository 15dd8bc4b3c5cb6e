import type { CarbonFactorTable } from './carbon-factors.table.js';
import { QUOTE_ASSUMED_KM, optionCarbonGrams } from './delivery-options.rules.js';

export interface OrderForGreenSummary {
  delivery?: { option: string } | undefined;
  lines: ReadonlyArray<{ quantity: number; attributes: Record<string, string | number | boolean> }>;
}

export interface GreenSummary {
  /** Orders placed with the low-carbon (consolidated) option. */
  lowCarbonOrders: number;
  /** Their share of the period's orders, in percent (one decimal). */
  lowCarbonUptakePercent: number;
  /**
   * Grams CO2e those orders save against the standard option, estimated as the quote shows it (the goods' weight at
   * the quote's assumed distance). Packaging saved by merging parcels comes on top and is recorded by fulfilment.
   */
  co2eSavedGrams: number;
}

/** The orders of a set that chose the low-carbon option and the CO2e they save, unrounded: a period's parts add up. */
export interface LowCarbonSavings {
  orders: number;
  grams: number;
}

export function lowCarbonSavingsOf(table: CarbonFactorTable, orders: readonly OrderForGreenSummary[]): LowCarbonSavings {
  const chosen = orders.filter((order) => order.delivery?.option === 'CONSOLIDATED');
  const grams = chosen.reduce((sum, order) => {
    const grossGrams = order.lines.reduce((weight, line) => weight + line.quantity * Number(line.attributes.weightGrams ?? 0), 0);
    const facts = { greatCircleKm: QUOTE_ASSUMED_KM, grossGrams, packagingMaterialGrams: 0 };
    return sum + optionCarbonGrams(table, 'STANDARD', facts) - optionCarbonGrams(table, 'CONSOLIDATED', facts);
  }, 0);
  return { orders: chosen.length, grams };
}

/** The summary's figures from a period's savings and its count of orders. */
export function greenSummaryOfSavings(savings: LowCarbonSavings, orderCount: number): GreenSummary {
  return {
    lowCarbonOrders: savings.orders,
    lowCarbonUptakePercent: orderCount === 0 ? 0 : Math.round((savings.orders / orderCount) * 1000) / 10,
    co2eSavedGrams: Math.round(savings.grams),
  };
}

/**
 * Uptake of the low-carbon option and the CO2e it saved, for a region's period summary (issue 16). `orders` may be
 * only those that chose the option, with the period's count in `orderCount`: a region need not read every order.
 */
export function greenSummaryOf(table: CarbonFactorTable, orders: readonly OrderForGreenSummary[], orderCount = orders.length): GreenSummary {
  return greenSummaryOfSavings(lowCarbonSavingsOf(table, orders), orderCount);
}
