/**
 * The VAT treatment a product asks for, as the lowest rate class it is entitled to: STANDARD; REDUCED (Annex III
 * VAT Directive goods such as food or books); SUPER_REDUCED (below 5 %, art. 98(2) and 105a); ZERO (exemption with
 * right of deduction, art. 98(2) second subparagraph). A country that has no rate of that class applies its next
 * higher one, which is how a member state that never adopted a reduced rate taxes the same goods.
 */
export const EU_TAX_CLASSES = ['STANDARD', 'REDUCED', 'SUPER_REDUCED', 'ZERO'] as const;
export type EuTaxClass = (typeof EU_TAX_CLASSES)[number];
