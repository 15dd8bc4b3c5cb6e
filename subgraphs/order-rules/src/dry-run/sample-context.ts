import type { OrderContext } from '@hub/shared/rules/domain/order-context';

export interface OrderSample {
  number: string;
  region: string;
  channel: string;
  currency: string;
  grandTotal: number;
  placedAt: Date;
  lines: Array<{ sku: string; quantity: number; attributes: Record<string, string | number | boolean> }>;
}

/**
 * Order facts core's events do not carry: a dry-run evaluates them as empty (strings) or zero, and says so, so a
 * rule over them shows no change in a dry-run rather than a made-up one.
 */
export const FACTS_MISSING_FROM_HISTORY = ['customerSegment', 'originCountry', 'destinationCountry', 'paymentTerms', 'shippingTotal'] as const;

const text = (value: unknown) => (typeof value === 'string' ? value : '');
const whole = (value: unknown) => (typeof value === 'number' && Number.isSafeInteger(value) ? value : 0);

/** A past order as a rule context; line facts come from the attributes the order was sold with, when it has them. */
export function contextOfSample(sample: OrderSample): OrderContext {
  return {
    region: sample.region,
    channel: sample.channel,
    currency: sample.currency,
    customerSegment: '',
    originCountry: '',
    destinationCountry: '',
    paymentTerms: '',
    itemsTotal: sample.grandTotal,
    shippingTotal: 0,
    grandTotal: sample.grandTotal,
    lines: sample.lines.map((line) => ({
      sku: line.sku,
      quantity: line.quantity,
      unitPrice: whole(line.attributes.unitPrice),
      category: text(line.attributes.category),
      hazardous: line.attributes.hazardous === true,
    })),
  };
}
