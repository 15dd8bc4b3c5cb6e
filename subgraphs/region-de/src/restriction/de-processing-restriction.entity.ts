import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { RESTRICTION_GROUNDS } from '../rules/restriction.rules.js';

/**
 * A data subject's restriction of processing (GDPR art. 18), one row per request: in force while `liftedAt`
 * is null, at most one in force per customer. The lift records who lifted it, why, and that the subject was
 * told first (art. 18(3)). Holds no personal data of the customer: the note describes the request.
 */
export const DeProcessingRestriction = defineEntity({
  name: 'DeProcessingRestriction',
  tableName: 'de_processing_restriction',
  properties: {
    id: p.uuid().primary(),
    customerRef: p.string().length(200).index(),
    ground: p.enum(RESTRICTION_GROUNDS),
    note: p.text().nullable(),
    requestedBy: p.string().length(200),
    idempotencyKey: p.string().length(200),
    requestedAt: p.datetime(),
    liftedAt: p.datetime().nullable(),
    liftedBy: p.string().length(200).nullable(),
    liftReason: p.text().nullable(),
    /** When the lifting staff confirmed that the data subject had been informed. */
    subjectInformedAt: p.datetime().nullable(),
  },
  uniques: [
    { properties: ['requestedBy', 'idempotencyKey'] },
    { name: 'de_processing_restriction_one_in_force', properties: ['customerRef'], where: 'lifted_at is null' },
  ],
});
export type DeProcessingRestriction = InferEntity<typeof DeProcessingRestriction>;
