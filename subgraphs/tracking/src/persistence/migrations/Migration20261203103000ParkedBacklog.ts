import { Migration } from '@mikro-orm/migrations';

/**
 * Parked events stay bounded. The backlog sweep walks parked events by order id in index order (keyset, a batch
 * per pass) instead of reading every parked event with an order; parked events of parcels that never appear are
 * moved, after `PARKED_RETENTION_DAYS`, to `parked_event_expired` (same columns, with when they expired) so they
 * are counted and can be looked up or replayed by operators, never dropped silently. `parked_at` is indexed for
 * that expiry pass.
 */
export class Migration20261203103000ParkedBacklog extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "parked_event_parked_at_idx" on "tracking"."parked_event" ("parked_at")`);
    this.addSql(`create table "tracking"."parked_event_expired" (
      "carrier_id" varchar(100) not null, "event_id" varchar(100) not null, "occurred_at" timestamptz not null,
      "tracking_number" varchar(100) not null, "order_id" uuid null, "kind" varchar(30) not null, "recorded_at" timestamptz not null,
      "node_id" varchar(100) null, "node_type" varchar(30) null, "latitude" double precision null, "longitude" double precision null,
      "actor_id" varchar(100) null, "parked_at" timestamptz not null, "expired_at" timestamptz not null,
      primary key ("carrier_id", "event_id"))`);
    this.addSql(`create index "parked_event_expired_at_idx" on "tracking"."parked_event_expired" ("expired_at")`);
  }
}
