import { Migration } from '@mikro-orm/migrations';

/** Region summaries (newest revision per period), reconciliation findings, and the consumer's processed messages. */
export class Migration20261125020000RegionSummaries extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "core_orders"."region_summary" ("region" varchar(16) not null, "period_start" timestamptz not null, "period_end" timestamptz not null, "revision" int not null, "orders_placed" int not null, "order_ids" jsonb not null, "gmv" jsonb not null, "metrics" jsonb not null, "computed_at" timestamptz not null, "received_at" timestamptz not null, primary key ("region", "period_start"));`,
    );
    this.addSql(
      `create table "core_orders"."reconciliation_finding" ("id" bigserial primary key, "region" varchar(16) not null, "period_start" timestamptz not null, "kind" varchar(40) not null, "order_id" uuid null, "currency" varchar(3) null, "region_value" bigint null, "core_value" bigint null, "summary_revision" int not null, "detected_at" timestamptz not null);`,
    );
    this.addSql(`create index "reconciliation_finding_region_period_start_index" on "core_orders"."reconciliation_finding" ("region", "period_start");`);
    this.addSql(
      `create table "core_orders"."processed_message" ("consumer" varchar(100) not null, "message_id" varchar(200) not null, "processed_at" timestamptz not null, primary key ("consumer", "message_id"));`,
    );
  }
}
