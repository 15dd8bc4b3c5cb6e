import { Migration } from '@mikro-orm/migrations';

/**
 * The summary job reads each of the last 24 periods by `created_at` every minute; without this index each read
 * was a full scan of `regional_order`, so an idle region's work grew with every order it had ever taken.
 */
export class RegionSummaryWindowMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index if not exists "regional_order_created_at_index" on "regional_order" ("created_at");`);
  }
}
