import { Migration } from '@mikro-orm/migrations';

/**
 * De-duplication by event id across partitions. PostgreSQL only accepts unique keys on a partitioned table that
 * contain the partition key, so `tracking_event`'s key `(carrier_id, occurred_at, event_id)` let a carrier's
 * retry with a corrected time store the same event id a second time (often in another day's partition).
 * `tracking_event_key` is one unpartitioned row per accepted `(carrier_id, event_id)`: the ingest claims the id
 * there first and stores only the events it claimed. Its rows go with their partition (`PartitionMaintenance`);
 * a retry older than the retention is refused by validation anyway. Parked events get the same key.
 */
export class Migration20261203000000EventDedupKey extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "tracking"."tracking_event_key" (
      "carrier_id" varchar(100) not null, "event_id" varchar(100) not null, "occurred_at" timestamptz not null,
      primary key ("carrier_id", "event_id"))`);
    this.addSql(`insert into "tracking"."tracking_event_key" ("carrier_id", "event_id", "occurred_at")
      select "carrier_id", "event_id", min("occurred_at") from "tracking"."tracking_event" group by "carrier_id", "event_id"`);
    this.addSql(`delete from "tracking"."parked_event" p using "tracking"."parked_event" q
      where p."carrier_id" = q."carrier_id" and p."event_id" = q."event_id" and (p."parked_at", p."occurred_at") > (q."parked_at", q."occurred_at")`);
    this.addSql(`alter table "tracking"."parked_event" drop constraint "parked_event_pkey", add primary key ("carrier_id", "event_id")`);
  }
}
