import type { AppliedPromotion } from '../../catalogue/quote/quote-promotions.rules.js';
import { computeQuote, type Quote, type QuoteRequest } from '../../catalogue/quote/quote.rules.js';
import { problem, type CatalogueProblem } from '../../catalogue/problem.js';
import type { IndexedCatalogue } from '../../catalogue/snapshot.js';
import type { OrderLineInput } from '../../messaging/contracts.js';

/** One line as the client sent it: what to order, and (deprecated) the amounts its screen showed. */
export interface ClientLine {
  sku: string;
  quantity: number;
  unitPrice: number | null;
  unitTax: number | null;
  /** Regional extras (size, minimum age); the catalogue's facts win where both name the same attribute. */
  attributes: Record<string, string | number | boolean>;
}

/** The catalogue and price list an order was priced from, recorded with it. */
export interface PricedWith {
  catalogueVersion: number;
  priceListId: string;
  priceListVersion: number;
  /** The discounts and gifts order rules gave the order (absent when none did). */
  promotions?: AppliedPromotion[];
}

/** An order as the hub prices it: the lines core records, shipping as charged (gross), and what it was priced from. */
export interface PricedOrder {
  currency: string;
  lines: OrderLineInput[];
  shippingTotal: number;
  discountTotal: number;
  grandTotal: number;
  pricedWith: PricedWith;
  /** The full quote (VAT decision, per-line rates, CN return terms, cash on delivery), for the region's own rules. */
  quote: Quote;
}

export type PlacementPricing = { ok: true; order: PricedOrder } | { ok: false; problems: CatalogueProblem[] };

/** `lines.2.unitPrice` as a client developer reads it: `lines[2].unitPrice`. */
const linePath = (index: number, field: string) => `lines[${index}].${field}`;

/**
 * Prices an order from the catalogue the region holds, exactly as a quote of the same cart at the same instant.
 * The client's amounts are not trusted: where it still sends them (clients older than server pricing), each must
 * equal the hub's, or the order is refused naming the line, so a customer is never charged other than shown.
 */
export function priceOrder(
  catalogue: IndexedCatalogue,
  cart: Omit<QuoteRequest, 'lines'>,
  client: { lines: readonly ClientLine[]; shippingTotal: number | null; discountTotal: number },
): PlacementPricing {
  const quoted = computeQuote(catalogue, { ...cart, lines: client.lines.map(({ sku, quantity }) => ({ sku, quantity })) });
  if (!quoted.ok) return quoted;
  const { quote } = quoted;
  const problems: CatalogueProblem[] = [];
  quote.lines.forEach((line, index) => {
    const sent = client.lines[index]!;
    if (sent.unitPrice !== null && sent.unitPrice !== line.unitPrice) {
      problems.push(
        problem(
          ['lines', String(index), 'unitPrice'],
          'PRICE_DIFFERS',
          `${linePath(index, 'unitPrice')}: the catalogue's net unit price is ${line.unitPrice} ${quote.currency} minor units; omit unitPrice to take it`,
        ),
      );
    } else if (sent.unitTax !== null && sent.unitTax !== line.unitTax) {
      problems.push(vatMismatch(index, line.unitTax, line.rateBp));
    }
  });
  if (client.shippingTotal !== null && client.shippingTotal !== quote.totals.shippingTotal) {
    const charged = quote.totals.shippingTotal;
    problems.push(problem('shippingTotal', 'PRICE_DIFFERS', `shippingTotal: the price list charges ${charged} for this cart; omit shippingTotal to take it`));
  }
  if (problems.length > 0) return { ok: false, problems };
  const lines = quote.lines.map((line, index): OrderLineInput => ({
    sku: line.sku,
    name: line.name,
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    unitTax: line.unitTax,
    attributes: { ...client.lines[index]!.attributes, ...line.attributes },
  }));
  const grandTotal = quote.totals.grandTotal - client.discountTotal;
  if (grandTotal < 0) return { ok: false, problems: [problem('discountTotal', 'INVALID', 'The discount exceeds the order total')] };
  return {
    ok: true,
    order: {
      currency: quote.currency,
      lines,
      shippingTotal: quote.totals.shippingTotal,
      discountTotal: client.discountTotal,
      grandTotal,
      quote,
      pricedWith: { catalogueVersion: quote.catalogueVersion, priceListId: quote.priceListId, priceListVersion: quote.priceListVersion },
    },
  };
}

function vatMismatch(index: number, unitTax: number, rateBp: number): CatalogueProblem {
  const message = `${linePath(index, 'unitTax')}: unitTax must be ${unitTax} at ${rateBp / 100} %; omit unitTax to take it`;
  return problem(['lines', String(index), 'unitTax'], 'VAT_AMOUNT_MISMATCH', message);
}
