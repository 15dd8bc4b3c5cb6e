import { registerEnumType } from 'type-graphql';
import { CHANNELS, ORDER_STATUSES, type Channel, type OrderStatus } from '../messaging/contracts.js';

export const OrderStatusEnum = Object.fromEntries(ORDER_STATUSES.map((s) => [s, s])) as { [S in OrderStatus]: S };
export const ChannelEnum = Object.fromEntries(CHANNELS.map((c) => [c, c])) as { [C in Channel]: C };
registerEnumType(OrderStatusEnum, { name: 'OrderStatus', description: 'Where an order is in its life, from creation to delivery and returns.' });
registerEnumType(ChannelEnum, { name: 'Channel', description: 'Where the customer placed the order.' });
