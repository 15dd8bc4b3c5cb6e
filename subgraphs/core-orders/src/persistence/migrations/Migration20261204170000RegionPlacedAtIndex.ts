import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 18 item 5: a region's orders of a period are read through one index on (region, placed_at) instead of every
 * region's orders of the period by `placed_at`, filtered; the index on `region` alone is its prefix, so it goes.
 */
export class Migration20261204170000RegionPlacedAtIndex extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "order_region_placed_at_index" on "core_orders"."order" ("region", "placed_at");`);
    this.addSql(`drop index "core_orders"."order_region_index";`);
  }
}
