import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { NoticePreference } from './notice-delivery.js';

/**
 * A customer's notice language, time zone and quiet hours, in the region's own schema. Not a direct
 * identifier, but tied to a person (through `customerRef`) and revealing habits, so it is personal data and
 * stays in the region with the contact details. Tracking never reads it: it only marks a notice's urgency.
 */
export const NoticePreferenceRecord = defineEntity({
  name: 'NoticePreferenceRecord',
  tableName: 'notice_preference',
  properties: {
    customerRef: p.string().length(200).primary(),
    language: p.string().length(8).nullable(),
    timeZone: p.string().length(64).nullable(),
    /** `HH:MM-HH:MM` in `timeZone`. */
    quietHours: p.string().length(11).nullable(),
    updatedAt: p.datetime(),
  },
});
export type NoticePreferenceRecord = InferEntity<typeof NoticePreferenceRecord>;

/** The regional table behind `NoticePreferenceRecord`. */
export class NoticePreferenceMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "notice_preference" ("customer_ref" varchar(200) primary key, "language" varchar(8) null, "time_zone" varchar(64) null, "quiet_hours" varchar(11) null, "updated_at" timestamptz not null);`,
    );
  }
}

/** The stored preference of a customer, or null when they chose nothing. */
export async function loadNoticePreference(customerRef: string, em: EntityManager): Promise<NoticePreference | null> {
  const row = await em.findOne(NoticePreferenceRecord, { customerRef });
  return row ? { language: row.language ?? null, timeZone: row.timeZone ?? null, quietHours: row.quietHours ?? null } : null;
}

/** Erasure (GDPR art. 17): deletes the customer's preference; nothing obliges keeping it. True when there was one. */
export async function eraseNoticePreference(customerRef: string, em: EntityManager): Promise<boolean> {
  return (await em.nativeDelete(NoticePreferenceRecord, { customerRef })) > 0;
}
