import { Migration } from '@mikro-orm/migrations';

/** GDPR issue: minimised optional contact fields, support cases, access log, marketing consent, restriction and erasure records. */
export class Migration20261126000100DePrivacy extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "de_order_contact" add column "date_of_birth" date null, add column "vat_id" varchar(16) null, add column "billing_recipient_name" varchar(100) null, add column "billing_street" varchar(200) null, add column "billing_house_number" varchar(20) null, add column "billing_postal_code" varchar(10) null, add column "billing_city" varchar(100) null, add column "billing_country" varchar(2) null, add column "erasure_requested_at" timestamptz null;`,
    );

    this.addSql(
      `create table "de_support_case" ("id" uuid not null, "order_id" uuid not null, "topic" text not null, "assignee" varchar(200) not null, "opened_by" varchar(200) not null, "opened_at" timestamptz not null, "closed_by" varchar(200) null, "closed_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(`create index "de_support_case_order_id_index" on "de_support_case" ("order_id");`);
    this.addSql(
      `alter table "de_support_case" add constraint "de_support_case_topic_check" check ("topic" in ('DELIVERY', 'INVOICE', 'RETURN', 'DATA_REQUEST', 'OTHER'));`,
    );

    this.addSql(
      `create table "de_access_log" ("id" bigserial primary key, "at" timestamptz not null, "actor_subject" varchar(200) not null, "actor_role" varchar(32) not null, "purpose" varchar(40) null, "order_id" uuid not null, "field" varchar(40) not null, "disclosure" varchar(16) not null, "reason" varchar(32) null);`,
    );
    this.addSql(`create index "de_access_log_at_index" on "de_access_log" ("at");`);
    this.addSql(`create index "de_access_log_order_id_index" on "de_access_log" ("order_id");`);

    this.addSql(
      `create table "de_marketing_consent_event" ("id" bigserial primary key, "customer_ref" varchar(200) not null, "channel" text not null, "action" text not null, "wording_version" varchar(40) null, "recorded_at" timestamptz not null, "recorded_by" varchar(200) not null);`,
    );
    this.addSql(`create index "de_marketing_consent_event_customer_ref_index" on "de_marketing_consent_event" ("customer_ref");`);
    this.addSql(`alter table "de_marketing_consent_event" add constraint "de_marketing_consent_event_channel_check" check ("channel" in ('EMAIL', 'PHONE'));`);
    this.addSql(
      `alter table "de_marketing_consent_event" add constraint "de_marketing_consent_event_action_check" check ("action" in ('GRANTED', 'REVOKED'));`,
    );

    this.addSql(
      `create table "de_restricted_invoice_data" ("order_id" uuid not null, "customer_ref" varchar(200) not null, "customer_name" varchar(100) not null, "vat_id" varchar(16) null, "recipient_name" varchar(100) not null, "street" varchar(200) not null, "house_number" varchar(20) not null, "postal_code" varchar(10) not null, "city" varchar(100) not null, "country" varchar(2) not null, "document_date" date not null, "retention_class" text not null, "restricted_at" timestamptz not null, primary key ("order_id"));`,
    );
    this.addSql(`create index "de_restricted_invoice_data_customer_ref_index" on "de_restricted_invoice_data" ("customer_ref");`);
    this.addSql(`create index "de_restricted_invoice_data_document_date_index" on "de_restricted_invoice_data" ("document_date");`);
    this.addSql(
      `alter table "de_restricted_invoice_data" add constraint "de_restricted_invoice_data_retention_class_check" check ("retention_class" in ('INVOICE', 'BOOKS'));`,
    );

    this.addSql(
      `create table "de_privacy_log" ("id" bigserial primary key, "at" timestamptz not null, "customer_ref" varchar(200) not null, "order_id" uuid null, "action" text not null, "fields" jsonb not null, "legal_basis" text not null, "actor" varchar(200) not null);`,
    );
    this.addSql(`create index "de_privacy_log_customer_ref_index" on "de_privacy_log" ("customer_ref");`);
    this.addSql(`create index "de_privacy_log_order_id_index" on "de_privacy_log" ("order_id");`);
    this.addSql(
      `alter table "de_privacy_log" add constraint "de_privacy_log_action_check" check ("action" in ('CONSENTS_ERASED', 'ERASURE_DEFERRED', 'ERASED', 'RESTRICTED', 'DELETED'));`,
    );
  }
}
