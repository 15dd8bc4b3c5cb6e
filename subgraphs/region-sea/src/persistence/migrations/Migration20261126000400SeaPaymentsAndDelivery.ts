import { Migration } from '@mikro-orm/migrations';

/**
 * Payment choice and cash on delivery, refusals at the door with their stock releases, local address parts, and
 * an index for cash reconciliation, which looks up deliveries (SIGNED steps) by time.
 */
export class Migration20261126000400SeaPaymentsAndDelivery extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "sea_order_contact" add column "district" varchar(100) null, add column "subdistrict" varchar(100) null;`);
    this.addSql(
      `create table "sea_payment" ("order_id" uuid not null, "method" text not null, "currency" varchar(3) not null, "amount_due" bigint not null, "created_at" timestamptz not null, primary key ("order_id"));`,
    );
    this.addSql(`alter table "sea_payment" add constraint "sea_payment_method_check" check ("method" in ('COD', 'CARD', 'E_WALLET', 'BANK_TRANSFER'));`);
    this.addSql(
      `create table "sea_cod_collection" ("order_id" uuid not null, "courier_id" varchar(200) not null, "amount" bigint not null, "currency" varchar(3) not null, "collected_at" timestamptz not null, primary key ("order_id"));`,
    );
    this.addSql(`create index "sea_cod_collection_collected_at_index" on "sea_cod_collection" ("collected_at");`);
    this.addSql(
      `create table "sea_delivery_refusal" ("order_id" uuid not null, "courier_id" varchar(200) not null, "reason" text not null, "refused_at" timestamptz not null, primary key ("order_id"));`,
    );
    this.addSql(
      `alter table "sea_delivery_refusal" add constraint "sea_delivery_refusal_reason_check" check ("reason" in ('CHANGED_MIND', 'CANNOT_PAY', 'DAMAGED_PARCEL', 'WRONG_ITEM', 'OTHER'));`,
    );
    this.addSql(
      `create table "sea_stock_release" ("order_id" uuid not null, "line_no" int not null, "sku" varchar(64) not null, "quantity" int not null, "reason" varchar(32) not null, "released_at" timestamptz not null, primary key ("order_id", "line_no"));`,
    );
    this.addSql(
      `create table "sea_delivery_actor" ("order_id" uuid not null, "version" int not null, "actor_type" varchar(16) not null, "actor_id" varchar(200) not null, primary key ("order_id", "version"));`,
    );
    this.addSql(`create index "regional_order_status_event_signed_index" on "regional_order_status_event" ("at") where "to_status" = 'SIGNED';`);
  }
}
