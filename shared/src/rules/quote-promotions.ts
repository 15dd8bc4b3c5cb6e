import { applyPromotions, type PromotedQuote } from '../catalogue/quote/quote-promotions.rules.js';
import type { CustomerType, Quote } from '../catalogue/quote/quote.rules.js';
import type { IndexedCatalogue } from '../catalogue/snapshot.js';
import type { PaymentTerms } from '../messaging/contracts.js';
import type { OrderContext } from './domain/order-context.js';
import type { RuleBook } from './domain/rule-book.js';
import { evaluateGiftRules, evaluatePricingRules, type PricingOutcome, type RuleVersionUsed } from './domain/rule-evaluation.js';

/** The facts of a cart, besides its quote, that the order context is built from; none of them is personal data. */
export interface QuoteContextFacts {
  region: string;
  channel: string;
  customerType: CustomerType;
  originCountry: string;
  destinationCountry: string;
  paymentTerms: PaymentTerms;
  /** A deprecated client-sent discount, already off the grand total a rule reads; 0 for a quote. */
  clientDiscount?: number;
}

/**
 * Where the goods ship from, as order rules read it: the EU dispatch country for a region selling under EU VAT
 * rules (it states its seller facts), else the destination (CN and SEA sell within the destination country).
 */
export const originCountryOf = (facts: { destination: { country: string }; eu?: { dispatchCountry: string } | undefined }): string =>
  facts.eu?.dispatchCountry ?? facts.destination.country;

/** A business buyer is the `b2b` segment, everyone else `consumer`: the customer is a segment, never a person. */
export const customerSegmentOf = (customerType: CustomerType): string => (customerType === 'BUSINESS' ? 'b2b' : 'consumer');

/** The typed order context rules read, from a quote at catalogue prices (net line prices, gross shipping). */
export function orderContextOfQuote(quote: Quote, facts: QuoteContextFacts): OrderContext {
  return {
    region: facts.region,
    channel: facts.channel,
    currency: quote.currency,
    customerSegment: customerSegmentOf(facts.customerType),
    originCountry: facts.originCountry,
    destinationCountry: facts.destinationCountry,
    paymentTerms: facts.paymentTerms,
    itemsTotal: quote.totals.itemsTotal,
    shippingTotal: quote.totals.shippingTotal,
    grandTotal: quote.totals.grandTotal - (facts.clientDiscount ?? 0),
    lines: quote.lines.map((line) => ({
      sku: line.sku,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      category: String(line.attributes.category ?? ''),
      hazardous: line.attributes.hazardous === true,
    })),
  };
}

export interface QuotePromotionOutcome {
  quote: PromotedQuote;
  /** What the pricing module decided, as later modules (holds, inventory lock) read it. */
  pricing: PricingOutcome;
  /** Gift SKUs a rule bound that the catalogue cannot supply (unknown, retired, unpriced): left out. */
  giftsSkipped: string[];
  /** The pricing and gift rule-set versions that handled the cart. */
  handledWith: RuleVersionUsed[];
}

/**
 * The pricing/promotion and gift modules over a quote, in memory: one function for a checkout quote and a region's
 * placement, so a customer pays to the minor unit what the quote showed when both hold the same catalogue and rules.
 * Rules read the cart at catalogue prices; their discounts and gifts are then applied by `applyPromotions`.
 */
export function promoteQuote(
  book: RuleBook,
  catalogue: Pick<IndexedCatalogue, 'products' | 'prices'>,
  quote: Quote,
  context: OrderContext,
): QuotePromotionOutcome {
  const evaluated = evaluatePricingRules(book, context, quote.at);
  // Gift and later modules read what the customer pays after the discounts, their VAT effect included.
  const discounted = applyPromotions(catalogue, quote, evaluated.adjustments, []).quote;
  const pricing = { ...evaluated, payableTotal: context.grandTotal - (quote.totals.grandTotal - discounted.totals.grandTotal) };
  const gift = evaluateGiftRules(book, context, pricing, quote.at);
  const { quote: promoted, giftsSkipped } =
    gift.gifts.length === 0 ? { quote: discounted, giftsSkipped: [] } : applyPromotions(catalogue, quote, evaluated.adjustments, gift.gifts);
  return { quote: promoted, pricing, giftsSkipped, handledWith: [...pricing.handledWith, ...gift.handledWith] };
}
