import { CARBON_FACTORS_V1, CARBON_FACTORS_V2 } from './carbon-factors.table.js';
import { CarbonFactorMissingError } from './carbon.rules.js';
import { ConsolidationWindowError, decideDelivery, optionCarbonGrams, quoteDeliveryOptions, type DeliveryOption } from './delivery-options.rules.js';

const AT = new Date('2026-12-03T10:00:00Z');
const day = (n: number) => new Date(AT.getTime() + n * 86_400_000);
const PARCEL = { greatCircleKm: 400, grossGrams: 2_000, packagingMaterialGrams: 160 };

describe('quoteDeliveryOptions', () => {
  it('shows every option with its promised window and CO2e; express emits most, consolidated least', () => {
    const options = quoteDeliveryOptions(CARBON_FACTORS_V2, AT, PARCEL);
    expect(options.map((o) => [o.option, o.etaFrom, o.etaTo, o.consolidateUntil])).toEqual([
      ['STANDARD', day(2), day(4), null],
      ['EXPRESS', day(1), day(2), null],
      ['CONSOLIDATED', day(3), day(7), day(3)],
    ]);
    const [standard, express, consolidated] = options;
    expect(standard!.co2eSavedGrams).toBe(0);
    expect(express!.co2eGrams).toBeGreaterThanOrEqual(standard!.co2eGrams);
    expect(consolidated!.co2eGrams).toBeLessThan(standard!.co2eGrams);
    expect(consolidated!.co2eSavedGrams).toBe(standard!.co2eGrams - consolidated!.co2eGrams);
    expect(options.every((o) => o.factorVersion === CARBON_FACTORS_V2.version)).toBe(true);
  });

  it.each<[string, number, number]>([
    // 400 km: 375 km artic line-haul + 25 km van; the van leg (25 × 1.05 km × 2 kg × 1,000 g/t·km = 52.5 g) shrinks by a third.
    ['400 km parcel', 400, 52.5 * (1 - 1 / 1.5)],
    // Within 40 km the van drives the whole way, so the gain applies to all of it: 30 × 1.05 × 0.002 × 1,000 = 63 g.
    ['30 km parcel', 30, 63 * (1 - 1 / 1.5)],
  ])('consolidation saves the van leg’s load-factor share: %s', (_name, km, saved) => {
    const facts = { ...PARCEL, greatCircleKm: km };
    expect(optionCarbonGrams(CARBON_FACTORS_V2, 'STANDARD', facts) - optionCarbonGrams(CARBON_FACTORS_V2, 'CONSOLIDATED', facts)).toBeCloseTo(saved, 6);
  });

  it('refuses a consolidated estimate from a table without the consolidation figure', () => {
    expect(() => optionCarbonGrams(CARBON_FACTORS_V1, 'CONSOLIDATED', PARCEL)).toThrow(CarbonFactorMissingError);
    expect(optionCarbonGrams(CARBON_FACTORS_V1, 'STANDARD', PARCEL)).toBeCloseTo(optionCarbonGrams(CARBON_FACTORS_V2, 'STANDARD', PARCEL), 9);
  });
});

describe('decideDelivery', () => {
  it.each<[string, DeliveryOption, Date | null, { promisedBy: Date; consolidateUntil: Date | null } | 'REFUSED']>([
    ['standard: promised in 4 days, no hold', 'STANDARD', null, { promisedBy: day(4), consolidateUntil: null }],
    ['express: promised in 2 days', 'EXPRESS', null, { promisedBy: day(2), consolidateUntil: null }],
    ['consolidated by default waits 3 days', 'CONSOLIDATED', null, { promisedBy: day(7), consolidateUntil: day(3) }],
    ['consolidated with a shorter wait', 'CONSOLIDATED', day(1), { promisedBy: day(7), consolidateUntil: day(1) }],
    ['consolidated waiting exactly to the last dispatch (promise − 72 h transit)', 'CONSOLIDATED', day(4), { promisedBy: day(7), consolidateUntil: day(4) }],
    ['a window beyond the last dispatch would break the promise', 'CONSOLIDATED', new Date(day(4).getTime() + 1), 'REFUSED'],
    ['a window in the past', 'CONSOLIDATED', day(-1), 'REFUSED'],
  ])('%s', (_name, option, until, expected) => {
    if (expected === 'REFUSED') {
      const error = (() => {
        try {
          decideDelivery(AT, option, until);
        } catch (caught) {
          return caught;
        }
        return null;
      })();
      expect(error).toBeInstanceOf(ConsolidationWindowError);
      expect((error as ConsolidationWindowError).code).toBe('CONSOLIDATION_WINDOW_BEYOND_PROMISE');
      expect((error as ConsolidationWindowError).field).toEqual(['delivery', 'consolidateUntil']);
      return;
    }
    expect(decideDelivery(AT, option, until)).toEqual({ option, ...expected });
  });
});
