import { Migration } from '@mikro-orm/migrations';

/**
 * A summary names its orders by a digest and lists only those core has not confirmed (issue 18: the full id list
 * grew with the period's traffic, past what a message may hold). Stored summaries get the empty digest; each region
 * publishes a new revision of its recent periods on its first pass after the upgrade.
 */
export class Migration20261204120000SummaryDigest extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "core_orders"."region_summary" drop column "order_ids",
        add column "order_digest" varchar(16) not null default '0000000000000000',
        add column "unconfirmed_order_ids" jsonb not null default '[]';`,
    );
    // The defaults only fill the rows already stored: every new summary states both.
    this.addSql(`alter table "core_orders"."region_summary" alter column "order_digest" drop default, alter column "unconfirmed_order_ids" drop default;`);
  }
}
