import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Order } from './order.entity.js';

export const OrderLine = defineEntity({
  name: 'OrderLine',
  tableName: 'order_line',
  properties: {
    order: () => p.manyToOne(Order).primary().deleteRule('cascade'),
    lineNo: p.integer().primary(),
    sku: p.string().length(64),
    name: p.string().length(300),
    quantity: p.integer(),
    unitPrice: p.bigint('number'),
    unitTax: p.bigint('number'),
    /** Net minor units order-rule promotions took off the line (part of the order's discount total). */
    discount: p.bigint('number').default(0),
    /** The VAT the line no longer bears because of its discount. */
    discountTax: p.bigint('number').default(0),
    /** What the line costs the customer: quantity × (unitPrice + unitTax) − discount − discountTax. */
    lineTotal: p.bigint('number'),
    /** Product attributes as sold; a later catalogue change must not rewrite a past order. */
    attributes: p.json<Record<string, string | number | boolean>>(),
  },
});
export type OrderLine = InferEntity<typeof OrderLine>;
