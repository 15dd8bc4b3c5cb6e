/**
 * The facts about an order that rules may read: no personal data (the customer is a segment, never a person), so
 * rules, dry-runs over past orders and their results can be shown to business users without disclosure questions.
 */
export interface OrderLineContext {
  sku: string;
  quantity: number;
  /** Net unit price in minor units of the order's currency. */
  unitPrice: number;
  category: string;
  hazardous: boolean;
}

export interface OrderContext {
  region: string;
  channel: string;
  currency: string;
  /** A business segment (`consumer`, `b2b`, `vip`, `new`); never who the customer is. */
  customerSegment: string;
  /** ISO 3166-1 alpha-2 country goods ship from, and to. */
  originCountry: string;
  destinationCountry: string;
  paymentTerms: string;
  /** Minor units of `currency`. */
  itemsTotal: number;
  shippingTotal: number;
  grandTotal: number;
  lines: OrderLineContext[];
}

/** What the pricing module decided; the modules after it in the pipeline may read it, the modules before it may not. */
export interface PricingOutcomeContext {
  discountTotal: number;
  payableTotal: number;
}

/** CEL declarations of the order context, field by field; the one place a new rule input is declared. */
export const ORDER_LINE_FIELDS = { sku: 'string', quantity: 'int', unitPrice: 'int', category: 'string', hazardous: 'bool' } as const;
export const ORDER_FIELDS = {
  region: 'string', channel: 'string', currency: 'string', customerSegment: 'string', originCountry: 'string', destinationCountry: 'string',
  paymentTerms: 'string', itemsTotal: 'int', shippingTotal: 'int', grandTotal: 'int', lines: 'list<OrderLine>',
} as const;
export const PRICING_FIELDS = { discountTotal: 'int', payableTotal: 'int' } as const;

/** CEL integers are 64-bit: numbers become bigints, and nothing but the declared fields is handed over. */
export function toCelOrder(order: OrderContext): Record<string, unknown> {
  return {
    region: order.region, channel: order.channel, currency: order.currency, customerSegment: order.customerSegment,
    originCountry: order.originCountry, destinationCountry: order.destinationCountry, paymentTerms: order.paymentTerms,
    itemsTotal: BigInt(order.itemsTotal), shippingTotal: BigInt(order.shippingTotal), grandTotal: BigInt(order.grandTotal),
    lines: order.lines.map((line) => ({
      sku: line.sku, quantity: BigInt(line.quantity), unitPrice: BigInt(line.unitPrice), category: line.category, hazardous: line.hazardous,
    })),
  };
}

export function toCelPricing(pricing: PricingOutcomeContext): Record<string, unknown> {
  return { discountTotal: BigInt(pricing.discountTotal), payableTotal: BigInt(pricing.payableTotal) };
}
