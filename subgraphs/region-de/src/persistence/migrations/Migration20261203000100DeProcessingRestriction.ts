import { Migration } from '@mikro-orm/migrations';

/** GDPR art. 18 restriction requests, and their two privacy-log actions. */
export class Migration20261203000100DeProcessingRestriction extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "de_processing_restriction" ("id" uuid not null, "customer_ref" varchar(200) not null, "ground" text not null, "note" text null, "requested_by" varchar(200) not null, "idempotency_key" varchar(200) not null, "requested_at" timestamptz not null, "lifted_at" timestamptz null, "lifted_by" varchar(200) null, "lift_reason" text null, "subject_informed_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(`create index "de_processing_restriction_customer_ref_index" on "de_processing_restriction" ("customer_ref");`);
    this.addSql(
      `alter table "de_processing_restriction" add constraint "de_processing_restriction_requested_by_idempotency_key_unique" unique ("requested_by", "idempotency_key");`,
    );
    this.addSql(`create unique index "de_processing_restriction_one_in_force" on "de_processing_restriction" ("customer_ref") where lifted_at is null;`);
    this.addSql(
      `alter table "de_processing_restriction" add constraint "de_processing_restriction_ground_check" check ("ground" in ('ACCURACY_CONTESTED', 'UNLAWFUL_PROCESSING', 'NEEDED_FOR_LEGAL_CLAIMS', 'OBJECTION_PENDING'));`,
    );
    this.addSql(
      `alter table "de_processing_restriction" add constraint "de_processing_restriction_lift_complete_check" check ((lifted_at is null) = (lifted_by is null) and (lifted_at is null) = (lift_reason is null) and (lifted_at is null) = (subject_informed_at is null));`,
    );
    this.addSql(`alter table "de_privacy_log" drop constraint "de_privacy_log_action_check";`);
    this.addSql(
      `alter table "de_privacy_log" add constraint "de_privacy_log_action_check" check ("action" in ('CONSENTS_ERASED', 'ERASURE_DEFERRED', 'ERASED', 'RESTRICTED', 'DELETED', 'PROCESSING_RESTRICTED', 'RESTRICTION_LIFTED'));`,
    );
  }
}
