import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { GIFT_KINDS } from '../rules/refund-amount.rules.js';

/** A gift bound to a CN order (goods, points, vouchers, coupons) with the value declared before purchase, if any. */
export const CnOrderGift = defineEntity({
  name: 'CnOrderGift',
  tableName: 'cn_order_gift',
  properties: {
    orderId: p.uuid().primary(),
    giftNo: p.integer().primary(),
    kind: p.enum(GIFT_KINDS),
    description: p.string().length(200),
    declaredValue: p.bigint('number').nullable(),
    /** The lines whose purchase earned the gift. */
    lineNos: p.json<number[]>(),
  },
});
export type CnOrderGift = InferEntity<typeof CnOrderGift>;
