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

/**
 * After its first pass the summary job asks which periods hold orders written since its previous pass: by this index
 * an idle pass reads nothing, and a busy one only the orders written meanwhile.
 */
export class RegionSummaryChangesMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index if not exists "regional_order_updated_at_index" on "regional_order" ("updated_at");`);
  }
}

/**
 * The summary job's unconfirmed orders of a period (pending or refused by core) by an index holding only those: the
 * index on every order's `registration` it replaces also took the `REJECTED` rows of every other period, and an entry
 * for each new version of every order, since an order's later updates change `updated_at` and are never HOT.
 */
export class RegionUnconfirmedIndexMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create index if not exists "regional_order_unconfirmed_index" on "regional_order" ("created_at") where "registration" in ('PENDING', 'REJECTED');`,
    );
    this.addSql(`drop index if exists "regional_order_registration_index";`);
  }
}
