import { registerEnumType } from 'type-graphql';
import { CHANNELS, ORDER_STATUSES, PAYMENT_TERMS, type Channel, type OrderStatus, type PaymentTerms } from '../messaging/contracts.js';

export const OrderStatusEnum = Object.fromEntries(ORDER_STATUSES.map((s) => [s, s])) as { [S in OrderStatus]: S };
export const ChannelEnum = Object.fromEntries(CHANNELS.map((c) => [c, c])) as { [C in Channel]: C };

/** Every subgraph that declares these enums prints the same descriptions, so composition sees one definition. */
const ORDER_STATUS_DESCRIPTIONS: Record<OrderStatus, string> = {
  CREATED: 'Registered with core; not paid yet.',
  PAID: 'Payment confirmed; waiting for the warehouse. Cash-on-delivery orders skip it: they are paid at the door.',
  PICKED: 'The goods were picked from the shelves.',
  PACKED: 'The parcel is packed and labelled.',
  OUTBOUND: 'The parcel left the warehouse and waits for the carrier.',
  FIRST_SCAN: 'The carrier scanned the parcel for the first time.',
  OUT_FOR_DELIVERY: 'The courier is on the way to the customer.',
  SIGNED: 'The customer signed for the parcel: delivered.',
  CANCELLED: 'Cancelled before it was shipped.',
  DELIVERY_REFUSED: 'The customer refused the parcel at the door.',
  RETURNED_TO_SENDER: 'A refused or undeliverable parcel came back to the warehouse.',
  RETURN_REQUESTED: 'The customer asked to return some or all goods.',
  RETURN_PICKUP_SCHEDULED: 'A courier pickup of the returned goods is booked.',
  RETURN_PICKED_UP: 'The courier collected the returned goods.',
  RETURN_RECEIVED: 'The warehouse received and inspected the returned goods, collected at the door or sent or dropped off by the customer.',
  RETURN_REJECTED: 'The return was refused after inspection; nothing is refunded.',
  REFUNDED: 'The refund of the return was issued.',
};

const CHANNEL_DESCRIPTIONS: Record<Channel, string> = {
  WEB: "The shop's website.",
  MOBILE_APP: "The shop's mobile app.",
  MINI_PROGRAM: 'A mini program inside a super app (WeChat, Alipay…).',
  MARKETPLACE: 'A third-party marketplace.',
  CALL_CENTER: 'An operator took the order on the phone.',
};

const valuesConfig = (descriptions: Record<string, string>) =>
  Object.fromEntries(Object.entries(descriptions).map(([value, description]) => [value, { description }]));

registerEnumType(OrderStatusEnum, {
  name: 'OrderStatus',
  description: 'Where an order is in its life, from creation to delivery and returns.',
  valuesConfig: valuesConfig(ORDER_STATUS_DESCRIPTIONS),
});
registerEnumType(ChannelEnum, { name: 'Channel', description: 'Where the customer placed the order.', valuesConfig: valuesConfig(CHANNEL_DESCRIPTIONS) });

export const PaymentTermsEnum = Object.fromEntries(PAYMENT_TERMS.map((t) => [t, t])) as { [T in PaymentTerms]: T };
registerEnumType(PaymentTermsEnum, {
  name: 'PaymentTerms',
  description: 'When the customer pays for the order.',
  valuesConfig: valuesConfig({
    PREPAID: 'Paid before the warehouse picks the goods (the order passes through PAID).',
    CASH_ON_DELIVERY: 'Paid in cash at the door: the order goes to picking without PAID, and a parcel refused at the door was never paid.',
  } satisfies Record<PaymentTerms, string>),
});
