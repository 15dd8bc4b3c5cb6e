/** What an online check (VIES, or the BZSt confirmation service under §18e UStG) says about a VAT ID. */
export type VatIdCheckOutcome = 'VALID' | 'INVALID' | 'UNAVAILABLE' | 'NOT_CHECKED';

/**
 * Variation point for confirming a well-formed VAT ID online. A reverse-charge supply needs a valid ID of
 * the buyer (§6a(1) Nr. 4 UStG) and due diligence for trust protection (§6a(4) UStG).
 */
export interface VatIdChecker {
  check(vatId: string): Promise<VatIdCheckOutcome>;
}

/** The default: format checks only; the invoice records that no online check ran. */
export const formatOnlyVatIdChecker: VatIdChecker = { check: async () => 'NOT_CHECKED' };
