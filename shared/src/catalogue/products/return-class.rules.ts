/**
 * Goods the law itself excludes from China's 7-day no-reason returns (Consumer Rights Protection Law art. 25(1);
 * SAMR Interim Measures for 7-Day No-Reason Returns of Online Purchases, 2017, art. 6): custom-made goods; fresh,
 * live and perishable goods; downloaded digital goods; audio-visual products and software once unsealed; newspapers
 * and periodicals delivered.
 */
export const STATUTORY_RETURN_EXCLUSIONS = ['CUSTOM_MADE', 'FRESH_PERISHABLE', 'DIGITAL_DOWNLOAD', 'SEALED_MEDIA', 'NEWSPAPER_PERIODICAL'] as const;

/**
 * Goods that may be excluded only when the consumer confirmed it at purchase (Interim Measures art. 7; Implementing
 * Regulation of the CRPL, 2024, art. 19: never by default, never by a seller's own list).
 */
export const CONFIRMABLE_RETURN_EXCLUSIONS = [
  'UNSEALING_AFFECTS_SAFETY_OR_QUALITY',
  'ACTIVATION_OR_TRIAL_DEVALUES',
  'DISCLOSED_NEAR_EXPIRY_OR_DEFECT',
] as const;

/** A product's CN return class: returnable (the law's presumption), or one of the statutory or confirmable exclusions. */
export const CN_RETURN_CLASSES = ['RETURNABLE', ...STATUTORY_RETURN_EXCLUSIONS, ...CONFIRMABLE_RETURN_EXCLUSIONS] as const;
export type CnReturnClass = (typeof CN_RETURN_CLASSES)[number];
export type StatutoryReturnExclusion = (typeof STATUTORY_RETURN_EXCLUSIONS)[number];
export type ConfirmableReturnExclusion = (typeof CONFIRMABLE_RETURN_EXCLUSIONS)[number];

/** Product categories; each decides which return classes its goods may carry. */
export const PRODUCT_CATEGORIES = [
  'FRESH_FOOD',
  'GROCERY',
  'APPAREL',
  'FOOTWEAR',
  'ELECTRONICS',
  'HOME',
  'FURNITURE',
  'LARGE_APPLIANCES',
  'BOOKS',
  'NEWSPAPERS_PERIODICALS',
  'SOFTWARE_MEDIA',
  'DIGITAL_CONTENT',
  'CUSTOM_MADE_GOODS',
  'COSMETICS',
  'TOYS',
  'SPORTS',
] as const;
export type ProductCategory = (typeof PRODUCT_CATEGORIES)[number];

/**
 * The exclusions a category's goods can legally carry besides RETURNABLE. A category absent here is ordinary: its
 * goods are always returnable, so a shop cannot mark clothing as perishable to widen the statutory list (Implementing
 * Regulation 2024 art. 19). Near-expiry or defective goods sold as such can occur in any physical category.
 */
const EXCLUSIONS_BY_CATEGORY: Partial<Record<ProductCategory, readonly CnReturnClass[]>> = {
  FRESH_FOOD: ['FRESH_PERISHABLE', 'DISCLOSED_NEAR_EXPIRY_OR_DEFECT'],
  GROCERY: ['UNSEALING_AFFECTS_SAFETY_OR_QUALITY', 'DISCLOSED_NEAR_EXPIRY_OR_DEFECT'],
  COSMETICS: ['UNSEALING_AFFECTS_SAFETY_OR_QUALITY', 'DISCLOSED_NEAR_EXPIRY_OR_DEFECT'],
  ELECTRONICS: ['ACTIVATION_OR_TRIAL_DEVALUES', 'DISCLOSED_NEAR_EXPIRY_OR_DEFECT'],
  NEWSPAPERS_PERIODICALS: ['NEWSPAPER_PERIODICAL'],
  SOFTWARE_MEDIA: ['SEALED_MEDIA'],
  DIGITAL_CONTENT: ['DIGITAL_DOWNLOAD'],
  CUSTOM_MADE_GOODS: ['CUSTOM_MADE'],
};

export function allowedReturnClasses(category: ProductCategory): readonly CnReturnClass[] {
  return ['RETURNABLE', ...(EXCLUSIONS_BY_CATEGORY[category] ?? [])];
}

export function isConfirmableExclusion(returnClass: CnReturnClass): returnClass is ConfirmableReturnExclusion {
  return (CONFIRMABLE_RETURN_EXCLUSIONS as readonly string[]).includes(returnClass);
}

/** What a CN customer is told about a line before buying it. */
export interface CnReturnTerms {
  /** Whether 7-day no-reason return applies as things stand. */
  noReasonReturn: boolean;
  exclusion: Exclude<CnReturnClass, 'RETURNABLE'> | null;
  /** A confirmable exclusion applies only if the customer confirms it at purchase; without that the line stays returnable. */
  requiresCustomerConfirmation: boolean;
}

export function cnReturnTermsOf(returnClass: CnReturnClass): CnReturnTerms {
  if (returnClass === 'RETURNABLE') return { noReasonReturn: true, exclusion: null, requiresCustomerConfirmation: false };
  // SEALED_MEDIA is excluded only once unsealed; sold sealed it is returnable, so the customer is told it is.
  const confirmable = isConfirmableExclusion(returnClass);
  return { noReasonReturn: confirmable || returnClass === 'SEALED_MEDIA', exclusion: returnClass, requiresCustomerConfirmation: confirmable };
}
