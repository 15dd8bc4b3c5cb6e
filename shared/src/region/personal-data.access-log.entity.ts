import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * One row per read of a personal-data field, allowed or not: who, which field of which order, for which
 * declared purpose, how it was disclosed, and when (accountability, GDPR art. 5(2) and art. 30). Never the
 * value. The same table in every region's schema.
 */
export const PersonalDataAccessLog = defineEntity({
  name: 'PersonalDataAccessLog',
  tableName: 'personal_data_access_log',
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    at: p.datetime().index(),
    actorSubject: p.string().length(200),
    actorRole: p.string().length(32),
    purpose: p.string().length(40).nullable(),
    orderId: p.uuid().index(),
    field: p.string().length(40),
    /** FULL, MASKED, DENIED or ERASED. */
    disclosure: p.string().length(16),
    /** The denial reason when DENIED. */
    reason: p.string().length(32).nullable(),
  },
});
export type PersonalDataAccessLog = InferEntity<typeof PersonalDataAccessLog>;
