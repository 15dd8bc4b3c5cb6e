import { Migration } from '@mikro-orm/migrations';

/**
 * Cheaper writes into `tracking_event` at carrier scale. Its primary key `(carrier_id, occurred_at, event_id)`
 * no longer guards anything since `tracking_event_key` de-duplicates event ids across partitions, yet every
 * insert paid for it; a narrower plain index serves the carrier + time search. The node search reads one day
 * of one node: an index on `node_id` alone lets PostgreSQL's B-tree de-duplication store each node once per
 * page instead of once per event, so it stays a fraction of the size, and the day is found by partition pruning.
 * Every event also rewrites its shipment's row (position, dwell deadline, next check) into all of `shipment`'s
 * indexes: the unique key led by the tracking number serves the lookup by number too, so its own index goes.
 */
export class Migration20261203065600LeanEventIndexes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "tracking"."tracking_event" drop constraint "tracking_event_pkey"`);
    this.addSql(`create index "tracking_event_carrier_idx" on "tracking"."tracking_event" ("carrier_id", "occurred_at")`);
    this.addSql(`drop index "tracking"."tracking_event_node_idx"`);
    this.addSql(`create index "tracking_event_node_idx" on "tracking"."tracking_event" ("node_id") where "node_id" is not null`);
    this.addSql(`alter table "tracking"."shipment" drop constraint "shipment_carrier_tracking_unique",
      add constraint "shipment_tracking_carrier_unique" unique ("tracking_number", "carrier_id")`);
    this.addSql(`drop index "tracking"."shipment_tracking_idx"`);
  }
}
