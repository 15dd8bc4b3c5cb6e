import { CARBON_FACTORS_V2 } from './carbon-factors.table.js';
import { optionCarbonGrams, QUOTE_ASSUMED_KM } from './delivery-options.rules.js';
import { greenSummaryOf, type OrderForGreenSummary } from './green-summary.rules.js';

const order = (option: string | null, grams: number, quantity = 1): OrderForGreenSummary => ({
  ...(option ? { delivery: { option } } : {}),
  lines: [{ quantity, attributes: { weightGrams: grams } }],
});
const savedFor = (grams: number) => {
  const facts = { greatCircleKm: QUOTE_ASSUMED_KM, grossGrams: grams, packagingMaterialGrams: 0 };
  return optionCarbonGrams(CARBON_FACTORS_V2, 'STANDARD', facts) - optionCarbonGrams(CARBON_FACTORS_V2, 'CONSOLIDATED', facts);
};

describe('greenSummaryOf', () => {
  it.each<[string, OrderForGreenSummary[], { lowCarbonOrders: number; lowCarbonUptakePercent: number; co2eSavedGrams: number }]>([
    ['no orders', [], { lowCarbonOrders: 0, lowCarbonUptakePercent: 0, co2eSavedGrams: 0 }],
    [
      'none chose it (older orders carry no choice)',
      [order(null, 1_000), order('STANDARD', 1_000), order('EXPRESS', 500)],
      { lowCarbonOrders: 0, lowCarbonUptakePercent: 0, co2eSavedGrams: 0 },
    ],
    [
      'one of three chose it: 33.3 %, saving its van share',
      [order('CONSOLIDATED', 2_000), order('STANDARD', 1_000), order(null, 1_000)],
      { lowCarbonOrders: 1, lowCarbonUptakePercent: 33.3, co2eSavedGrams: Math.round(savedFor(2_000)) },
    ],
    [
      'savings add up over orders and quantities',
      [order('CONSOLIDATED', 500, 4), order('CONSOLIDATED', 3_000)],
      { lowCarbonOrders: 2, lowCarbonUptakePercent: 100, co2eSavedGrams: Math.round(savedFor(2_000) + savedFor(3_000)) },
    ],
  ])('%s', (_name, orders, expected) => {
    expect(greenSummaryOf(CARBON_FACTORS_V2, orders)).toEqual(expected);
  });

  it('takes the period count apart from the orders read, so a region reads only those that chose the option', () => {
    expect(greenSummaryOf(CARBON_FACTORS_V2, [order('CONSOLIDATED', 2_000)], 8)).toEqual({
      lowCarbonOrders: 1,
      lowCarbonUptakePercent: 12.5,
      co2eSavedGrams: Math.round(savedFor(2_000)),
    });
  });
});
