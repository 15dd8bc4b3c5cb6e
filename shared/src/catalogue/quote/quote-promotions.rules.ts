import type { IndexedCatalogue } from '../snapshot.js';
import { cnReturnTermsOf } from '../products/return-class.rules.js';
import { apportion, shippingVat, unitVat } from '../vat/vat-amounts.js';
import { rateForTaxClass, vatRatesOn } from '../vat/vat-rates.table.js';
import type { Quote, QuotedLine } from './quote.rules.js';

/** A discount an order rule granted (`PRICING` module): net minor units off the items, and the rule version that gave it. */
export interface PromotionDiscount {
  ruleSet: string;
  version: number;
  ruleId: string;
  label: string;
  /** Net minor units; the rules engine already capped the sum at the items total. */
  amount: number;
}

/** A gift an order rule bound to the order (`GIFT` module): the SKU added as a zero-price line. */
export interface PromotionGift {
  sku: string;
  ruleSet: string;
  version: number;
  ruleId: string;
  label: string;
}

/** What a promotion did to an order, recorded with it so an operator can say which rule version gave what. */
export interface AppliedPromotion {
  kind: 'DISCOUNT' | 'GIFT';
  ruleSet: string;
  version: number;
  ruleId: string;
  label: string;
  /** DISCOUNT: net minor units taken off the items. GIFT: the gift's declared (catalogue, gross) unit value. */
  amount: number;
  /** GIFT: the gift's SKU; null for a discount. */
  sku: string | null;
}

/** A quoted line after promotions: `net` and `tax` are what is invoiced; `discount`/`discountTax` what promotions took off. */
export interface PromotedLine extends QuotedLine {
  /** Net minor units the line's share of the order's discounts takes off `quantity × unitPrice`. */
  discount: number;
  /** The VAT that share no longer bears: `quantity × unitTax − discountTax` is the line's VAT on its discounted price. */
  discountTax: number;
  /** A gift line: zero price, with the catalogue's gross unit price as its declared value (what CN's return rules deduct). */
  gift: { declaredValue: number } | null;
}

export interface PromotedQuote extends Omit<Quote, 'lines'> {
  lines: PromotedLine[];
  promotions: AppliedPromotion[];
}

/** Gift SKUs that could not be bound (not in the catalogue, or no price to declare): left out, and said so. */
export interface PromotionResult {
  quote: PromotedQuote;
  giftsSkipped: string[];
}

/**
 * Applies the order rules' promotions to a quote, the same for a checkout quote and a placement (quote = order to
 * the minor unit). A discount lowers the VAT base (art. 79(b) VAT Directive: price reductions granted at the time of
 * supply are not part of the taxable amount): each discount is split over the paid lines by their net still payable
 * (Hamilton apportioning, so the parts add up exactly), and each line's VAT drops by the VAT on its share, rounded
 * half up like unit VAT and never below zero. Shipping keeps its net price (free-shipping thresholds read the
 * catalogue prices) but its VAT follows the goods' discounted net. Gifts become zero-price lines at the end.
 */
export function applyPromotions(
  catalogue: Pick<IndexedCatalogue, 'products' | 'prices'>,
  quote: Quote,
  discounts: readonly PromotionDiscount[],
  gifts: readonly PromotionGift[],
): PromotionResult {
  const lines = applyDiscounts(quote.lines, discounts);
  const { giftLines, giftsSkipped, giftPromotions } = giftLinesOf(catalogue, quote, gifts, lines.length);
  const shippingParts = shippingVat(
    quote.shipping.net,
    lines.map((line) => ({ rateBp: line.rateBp, net: line.net })),
  );
  const shipping = { net: quote.shipping.net, tax: shippingParts.reduce((sum, part) => sum + part.vat, 0), parts: shippingParts };
  const discountTotal = lines.reduce((sum, line) => sum + line.discount, 0);
  const taxTotal = lines.reduce((sum, line) => sum + line.tax, 0);
  const shippingTotal = shipping.net + shipping.tax;
  const grandTotal = quote.totals.itemsTotal - discountTotal + taxTotal + shippingTotal;
  const discountPromotions = discounts
    .filter((discount) => discount.amount > 0)
    .map((d): AppliedPromotion => ({
      kind: 'DISCOUNT',
      ruleSet: d.ruleSet,
      version: d.version,
      ruleId: d.ruleId,
      label: d.label,
      amount: d.amount,
      sku: null,
    }));
  const { limit } = quote.cashOnDelivery;
  return {
    giftsSkipped,
    quote: {
      ...quote,
      lines: [...lines, ...giftLines],
      discounts: discountPromotions.map((promotion) => ({ code: `${promotion.ruleSet}/${promotion.ruleId}`, amount: promotion.amount })),
      promotions: [...discountPromotions, ...giftPromotions],
      shipping,
      totals: { itemsTotal: quote.totals.itemsTotal, taxTotal, shippingTotal, discountTotal, grandTotal },
      cashOnDelivery: { available: limit !== null && grandTotal <= limit, limit },
    },
  };
}

