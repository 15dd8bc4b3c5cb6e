import { Migration } from '@mikro-orm/migrations';

/** The catalogue and price-list versions a region priced an order from (null for orders the client priced). */
export class Migration20261202010000PricedWith extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "core_orders"."order" add column "priced_with" jsonb null;`);
  }
}
