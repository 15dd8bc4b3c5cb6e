import { Migration } from '@mikro-orm/migrations';

/** Issue 13 item 5: notes on the order timeline (a re-allocation after an outage) beside status steps. */
export class Migration20261203081500TimelineNotes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "core_orders"."order_status_change" add column "event" varchar(32) null, add column "details" jsonb null;`);
  }
}
