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
  region: 'string',
  channel: 'string',
  currency: 'string',
  customerSegment: 'string',
  originCountry: 'string',
  destinationCountry: 'string',
  paymentTerms: 'string',
  itemsTotal: 'int',
  shippingTotal: 'int',
  grandTotal: 'int',
  lines: 'list<OrderLine>',
} as const;
export const PRICING_FIELDS = { discountTotal: 'int', payableTotal: 'int' } as const;

/** CEL integers are 64-bit: numbers become bigints, and nothing but the declared fields is handed over. */
export function toCelOrder(order: OrderContext): Record<string, unknown> {
  return {
    region: order.region,
    channel: order.channel,
    currency: order.currency,
    customerSegment: order.customerSegment,
    originCountry: order.originCountry,
    destinationCountry: order.destinationCountry,
    paymentTerms: order.paymentTerms,
    itemsTotal: BigInt(order.itemsTotal),
    shippingTotal: BigInt(order.shippingTotal),
    grandTotal: BigInt(order.grandTotal),
    lines: order.lines.map((line) => ({
      sku: line.sku,
      quantity: BigInt(line.quantity),
      unitPrice: BigInt(line.unitPrice),
      category: line.category,
      hazardous: line.hazardous,
    })),
  };
}

export function toCelPricing(pricing: PricingOutcomeContext): Record<string, unknown> {
  return { discountTotal: BigInt(pricing.discountTotal), payableTotal: BigInt(pricing.payableTotal) };
}

/** What a rule editor shows for each input: the path a rule writes, its CEL type, and what it means. */
export interface RuleInputField {
  path: string;
  type: string;
  description: string;
}

const DESCRIPTIONS: Record<string, string> = {
  'order.region': 'Region code of the shop taking the order (cn, de, sea).',
  'order.channel': 'Sales channel (WEB, MOBILE_APP, MINI_PROGRAM, MARKETPLACE, CALL_CENTER).',
  'order.currency': 'ISO 4217 currency of all amounts.',
  'order.customerSegment': 'Business segment of the customer (consumer, b2b, new-b2b, vip); never who the customer is.',
  'order.originCountry': 'ISO country the goods ship from.',
  'order.destinationCountry': 'ISO country the goods ship to.',
  'order.paymentTerms': 'PREPAID or CASH_ON_DELIVERY.',
  'order.itemsTotal': 'Sum of the lines at catalogue prices, minor units.',
  'order.shippingTotal': 'Shipping charged, minor units.',
  'order.grandTotal': 'Items plus shipping, minor units.',
  'order.lines': 'The order lines; iterate with exists, all, filter, map.',
  'line.sku': 'Stock keeping unit.',
  'line.quantity': 'Units ordered.',
  'line.unitPrice': 'Net unit price, minor units.',
  'line.category': 'Catalogue category (APPAREL, ELECTRONICS, FRESH_FOOD…).',
  'line.hazardous': 'Dangerous goods for transport (lithium batteries…).',
  'pricing.discountTotal': 'Discounts the pricing module granted, minor units.',
  'pricing.payableTotal': 'Grand total after discounts, minor units.',
};

/** The inputs a rule of a module may read, in declaration order. */
export function ruleInputFields(readsPricing: boolean): RuleInputField[] {
  const of = (prefix: string, fields: Record<string, string>) =>
    Object.entries(fields).map(([name, type]) => ({ path: `${prefix}.${name}`, type, description: DESCRIPTIONS[`${prefix}.${name}`] ?? '' }));
  return [...of('order', ORDER_FIELDS), ...of('line', ORDER_LINE_FIELDS), ...(readsPricing ? of('pricing', PRICING_FIELDS) : [])];
}
