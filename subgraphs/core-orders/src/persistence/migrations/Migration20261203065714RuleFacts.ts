import { Migration } from '@mikro-orm/migrations';

/** Order rules reach fulfilment (issue 14): the non-personal order facts and the inventory-lock decision the region sent. */
export class Migration20261203065714RuleFacts extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "core_orders"."order" add column "rule_facts" jsonb null;`);
  }
}
