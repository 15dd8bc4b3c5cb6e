import { Migration } from '@mikro-orm/migrations';

/**
 * Order rules reach fulfilment (issue 14): the non-personal order facts and the inventory-lock decision the region
 * sent. Approvers' inbox: unreleased holds, oldest first.
 */
export class Migration20261203065714RuleFacts extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "core_orders"."order" add column "rule_facts" jsonb null;`);
    this.addSql(
      `create index "order_hold_awaiting_index" on "core_orders"."order" ("placed_at", "id") where "hold" is not null and ("hold"->>'releasedAt') is null;`,
    );
  }
}