/** Each discount in turn over what the lines still cost; a share never exceeds its line's remaining net. */
export function applyDiscounts(lines: readonly QuotedLine[], discounts: readonly PromotionDiscount[]): PromotedLine[] {
  const remaining = lines.map((line) => line.net);
  const taken = lines.map(() => 0);
  for (const discount of discounts) {
    const payable = remaining.reduce((sum, net) => sum + net, 0);
    const amount = Math.min(Math.max(0, discount.amount), payable);
    if (amount === 0) continue;
    apportion(amount, remaining).forEach((share, index) => {
      taken[index]! += share;
      remaining[index]! -= share;
    });
  }
  return lines.map((line, index) => {
    const discount = taken[index]!;
    const discountTax = Math.min(line.tax, unitVat(discount, line.rateBp));
    return { ...line, net: line.net - discount, tax: line.tax - discountTax, discount, discountTax, gift: null };
  });
}

function giftLinesOf(
  catalogue: Pick<IndexedCatalogue, 'products' | 'prices'>,
  quote: Quote,
  gifts: readonly PromotionGift[],
  paidLines: number,
): { giftLines: PromotedLine[]; giftsSkipped: string[]; giftPromotions: AppliedPromotion[] } {
  const giftLines: PromotedLine[] = [];
  const giftsSkipped: string[] = [];
  const giftPromotions: AppliedPromotion[] = [];
  for (const gift of gifts) {
    const product = catalogue.products.get(gift.sku);
    const entry = catalogue.prices.get(quote.priceListId)?.get(gift.sku);
    if (!product || product.status !== 'ACTIVE' || !entry) {
      giftsSkipped.push(gift.sku);
      continue;
    }
    // The declared value is what the customer would have paid for it: the catalogue's net price and its VAT here.
    const period = quote.vat.taxCountry === null ? undefined : vatRatesOn(quote.vat.taxCountry, quote.taxDate);
    const rateBp = period ? rateForTaxClass(period, product.euTaxClass) : 0;
    const declaredValue = entry.unitPrice + unitVat(entry.unitPrice, rateBp);
    giftLines.push({
      lineNo: paidLines + giftLines.length + 1,
      sku: product.sku,
      name: product.names.en ?? product.sku,
      quantity: 1,
      unitPrice: 0,
      unitTax: 0,
      taxClass: product.euTaxClass,
      rateBp,
      net: 0,
      tax: 0,
      cnReturnTerms: quote.lines.some((line) => line.cnReturnTerms !== null) ? cnReturnTermsOf(product.cnReturnClass) : null,
      attributes: {
        category: product.category,
        cnReturnClass: product.cnReturnClass,
        euTaxClass: product.euTaxClass,
        hazardous: product.hazardous,
        weightGrams: product.weightGrams,
        gift: true,
        declaredValue,
        giftRule: `${gift.ruleSet}/${gift.ruleId}@${gift.version}`,
      },
      discount: 0,
      discountTax: 0,
      gift: { declaredValue },
    });
    giftPromotions.push({
      kind: 'GIFT',
      ruleSet: gift.ruleSet,
      version: gift.version,
      ruleId: gift.ruleId,
      label: gift.label,
      amount: declaredValue,
      sku: gift.sku,
    });
  }
  return { giftLines, giftsSkipped, giftPromotions };
}
