import { Migration } from '@mikro-orm/migrations';

/**
 * Regions number their own orders; steps carry their event time beside the recorded time; cash-on-delivery
 * orders are marked; statuses are checked by the state machine only, not by a CHECK repeating the list.
 */
export class Migration20261202000000EdgeAutonomy extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "core_orders"."order" drop constraint if exists "order_status_check";`);
    this.addSql(`alter table "core_orders"."order_status_change" drop constraint if exists "order_status_change_from_status_check";`);
    this.addSql(`alter table "core_orders"."order_status_change" drop constraint if exists "order_status_change_to_status_check";`);
    this.addSql(`alter table "core_orders"."order" alter column "status" type varchar(32);`);
    this.addSql(`alter table "core_orders"."order_status_change" alter column "from_status" type varchar(32), alter column "to_status" type varchar(32);`);
    this.addSql(`alter table "core_orders"."order" add column "payment_terms" varchar(20) not null default 'PREPAID';`);
    this.addSql(`alter table "core_orders"."order_status_change" add column "occurred_at" timestamptz null;`);
    this.addSql(`update "core_orders"."order_status_change" set "occurred_at" = "at";`);
    this.addSql(`alter table "core_orders"."order_status_change" alter column "occurred_at" set not null;`);
    this.addSql(`drop sequence if exists "core_orders"."order_number_seq";`);
  }
}
