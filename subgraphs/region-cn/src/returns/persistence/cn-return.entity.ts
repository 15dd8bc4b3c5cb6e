import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { RETURN_STATES } from '../../rules/return-steps.rules.js';

export const REFUND_DESTINATIONS = ['ORIGINAL_PAYMENT', 'CUSTOMER_CHOSEN'] as const;
export type RefundDestination = (typeof REFUND_DESTINATIONS)[number];

/**
 * A 7-day no-reason return of some lines of a CN order. `version` is the optimistic lock every step
 * checks; the partial unique index allows one open return per order, as core's status follows one at a time.
 */
export const CnReturn = defineEntity({
  name: 'CnReturn',
  tableName: 'cn_return',
  properties: {
    id: p.uuid().primary(),
    orderId: p.uuid().index(),
    requestedBy: p.string().length(200),
    idempotencyKey: p.string().length(200),
    state: p.enum(RETURN_STATES),
    requestedAt: p.datetime(),
    /** The window's close as it stood when the customer asked: the request was on time. */
    windowClosesBefore: p.datetime(),
    refundDestination: p.enum(REFUND_DESTINATIONS),
    /** Where the customer asked the money to go instead, with their explicit consent (Interim Measures art. 14). */
    refundDestinationDetail: p.string().length(200).nullable(),
    /** Gift numbers that came back with the goods, recorded at inspection. */
    giftsReturned: p.json<number[]>().nullable(),
    receivedAt: p.datetime().nullable(),
    refundDueBefore: p.datetime().nullable(),
    inspectedBy: p.string().length(200).nullable(),
    /** Core's reason for refusing one of this return's steps (`<step>: <code>: <message>`); null while core agrees. */
    coreRejection: p.string().length(500).nullable(),
    version: p.integer().version(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
  uniques: [
    { properties: ['orderId', 'requestedBy', 'idempotencyKey'] },
    { name: 'cn_return_one_open_per_order', properties: ['orderId'], where: `state in ('REQUESTED', 'PICKUP_SCHEDULED', 'PICKED_UP', 'RECEIVED')` },
  ],
  indexes: [
    /** Operators' queue of refunds due: received returns by deadline. */
    { name: 'cn_return_refund_due_index', properties: ['refundDueBefore'], where: `state = 'RECEIVED'` },
    /** Service staff's work list: every return by request time, read forwards or backwards from a cursor. */
    { name: 'cn_return_requested_at_id_index', properties: ['requestedAt', 'id'] },
  ],
});
export type CnReturn = InferEntity<typeof CnReturn>;
