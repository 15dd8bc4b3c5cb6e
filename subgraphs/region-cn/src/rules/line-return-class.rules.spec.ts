import { lineReturnTerms, type LineProductFacts } from './line-return-class.rules.js';

const product = (category: LineProductFacts['category'], cnReturnClass: LineProductFacts['cnReturnClass']): LineProductFacts => ({ category, cnReturnClass });

describe("a CN line's return terms come from its product", () => {
  it.each([
    ['ordinary goods, nothing declared', product('APPAREL', 'RETURNABLE'), null, { ok: true, exclusion: null, customerConfirmed: false }],
    [
      'fresh food is excluded by law, declared or not',
      product('FRESH_FOOD', 'FRESH_PERISHABLE'),
      null,
      { ok: true, exclusion: 'FRESH_PERISHABLE', customerConfirmed: false },
    ],
    [
      'the same exclusion declared',
      product('FRESH_FOOD', 'FRESH_PERISHABLE'),
      { exclusion: 'FRESH_PERISHABLE' },
      { ok: true, exclusion: 'FRESH_PERISHABLE', customerConfirmed: false },
    ],
    [
      'a confirmable class without confirmation stays returnable',
      product('COSMETICS', 'UNSEALING_AFFECTS_SAFETY_OR_QUALITY'),
      null,
      { ok: true, exclusion: null, customerConfirmed: false },
    ],
    [
      'a confirmable class confirmed',
      product('COSMETICS', 'UNSEALING_AFFECTS_SAFETY_OR_QUALITY'),
      { exclusion: 'UNSEALING_AFFECTS_SAFETY_OR_QUALITY', customerConfirmed: true },
      { ok: true, exclusion: 'UNSEALING_AFFECTS_SAFETY_OR_QUALITY', customerConfirmed: true },
    ],
    [
      'a disclosed defect on goods whose category allows it',
      product('ELECTRONICS', 'RETURNABLE'),
      { exclusion: 'DISCLOSED_NEAR_EXPIRY_OR_DEFECT', customerConfirmed: true },
      { ok: true, exclusion: 'DISCLOSED_NEAR_EXPIRY_OR_DEFECT', customerConfirmed: true },
    ],
  ] as const)('%s', (_label, facts, declared, expected) => {
    expect(lineReturnTerms(facts, declared)).toEqual(expected);
  });

  it.each([
    ['clothing declared perishable (widening the statutory list)', product('APPAREL', 'RETURNABLE'), { exclusion: 'FRESH_PERISHABLE' }],
    ["another statutory class than the product's", product('SOFTWARE_MEDIA', 'SEALED_MEDIA'), { exclusion: 'CUSTOM_MADE' }],
    [
      'a disclosed defect on a category that cannot carry it',
      product('FURNITURE', 'RETURNABLE'),
      { exclusion: 'DISCLOSED_NEAR_EXPIRY_OR_DEFECT', customerConfirmed: true },
    ],
  ] as const)('refuses %s', (_label, facts, declared) => {
    expect(lineReturnTerms(facts, declared)).toMatchObject({ ok: false });
  });
});
