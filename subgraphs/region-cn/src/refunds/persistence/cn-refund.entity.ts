import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { REFUND_DESTINATIONS } from '../../returns/persistence/cn-return.entity.js';

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
    destination: p.enum(REFUND_DESTINATIONS),
    destinationDetail: p.string().length(200).nullable(),
    dueBefore: p.datetime(),
    issuedAt: p.datetime(),
    issuedBy: p.string().length(200),
  },
  checks: [{ name: 'cn_refund_amount_check', expression: 'amount >= 0 and amount = goods_amount - gift_deduction - pickup_fee_deduction' }],
});
export type CnRefund = InferEntity<typeof CnRefund>;
