import { isEuMemberState } from '../vat/eu-member-states.js';
import { isOutsideEuVatArea } from '../vat/vat-territory.rules.js';
import { determineVatScheme, type VatScheme } from '../vat/vat-scheme.rules.js';
import { problem, type CatalogueProblem } from '../problem.js';

/** Facts about the seller's position that the EU regimes depend on (region-de's settings and its own sales). */
export interface EuSellerFacts {
  dispatchCountry: string;
  crossBorderB2cNet: { previousYear: number; currentYear: number };
  optedForDestinationTaxation: boolean;
  iossRegistered: boolean;
}

export interface TaxFacts {
  destination: { country: string; postalCode?: string | null };
  /** Issuing country of the buyer's well-formed VAT ID; null for consumers. */
  vatIdCountry: string | null;
  goodsNet: number;
  exciseGoods: boolean;
  eu?: EuSellerFacts;
}

export interface TaxDecision {
  scheme: VatScheme | 'DOMESTIC_SALE';
  /** Whose VAT is charged; null when none is charged at sale. */
  taxCountry: string | null;
}

/**
 * How one region prices: the calendar its tax date follows, which VAT applies, and whether cash on delivery can be
 * offered. A strategy per region, so a new region adds an entry rather than a branch in the quote.
 */
export interface RegionPricingPolicy {
  timeZone: string;
  /** Countries the region delivers to. */
  destinations: (country: string) => boolean;
  decideTax(facts: TaxFacts): TaxDecision | CatalogueProblem;
  /** The most an order may total and still be paid cash on delivery, in minor units; null: not offered. */
  codLimit(country: string): number | null;
  /** Whether lines carry China's no-reason-return terms. */
  cnReturnTerms: boolean;
  /**
   * Whether the VAT regime depends on the region's own seller facts (DE: its running cross-border sales for the OSS
   * threshold), which a quote then asks the region for (seller-facts.contract.ts) so it decides as the order will.
   */
  sellerFactsFromRegion?: boolean;
}

/** The largest order a courier collects cash for in each SEA country (carrier insurance limits), in minor units. */
export const SEA_COD_LIMITS: Readonly<Record<string, number>> = { ID: 5_000_000, TH: 1_000_000, MY: 150_000, PH: 2_000_000, VN: 10_000_000, SG: 50_000 };

/** The DE shop's defaults when the caller does not state them: dispatched from Germany, no cross-border sales yet. */
export const DEFAULT_EU_SELLER_FACTS: EuSellerFacts = {
  dispatchCountry: 'DE',
  crossBorderB2cNet: { previousYear: 0, currentYear: 0 },
  optedForDestinationTaxation: false,
  iossRegistered: false,
};

const domestic = (facts: TaxFacts): TaxDecision => ({ scheme: 'DOMESTIC_SALE', taxCountry: facts.destination.country });

export const REGION_PRICING: Readonly<Record<string, RegionPricingPolicy>> = {
  cn: { timeZone: 'Asia/Shanghai', destinations: (c) => c === 'CN', decideTax: domestic, codLimit: () => null, cnReturnTerms: true },
  sea: {
    timeZone: 'Asia/Bangkok',
    destinations: (c) => Object.hasOwn(SEA_COD_LIMITS, c),
    decideTax: domestic,
    codLimit: (c) => SEA_COD_LIMITS[c] ?? null,
    cnReturnTerms: false,
  },
  de: {
    timeZone: 'Europe/Berlin',
    destinations: isEuMemberState,
    codLimit: () => null,
    cnReturnTerms: false,
    sellerFactsFromRegion: true,
    decideTax(facts) {
      const { country, postalCode } = facts.destination;
      if (!isEuMemberState(country)) return problem(['destination', 'country'], 'INVALID', 'The DE shop delivers within the EU only');
      if (postalCode && isOutsideEuVatArea(country, postalCode)) {
        return problem(['destination', 'postalCode'], 'VAT_NOT_DETERMINED', 'The destination lies outside the EU VAT area; the shop does not export there');
      }
      const decision = determineVatScheme({
        ...(facts.eu ?? DEFAULT_EU_SELLER_FACTS),
        destination: country,
        buyerVatIdCountry: facts.vatIdCountry,
        orderNet: facts.goodsNet,
        exciseGoods: facts.exciseGoods,
      });
      if (!decision.ok) return problem(decision.field.split('.'), 'VAT_NOT_DETERMINED', `No VAT regime applies: ${decision.rule}`);
      return { scheme: decision.scheme, taxCountry: decision.taxCountry };
    },
  },
};
