import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const MARKETING_CHANNELS = ['EMAIL', 'PHONE'] as const;
export const CONSENT_ACTIONS = ['GRANTED', 'REVOKED'] as const;

/**
 * The history of a customer's marketing consent, one row per grant or revocation, with the wording version
 * the customer agreed to: the controller must be able to prove consent (GDPR art. 7(1), §7(2) UWG).
 */
export const DeMarketingConsentEvent = defineEntity({
  name: 'DeMarketingConsentEvent',
  tableName: 'de_marketing_consent_event',
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    customerRef: p.string().length(200).index(),
    channel: p.enum(MARKETING_CHANNELS),
    action: p.enum(CONSENT_ACTIONS),
    /** The version of the consent text shown; null for a revocation. */
    wordingVersion: p.string().length(40).nullable(),
    recordedAt: p.datetime(),
    recordedBy: p.string().length(200),
  },
});
export type DeMarketingConsentEvent = InferEntity<typeof DeMarketingConsentEvent>;
