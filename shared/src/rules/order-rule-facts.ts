import type { OrderRuleFacts } from '../messaging/contracts.js';
import type { OrderContext, PricingOutcomeContext } from './domain/order-context.js';

/** The order context without region, channel and currency (the event says those), plus the pricing outcome and the lock. */
export function ruleFactsOf(context: OrderContext, pricing: PricingOutcomeContext, inventoryLock: OrderRuleFacts['inventoryLock']): OrderRuleFacts {
  return {
    customerSegment: context.customerSegment,
    originCountry: context.originCountry,
    destinationCountry: context.destinationCountry,
    paymentTerms: context.paymentTerms as OrderRuleFacts['paymentTerms'],
    itemsTotal: context.itemsTotal,
    shippingTotal: context.shippingTotal,
    grandTotal: context.grandTotal,
    discountTotal: pricing.discountTotal,
    payableTotal: Math.max(0, pricing.payableTotal),
    lines: context.lines.map((line) => ({ ...line, category: line.category.slice(0, 100) })),
    inventoryLock: { ...inventoryLock, holdMinutes: inventoryLock.holdMinutes === null ? null : Math.min(525_600, Math.round(inventoryLock.holdMinutes)) },
  };
}

/** The order context fulfilment rebuilds from `order.placed`: the same facts placement evaluated, no personal data. */
export function orderContextOfFacts(
  order: { region: string; channel: string; currency: string },
  facts: OrderRuleFacts,
): { context: OrderContext; pricing: PricingOutcomeContext } {
  const { inventoryLock: _lock, discountTotal, payableTotal, ...rest } = facts;
  return { context: { region: order.region, channel: order.channel, currency: order.currency, ...rest }, pricing: { discountTotal, payableTotal } };
}
