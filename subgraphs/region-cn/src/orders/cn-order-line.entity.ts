import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { RETURN_EXCLUSIONS } from '../rules/return-policy.rules.js';

/**
 * One line of a CN order as the return rules need it: the return policy declared at purchase and how many
 * units are claimed by returns. `line_no` matches core's (index + 1). The check constraints make returning
 * more than was bought impossible, whatever the code above them does.
 */
export const CnOrderLine = defineEntity({
  name: 'CnOrderLine',
  tableName: 'cn_order_line',
  properties: {
    orderId: p.uuid().primary(),
    lineNo: p.integer().primary(),
    quantity: p.integer(),
    /** Null: returnable, the default the law sets. */
    returnExclusion: p.enum(RETURN_EXCLUSIONS).nullable(),
    /** The customer's explicit confirmation of a confirmable exclusion, given when placing the order. */
    customerConfirmed: p.boolean().default(false),
    /** Units in an open or refunded return. */
    claimedQuantity: p.integer().default(0),
    refundedQuantity: p.integer().default(0),
  },
  checks: [
    { name: 'cn_order_line_quantity_check', expression: 'quantity > 0' },
    { name: 'cn_order_line_claimed_quantity_check', expression: 'claimed_quantity >= 0 and claimed_quantity <= quantity' },
    { name: 'cn_order_line_refunded_quantity_check', expression: 'refunded_quantity >= 0 and refunded_quantity <= claimed_quantity' },
  ],
});
export type CnOrderLine = InferEntity<typeof CnOrderLine>;
