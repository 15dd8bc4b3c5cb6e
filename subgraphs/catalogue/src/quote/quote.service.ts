import { problem } from '@hub/shared/catalogue/problem';
import { localDate } from '@hub/shared/catalogue/iso-date';
import { computeQuote, type QuoteRequest, type QuoteResult } from '@hub/shared/catalogue/quote/quote.rules';
import { DEFAULT_EU_SELLER_FACTS, REGION_PRICING, type EuSellerFacts } from '@hub/shared/catalogue/quote/region-pricing';
import type { SellerFactsRequest } from '@hub/shared/catalogue/quote/seller-facts.contract';
import type { PaymentTerms } from '@hub/shared/messaging/contracts';
import type { RuleBook } from '@hub/shared/rules/domain/rule-book';
import type { AppliedPromotion } from '@hub/shared/catalogue/quote/quote-promotions.rules';
import { orderContextOfQuote, originCountryOf, promoteQuote } from '@hub/shared/rules/quote-promotions';
import { checkVatIdFormat } from '@hub/shared/catalogue/vat/vat-id.rules';
import { ServiceUnavailableError } from '@hub/shared/errors';
import type { CatalogueReader } from '../snapshot/catalogue-reader.js';

export type QuoteCommand = Omit<QuoteRequest, 'vatIdCountry' | 'at' | 'eu'> & {
  vatId: string | null;
  at: Date | null;
  /** How the order would be paid; order rules may read it (a promotion for prepaid orders). Default PREPAID. */
  paymentTerms?: PaymentTerms;
};

/** Which order-rule promotions a quote applied; empty without a rule book or without a matching promotion. */
export interface QuotePromotions {
  promotions: AppliedPromotion[];
  giftsSkipped: string[];
}

/** Asks a region for the seller facts its orders are taxed with; null when it does not answer. */
export type SellerFactsSource = (region: string, request: SellerFactsRequest) => Promise<EuSellerFacts | null>;

/** Quotes a cart from the current catalogue with the same pure function a region prices its orders with. */
export class QuoteService {
  constructor(
    private readonly reader: CatalogueReader,
    private readonly sellerFacts: SellerFactsSource,
    private readonly clock: () => Date = () => new Date(),
    /** The catalogue's copy of the order rules: a quote applies their promotions exactly as a region's placement does. */
    private readonly orderRules?: RuleBook,
  ) {}

  async quote(command: QuoteCommand): Promise<QuoteResult & { vatIdCheck: 'FORMAT_ONLY' | null } & Partial<QuotePromotions>> {
    let vatIdCountry: string | null = null;
    if (command.vatId) {
      const format = checkVatIdFormat(command.vatId);
      if (!format.ok) return { ok: false, problems: [problem('vatId', 'INVALID', 'Not a well-formed EU VAT ID')], vatIdCheck: null };
      vatIdCountry = format.issuingCountry;
    }
    const at = command.at ?? this.clock();
    const eu = await this.euSellerFacts(command, vatIdCountry, at);
    const catalogue = await this.reader.current();
    const { paymentTerms = 'PREPAID', ...cart } = command;
    const result = computeQuote(catalogue, { ...cart, vatIdCountry, at, ...(eu ? { eu } : {}) });
    const vatIdCheck = command.vatId ? ('FORMAT_ONLY' as const) : null;
    if (!result.ok || !this.orderRules) return { ...result, vatIdCheck };
    const context = orderContextOfQuote(result.quote, {
      region: command.region,
      channel: command.channel,
      customerType: command.customerType,
      originCountry: originCountryOf({ destination: command.destination, eu }),
      destinationCountry: command.destination.country,
      paymentTerms,
    });
    const promoted = promoteQuote(this.orderRules, catalogue, result.quote, context);
    return { ok: true, quote: promoted.quote, vatIdCheck, promotions: promoted.quote.promotions, giftsSkipped: promoted.giftsSkipped };
  }

  /**
   * The region's own seller facts where its VAT regime depends on them, so the quote decides it as the order will.
   * A sale within the dispatch country, or to a business with a VAT ID, never depends on them: those are quoted without
   * asking (also while the region is down); a distance sale cannot be quoted without them, and the caller is told to retry.
   */
  private async euSellerFacts(command: QuoteCommand, vatIdCountry: string | null, at: Date): Promise<EuSellerFacts | undefined> {
    const policy = REGION_PRICING[command.region];
    if (!policy?.sellerFactsFromRegion) return undefined;
    const { dispatchCountry } = DEFAULT_EU_SELLER_FACTS;
    const { country } = command.destination;
    // Nothing to ask for a destination the region does not serve: the quote refuses it.
    if (country === dispatchCountry || vatIdCountry !== null || !policy.destinations(country)) return DEFAULT_EU_SELLER_FACTS;
    const facts = await this.sellerFacts(command.region, { taxDate: localDate(at, policy.timeZone), dispatchCountry });
    if (facts) return facts;
    throw new ServiceUnavailableError(`region-${command.region} did not tell its cross-border sales, which decide this cart's VAT regime; retry`);
  }
}
