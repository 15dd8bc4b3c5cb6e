import { Migration } from '@mikro-orm/migrations';
/**
 * Every carrier event updates its shipment's row. The fold now leaves the indexed columns alone in the common
 * case, so PostgreSQL can make those updates HOT (the new row version stays on its page and no index is
 * written): the dwell deadline is a lower bound that the dwell sweep moves forward, and the ETA re-check an
 * event calls for goes to `shipment_recheck`, a narrow queue (one row per shipment, the earliest time it is
 * due), instead of moving the indexed `check_due_at`, which the delay sweep keeps for its periodic re-checks.
 * HOT needs free room on the page: new and rewritten pages of `shipment` keep a fifth of it free. Existing
 * pages are left as they are (no rewrite of a filled table); they gain room as old row versions are pruned.
 */
export class Migration20261204190000HotShipmentFold extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "tracking"."shipment" set (fillfactor = 80)`);
    this.addSql(`create table "tracking"."shipment_recheck" ("shipment_id" uuid primary key, "due_at" timestamptz not null)`);
    this.addSql(`create index "shipment_recheck_due_idx" on "tracking"."shipment_recheck" ("due_at")`);
  }
}
