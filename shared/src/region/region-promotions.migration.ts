import { Migration } from '@mikro-orm/migrations';

/**
 * Presale deposits, points and their refunds (issue 14, item 5), written 2026-12-03 06:59 UTC: the order's payment
 * plan, the points ledger of the region's customers and the schedule of final-payment reminders.
 */
export class RegionPromotionsMigration extends Migration {
  override async up(): Promise<void> {
    // Functions are not found through the table's schema: name the region's schema, as the schema generator does.
    const schema = `"${this.config.get('schema')}"`;
    this.addSql(`alter table "regional_order" add column if not exists "payment" jsonb null;`);
    this.addSql(`create table "points_account" (
      "customer_ref" varchar(200) not null primary key,
      "balance" bigint not null,
      "updated_at" timestamptz not null,
      constraint "points_account_balance_check" check (balance >= 0));`);
    this.addSql(`create table "points_ledger_entry" (
      "id" bigserial primary key,
      "customer_ref" varchar(200) not null,
      "entry_key" varchar(200) not null,
      "kind" varchar(16) not null,
      "points" bigint not null,
      "balance_after" bigint not null,
      "order_id" uuid null,
      "reason" varchar(200) not null,
      "created_at" timestamptz not null,
      constraint "points_ledger_entry_key_unique" unique ("customer_ref", "entry_key"));`);
    this.addSql(`create index "points_ledger_entry_customer_index" on "points_ledger_entry" ("customer_ref", "id");`);
    // Append-only: corrections are entries of their own, never an update or a deletion.
    this.addSql(
      `create or replace function ${schema}."points_ledger_entry_points_ledger_entry_append_only_fn"() returns trigger as $$ begin raise exception 'points_ledger_entry is append-only'; end; $$ language plpgsql;`,
    );
    this.addSql(
      `create trigger "points_ledger_entry_append_only" BEFORE UPDATE OR DELETE on ${schema}."points_ledger_entry" for each STATEMENT execute function ${schema}."points_ledger_entry_points_ledger_entry_append_only_fn"();`,
    );
    this.addSql(`create table "presale_reminder" (
      "order_id" uuid not null,
      "reminder_no" int not null,
      "customer_ref" varchar(200) not null,
      "due_at" timestamptz not null,
      "sent_at" timestamptz null,
      "outcome" varchar(16) null,
      primary key ("order_id", "reminder_no"));`);
    this.addSql(`create index "presale_reminder_due_index" on "presale_reminder" ("due_at") where "sent_at" is null;`);
  }
}
