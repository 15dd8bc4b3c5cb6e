import { problem, type CatalogueProblem } from '../problem.js';
import { EU_TAX_CLASSES, type EuTaxClass } from '../vat/tax-class.js';
import { allowedReturnClasses, CN_RETURN_CLASSES, PRODUCT_CATEGORIES, type CnReturnClass, type ProductCategory } from './return-class.rules.js';

export const PRODUCT_STATUSES = ['DRAFT', 'ACTIVE', 'RETIRED'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

/** Locales a product name may be given in (BCP 47); the name in `en` is required as the fallback. */
export const NAME_LOCALES = ['en', 'de', 'zh-CN', 'th', 'id', 'ms', 'vi', 'fil'] as const;
export type NameLocale = (typeof NAME_LOCALES)[number];

export const SKU_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

/** The facts a SKU carries that regional rules, pricing and fulfilment read. Weight in grams, dimensions in millimetres. */
export interface ProductFacts {
  sku: string;
  names: Partial<Record<NameLocale, string>>;
  category: ProductCategory;
  cnReturnClass: CnReturnClass;
  euTaxClass: EuTaxClass;
  hazardous: boolean;
  weightGrams: number;
  lengthMm: number;
  widthMm: number;
  heightMm: number;
  status: ProductStatus;
}

/** 1 t and 10 m: anything beyond is a typing error (grams for kilograms), not a parcel or a freight item we ship. */
const MAX_WEIGHT_GRAMS = 1_000_000;
const MAX_DIMENSION_MM = 10_000;

const isOneOf = <T extends string>(list: readonly T[], value: unknown): value is T => typeof value === 'string' && (list as readonly string[]).includes(value);

/** Every problem with a product's facts (not only the first), so an import report names them all. */
export function validateProduct(product: ProductFacts): CatalogueProblem[] {
  const problems: CatalogueProblem[] = [];
  if (!SKU_PATTERN.test(product.sku)) problems.push(problem('sku', 'INVALID', 'sku must be 1-64 letters, digits, dots, underscores or dashes'));
  for (const [locale, name] of Object.entries(product.names ?? {})) {
    if (!isOneOf(NAME_LOCALES, locale)) problems.push(problem(['names', locale], 'INVALID', `Names are accepted in ${NAME_LOCALES.join(', ')}`));
    else if (typeof name !== 'string' || name.trim().length === 0 || name.length > 300)
      problems.push(problem(['names', locale], 'INVALID', 'A name has 1-300 characters'));
  }
  if (!product.names?.en) problems.push(problem(['names', 'en'], 'INVALID', 'Every product needs an English name, the fallback for other locales'));
  if (!isOneOf(PRODUCT_CATEGORIES, product.category)) problems.push(problem('category', 'INVALID', 'Unknown category'));
  if (!isOneOf(CN_RETURN_CLASSES, product.cnReturnClass)) problems.push(problem('cnReturnClass', 'INVALID', 'Unknown CN return class'));
  else if (isOneOf(PRODUCT_CATEGORIES, product.category) && !allowedReturnClasses(product.category).includes(product.cnReturnClass)) {
    problems.push(
      problem(
        'cnReturnClass',
        'RETURN_CLASS_NOT_ALLOWED',
        `Goods of category ${product.category} cannot be excluded from no-reason returns as ${product.cnReturnClass}; allowed: ${allowedReturnClasses(product.category).join(', ')}`,
      ),
    );
  }
  if (!isOneOf(EU_TAX_CLASSES, product.euTaxClass)) problems.push(problem('euTaxClass', 'INVALID', 'Unknown EU tax class'));
  if (typeof product.hazardous !== 'boolean') problems.push(problem('hazardous', 'INVALID', 'hazardous is true or false'));
  if (!isOneOf(PRODUCT_STATUSES, product.status)) problems.push(problem('status', 'INVALID', 'Unknown status'));
  const measures: Array<[keyof ProductFacts, number]> = [
    ['weightGrams', MAX_WEIGHT_GRAMS],
    ['lengthMm', MAX_DIMENSION_MM],
    ['widthMm', MAX_DIMENSION_MM],
    ['heightMm', MAX_DIMENSION_MM],
  ];
  // A download has no parcel; everything else does.
  const min = product.category === 'DIGITAL_CONTENT' ? 0 : 1;
  for (const [field, max] of measures) {
    const value = product[field];
    if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
      problems.push(problem(field, 'INVALID', `${field} must be a whole number from ${min} to ${max}`));
    }
  }
  return problems;
}

/** The name to show in `locale`, falling back to English. */
export const productName = (product: Pick<ProductFacts, 'names'>, locale: string): string => product.names[locale as NameLocale] ?? product.names.en ?? '';
