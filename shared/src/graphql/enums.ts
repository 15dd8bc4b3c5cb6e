import { registerEnumType } from 'type-graphql';
import { CHANNELS, ORDER_STATUSES, PAYMENT_TERMS, type Channel, type OrderStatus, type PaymentTerms } from '../messaging/contracts.js';

export const OrderStatusEnum = Object.fromEntries(ORDER_STATUSES.map((s) => [s, s])) as { [S in OrderStatus]: S };
export const ChannelEnum = Object.fromEntries(CHANNELS.map((c) => [c, c])) as { [C in Channel]: C };
registerEnumType(OrderStatusEnum, { name: 'OrderStatus', description: 'Where an order is in its life, from creation to delivery and returns.' });
registerEnumType(ChannelEnum, { name: 'Channel', description: 'Where the customer placed the order.' });
export const PaymentTermsEnum = Object.fromEntries(PAYMENT_TERMS.map((t) => [t, t])) as { [T in PaymentTerms]: T };
registerEnumType(PaymentTermsEnum, {
  name: 'PaymentTerms',
  description: 'When the customer pays: before the order is picked (PREPAID), or in cash at the door (CASH_ON_DELIVERY, never PAID before that).',
});
