import { allowedReturnClasses, type CnReturnClass, type ProductCategory } from '@hub/shared/catalogue/products/return-class.rules';
import { isConfirmable, type ReturnExclusion, type ReturnPolicyDeclaration } from './return-policy.rules.js';

/** The catalogue's facts of a line's product that decide its return terms. */
export interface LineProductFacts {
  category: ProductCategory;
  cnReturnClass: CnReturnClass;
}

export type LineReturnTerms = { ok: true; exclusion: ReturnExclusion | null; customerConfirmed: boolean } | { ok: false; message: string };

/**
 * A line's return exclusion comes from its product, not from the shop's declaration at purchase: a statutory
 * exclusion (CRPL art. 25(1)) applies because of what the goods are; a confirmable one (Interim Measures art. 7)
 * only with the customer's confirmation; a declaration cannot exclude goods whose product is returnable
 * (Implementing Regulation 2024 art. 19: no widening). The one declaration that depends on the sale, not the product,
 * is a disclosed near expiry or defect, allowed where the category can carry it.
 */
export function lineReturnTerms(product: LineProductFacts, declared: ReturnPolicyDeclaration | null): LineReturnTerms {
  const exclusion = declared?.exclusion ?? null;
  const confirmed = declared?.customerConfirmed === true;
  if (exclusion !== null) {
    const fromSale = exclusion === 'DISCLOSED_NEAR_EXPIRY_OR_DEFECT' && allowedReturnClasses(product.category).includes(exclusion);
    if (exclusion !== product.cnReturnClass && !fromSale) {
      return { ok: false, message: `The catalogue classes this product ${product.cnReturnClass}; a line cannot be excluded from no-reason returns otherwise` };
    }
    return { ok: true, exclusion, customerConfirmed: confirmed };
  }
  if (product.cnReturnClass === 'RETURNABLE' || isConfirmable(product.cnReturnClass)) return { ok: true, exclusion: null, customerConfirmed: false };
  return { ok: true, exclusion: product.cnReturnClass, customerConfirmed: false };
}
