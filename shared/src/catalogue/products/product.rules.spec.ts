import { aProduct } from '../testing/fixtures.js';
import { validateProduct, type ProductFacts } from './product.rules.js';
import { allowedReturnClasses, cnReturnTermsOf, type CnReturnClass } from './return-class.rules.js';
import type { ProductCategory } from './return-class.rules.js';

describe('CN return class by category', () => {
  it.each<[ProductCategory, CnReturnClass, boolean]>([
    ['APPAREL', 'RETURNABLE', true],
    ['APPAREL', 'FRESH_PERISHABLE', false], // the clothing line marked perishable
    ['APPAREL', 'CUSTOM_MADE', false],
    ['APPAREL', 'DISCLOSED_NEAR_EXPIRY_OR_DEFECT', false],
    ['FRESH_FOOD', 'FRESH_PERISHABLE', true],
    ['FRESH_FOOD', 'SEALED_MEDIA', false],
    ['CUSTOM_MADE_GOODS', 'CUSTOM_MADE', true],
    ['NEWSPAPERS_PERIODICALS', 'NEWSPAPER_PERIODICAL', true],
    ['BOOKS', 'NEWSPAPER_PERIODICAL', false],
    ['SOFTWARE_MEDIA', 'SEALED_MEDIA', true],
    ['DIGITAL_CONTENT', 'DIGITAL_DOWNLOAD', true],
    ['COSMETICS', 'UNSEALING_AFFECTS_SAFETY_OR_QUALITY', true],
    ['ELECTRONICS', 'ACTIVATION_OR_TRIAL_DEVALUES', true],
    ['ELECTRONICS', 'FRESH_PERISHABLE', false],
    ['FURNITURE', 'RETURNABLE', true],
    ['FURNITURE', 'CUSTOM_MADE', false],
  ])('%s may be %s: %s', (category, returnClass, allowed) => {
    expect(allowedReturnClasses(category).includes(returnClass)).toBe(allowed);
    const problems = validateProduct(aProduct({ category, cnReturnClass: returnClass, weightGrams: 100 }));
    expect(problems.some((p) => p.code === 'RETURN_CLASS_NOT_ALLOWED')).toBe(!allowed);
  });

  it.each<[CnReturnClass, boolean, boolean]>([
    ['RETURNABLE', true, false],
    ['FRESH_PERISHABLE', false, false],
    ['CUSTOM_MADE', false, false],
    ['SEALED_MEDIA', true, false], // returnable while sealed
    ['UNSEALING_AFFECTS_SAFETY_OR_QUALITY', true, true], // only excluded once the customer confirms
  ])('%s: no-reason return %s, needs confirmation %s', (returnClass, noReasonReturn, requiresCustomerConfirmation) => {
    expect(cnReturnTermsOf(returnClass)).toMatchObject({ noReasonReturn, requiresCustomerConfirmation });
  });
});

describe('validateProduct', () => {
  it('accepts a complete product', () => {
    expect(validateProduct(aProduct())).toEqual([]);
  });

  it.each<[string, Partial<ProductFacts>, string, string]>([
    ['a SKU with spaces', { sku: 'T SHIRT' }, 'sku', 'INVALID'],
    ['no English name', { names: { de: 'Hemd' } }, 'names.en', 'INVALID'],
    ['an empty name', { names: { en: ' ' } }, 'names.en', 'INVALID'],
    ['an unknown locale', { names: { en: 'Shirt', xx: 'Shirt' } as never }, 'names.xx', 'INVALID'],
    ['an unknown category', { category: 'CLOTHES' as never }, 'category', 'INVALID'],
    ['an unknown tax class', { euTaxClass: 'HALF' as never }, 'euTaxClass', 'INVALID'],
    ['a weight of zero', { weightGrams: 0 }, 'weightGrams', 'INVALID'],
    ['a fractional weight', { weightGrams: 1.5 }, 'weightGrams', 'INVALID'],
    ['a side of 20 m', { lengthMm: 20_000 }, 'lengthMm', 'INVALID'],
    ['an unknown status', { status: 'GONE' as never }, 'status', 'INVALID'],
  ])('refuses %s', (_label, changes, field, code) => {
    expect(validateProduct(aProduct(changes))).toEqual([{ field: field.split('.'), code, message: expect.any(String) }]);
  });

  it('lets a download weigh nothing', () => {
    expect(
      validateProduct(aProduct({ category: 'DIGITAL_CONTENT', cnReturnClass: 'DIGITAL_DOWNLOAD', weightGrams: 0, lengthMm: 0, widthMm: 0, heightMm: 0 })),
    ).toEqual([]);
  });

  it('reports every problem at once', () => {
    expect(validateProduct(aProduct({ sku: '', weightGrams: -1, cnReturnClass: 'FRESH_PERISHABLE' })).map((p) => p.field.join('.'))).toEqual([
      'sku',
      'cnReturnClass',
      'weightGrams',
    ]);
  });
});
