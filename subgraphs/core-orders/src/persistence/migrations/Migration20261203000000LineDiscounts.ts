import { Migration } from '@mikro-orm/migrations';

/** Order lines carry their share of order-rule discounts and the VAT it removed (issue 14); 0 for every earlier line. */
export class Migration20261203000000LineDiscounts extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "core_orders"."order_line" add column "discount" bigint not null default 0, add column "discount_tax" bigint not null default 0;`);
  }
}
