import { isEuMemberState, type EuMemberState } from './eu-member-states.js';

/** EUR 10,000 net of EU-wide cross-border B2C distance sales (art. 59c VAT Directive, §3c(4) UStG). */
export const DISTANCE_SALES_THRESHOLD_CENTS = 1_000_000;
/** EUR 150 intrinsic value of an imported consignment, the IOSS ceiling (art. 369l VAT Directive). */
export const IOSS_MAX_INTRINSIC_VALUE_CENTS = 15_000;
export const SELLER_COUNTRY: EuMemberState = 'DE';

export const VAT_SCHEMES = ['DOMESTIC', 'DISTANCE_SALE_DE_VAT', 'OSS', 'IOSS', 'IMPORT', 'REVERSE_CHARGE'] as const;
export type VatScheme = (typeof VAT_SCHEMES)[number];

export interface VatSchemeFacts {
  destination: EuMemberState;
  /** Where the goods leave from: the German warehouse, or a supplier outside the EU. */
  dispatchCountry: string;
  /** Issuing country of the buyer's checked VAT ID; null for consumers. */
  buyerVatIdCountry: string | null;
  /** Net value of the goods in this order, in cents. */
  orderNet: number;
  /** Alcohol, tobacco or energy products: never under IOSS (art. 369l VAT Directive). */
  exciseGoods: boolean;
  /** The seller's cross-border B2C net sales in the EU before this order, in cents. */
  crossBorderB2cNet: { previousYear: number; currentYear: number };
  /** The seller waived the threshold and taxes every distance sale at destination (§3c(4) S. 2 UStG, binding for 2 years). */
  optedForDestinationTaxation: boolean;
  iossRegistered: boolean;
}

export type VatSchemeDecision =
  | { ok: true; scheme: VatScheme; taxCountry: EuMemberState | null }
  | { ok: false; rule: 'DISPATCH_COUNTRY_UNSUPPORTED' | 'VAT_ID_NOT_FROM_OTHER_MEMBER_STATE'; field: string };

/** Which VAT regime applies to an order of the DE shop, and which country's VAT is charged (null: none at sale). */
export function determineVatScheme(facts: VatSchemeFacts): VatSchemeDecision {
  if (facts.dispatchCountry !== SELLER_COUNTRY) {
    // Stock in another member state would make that state's VAT due; the shop holds none there.
    if (isEuMemberState(facts.dispatchCountry)) return { ok: false, rule: 'DISPATCH_COUNTRY_UNSUPPORTED', field: 'dispatchCountry' };
    return determineImportScheme(facts);
  }
  // A supply that stays in Germany is taxed in Germany, whoever buys (§1(1) Nr. 1, §3(6) UStG).
  if (facts.destination === SELLER_COUNTRY) return { ok: true, scheme: 'DOMESTIC', taxCountry: SELLER_COUNTRY };
  if (facts.buyerVatIdCountry !== null) {
    // §6a(1) Nr. 4 UStG: the exemption needs a VAT ID issued by a member state other than Germany.
    if (facts.buyerVatIdCountry === SELLER_COUNTRY) return { ok: false, rule: 'VAT_ID_NOT_FROM_OTHER_MEMBER_STATE', field: 'customer.vatId' };
    // Intra-community supply: exempt here, the buyer accounts for acquisition VAT (§4 Nr. 1b, §6a UStG; art. 138 VAT Directive).
    return { ok: true, scheme: 'REVERSE_CHARGE', taxCountry: null };
  }
  // Distance sale to a consumer: German VAT while EU-wide sales stay within EUR 10,000 in this and the last
  // year; from the sale that crosses it, the destination's VAT, declared through the OSS (§3c, §18j UStG).
  const { previousYear, currentYear } = facts.crossBorderB2cNet;
  const withinThreshold = previousYear <= DISTANCE_SALES_THRESHOLD_CENTS && currentYear + facts.orderNet <= DISTANCE_SALES_THRESHOLD_CENTS;
  return withinThreshold && !facts.optedForDestinationTaxation
    ? { ok: true, scheme: 'DISTANCE_SALE_DE_VAT', taxCountry: SELLER_COUNTRY }
    : { ok: true, scheme: 'OSS', taxCountry: facts.destination };
}

/**
 * Goods sent from outside the EU: consignments of up to EUR 150 to consumers carry the destination's VAT at
 * sale through the IOSS and are released VAT- and duty-free (§3(3a), §18k UStG); above that, or to a business,
 * import VAT and customs duty are paid at import and no VAT is charged at sale.
 */
function determineImportScheme(facts: VatSchemeFacts): VatSchemeDecision {
  const iossEligible = facts.iossRegistered && facts.buyerVatIdCountry === null && !facts.exciseGoods && facts.orderNet <= IOSS_MAX_INTRINSIC_VALUE_CENTS;
  return iossEligible ? { ok: true, scheme: 'IOSS', taxCountry: facts.destination } : { ok: true, scheme: 'IMPORT', taxCountry: null };
}
