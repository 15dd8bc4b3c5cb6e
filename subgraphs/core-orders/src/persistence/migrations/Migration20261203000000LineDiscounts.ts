import { Migration } from '@mikro-orm/migrations';

/**
 * Order rules at core (issue 14): lines carry their share of promotion discounts and the VAT it removed (0 for every
 * earlier line); an order a rule holds for review keeps its hold (reasons, approvals, release).
 */
export class Migration20261203000000LineDiscounts extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "core_orders"."order" add column "hold" jsonb null;`);
    this.addSql(
      `alter table "core_orders"."order_line" add column "discount" bigint not null default '0', add column "discount_tax" bigint not null default '0';`,
    );
  }
}
