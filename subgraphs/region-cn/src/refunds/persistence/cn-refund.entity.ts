import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { REFUND_DESTINATIONS } from '../../returns/persistence/cn-return.entity.js';
import type { ReturnSettlement } from '@hub/shared/promotions/refund-apportioning.rules';

/**
 * The refund of a return. The unique return id makes a second refund of the same return impossible,
 * whatever retries, redeliveries or double clicks reach the code.
 */
export const CnRefund = defineEntity({
  name: 'CnRefund',
  tableName: 'cn_refund',
  properties: {
    id: p.uuid().primary(),
    returnId: p.uuid().unique(),
    orderId: p.uuid().index(),
    currency: p.string().length(3),
    goodsAmount: p.bigint('number'),
    giftDeduction: p.bigint('number'),
    pickupFeeDeduction: p.bigint('number'),
    amount: p.bigint('number'),
    lines: p.json<Array<{ lineNo: number; quantity: number; amount: number }>>(),
    /** How the returned value was paid (deposit and final cash, points, the deposit's expansion) and what went back; null for an order paid all in cash. */
    paymentSplit: p.json<ReturnSettlement>().nullable(),
    destination: p.enum(REFUND_DESTINATIONS),
    destinationDetail: p.string().length(200).nullable(),
    dueBefore: p.datetime(),
    issuedAt: p.datetime(),
    issuedBy: p.string().length(200),
  },
  checks: [
    {
      name: 'cn_refund_amount_check',
      expression: 'amount >= 0 and amount <= goods_amount and (payment_split is not null or amount = goods_amount - gift_deduction - pickup_fee_deduction)',
    },
  ],
});
export type CnRefund = InferEntity<typeof CnRefund>;
