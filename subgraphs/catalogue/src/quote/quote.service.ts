import { problem } from '@hub/shared/catalogue/problem';
import { computeQuote, type QuoteRequest, type QuoteResult } from '@hub/shared/catalogue/quote/quote.rules';
import type { EuSellerFacts } from '@hub/shared/catalogue/quote/region-pricing';
import type { PaymentTerms } from '@hub/shared/messaging/contracts';
import type { RuleBook } from '@hub/shared/rules/domain/rule-book';
import type { AppliedPromotion } from '@hub/shared/catalogue/quote/quote-promotions.rules';
import { orderContextOfQuote, originCountryOf, promoteQuote } from '@hub/shared/rules/quote-promotions';
import { checkVatIdFormat } from '@hub/shared/catalogue/vat/vat-id.rules';
import type { CatalogueReader } from '../snapshot/catalogue-reader.js';

export type QuoteCommand = Omit<QuoteRequest, 'vatIdCountry' | 'at' | 'eu'> & {
  vatId: string | null;
  at: Date | null;
  /** How the order would be paid; order rules may read it (a promotion for prepaid orders). Default PREPAID. */
  paymentTerms?: PaymentTerms;
};

/** Regions whose placement states EU seller facts (region-de), so order rules read its dispatch country as the origin. */
const EU_SELLER_REGIONS = new Set(['de']);

/** Which order-rule promotions a quote applied; empty without a rule book or without a matching promotion. */
export interface QuotePromotions {
  promotions: AppliedPromotion[];
  giftsSkipped: string[];
}

/** Quotes a cart from the current catalogue with the same pure function a region prices its orders with. */
export class QuoteService {
  constructor(
    private readonly reader: CatalogueReader,
    private readonly euSeller: EuSellerFacts,
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
    const catalogue = await this.reader.current();
    const { paymentTerms = 'PREPAID', ...cart } = command;
    const result = computeQuote(catalogue, { ...cart, vatIdCountry, at: command.at ?? this.clock(), eu: this.euSeller });
    const vatIdCheck = command.vatId ? ('FORMAT_ONLY' as const) : null;
    if (!result.ok || !this.orderRules) return { ...result, vatIdCheck };
    const eu = EU_SELLER_REGIONS.has(command.region) ? this.euSeller : undefined;
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
}
