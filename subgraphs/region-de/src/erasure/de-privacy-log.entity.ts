import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const PRIVACY_ACTIONS = [
  'CONSENTS_ERASED',
  'ERASURE_DEFERRED',
  'ERASED',
  'RESTRICTED',
  'DELETED',
  'PROCESSING_RESTRICTED',
  'RESTRICTION_LIFTED',
] as const;
export type PrivacyAction = (typeof PRIVACY_ACTIONS)[number];

/**
 * Every erasure, restriction (kept after erasure, or requested under art. 18, and its lifting) and scheduled
 * deletion, with its legal reason and the fields it touched (never their values): the proof that a request
 * was carried out (GDPR art. 5(2), art. 17, art. 18, art. 19).
 */
export const DePrivacyLog = defineEntity({
  name: 'DePrivacyLog',
  tableName: 'de_privacy_log',
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    at: p.datetime(),
    customerRef: p.string().length(200).index(),
    orderId: p.uuid().nullable().index(),
    action: p.enum(PRIVACY_ACTIONS),
    fields: p.json<string[]>(),
    legalBasis: p.text(),
    actor: p.string().length(200),
  },
});
export type DePrivacyLog = InferEntity<typeof DePrivacyLog>;
