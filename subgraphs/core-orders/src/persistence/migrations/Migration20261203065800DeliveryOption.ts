import { Migration } from '@mikro-orm/migrations';

/** Green orders (issue 16): the delivery option the customer chose and its promise; null for earlier orders (standard). */
export class Migration20261203065800DeliveryOption extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "core_orders"."order" add column "delivery" jsonb null;`);
  }
}
