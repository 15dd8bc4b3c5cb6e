import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * One row per read of a personal-data field, allowed or denied: who, which field of which order, for which
 * declared purpose, how it was disclosed, and when (accountability, GDPR art. 5(2) and art. 30). Never the value.
 */
export const DeAccessLog = defineEntity({
  name: 'DeAccessLog',
  tableName: 'de_access_log',
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    at: p.datetime().index(),
    actorSubject: p.string().length(200),
    actorRole: p.string().length(32),
    purpose: p.string().length(40).nullable(),
    orderId: p.uuid().index(),
    field: p.string().length(40),
    /** FULL, MASKED, PSEUDONYMISED or DENIED. */
    disclosure: p.string().length(16),
    reason: p.string().length(32).nullable(),
  },
});
export type DeAccessLog = InferEntity<typeof DeAccessLog>;
