import { Migration } from '@mikro-orm/migrations';

/**
 * Tracking's tables. Events live in `tracking_event`, range-partitioned by event day (partitions are made and
 * dropped by `PartitionMaintenance`); everything else is small and per shipment. No personal data: customers
 * appear only as the pseudonymous `customer_ref`, couriers and workers as their employer's staff ids.
 */
export class Migration20261202000000TrackingSchema extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "tracking"."tracked_order" (
      "order_id" uuid primary key, "region" varchar(16) not null, "customer_ref" varchar(200) not null,
      "status" varchar(40) not null, "status_version" int not null, "status_at" timestamptz not null, "placed_at" timestamptz not null)`);
    this.addSql(`create index "tracked_order_customer_idx" on "tracking"."tracked_order" ("customer_ref")`);
    this.addSql(`create table "tracking"."customer_tier" (
      "customer_ref" varchar(200) primary key, "tier" varchar(10) not null check ("tier" in ('ORDINARY', 'VIP', 'B2B')),
      "updated_at" timestamptz not null, "updated_by" varchar(200) not null)`);

    this.addSql(`create table "tracking"."shipment" (
      "id" uuid primary key, "order_id" uuid not null, "carrier_id" varchar(100) not null, "tracking_number" varchar(100) not null,
      "promised_by" timestamptz null, "route" jsonb not null default '[]',
      "last_event_at" timestamptz null, "last_kind" varchar(30) null, "last_node_id" varchar(100) null, "last_node_type" varchar(30) null,
      "milestone_rank" int not null default 0, "latest_warehouse_at" timestamptz null, "latest_transport_at" timestamptz null,
      "delivered" boolean not null default false, "dwell_deadline" timestamptz null, "dwell_alerted_at" timestamptz null,
      "eta" timestamptz null, "eta_at" timestamptz null, "late" boolean not null default false, "check_due_at" timestamptz null,
      "created_at" timestamptz not null default now(),
      constraint "shipment_carrier_tracking_unique" unique ("carrier_id", "tracking_number"))`);
    this.addSql(`create index "shipment_order_idx" on "tracking"."shipment" ("order_id")`);
    this.addSql(`create index "shipment_tracking_idx" on "tracking"."shipment" ("tracking_number")`);
    this.addSql(`create index "shipment_check_due_idx" on "tracking"."shipment" ("check_due_at") where not "delivered" and "check_due_at" is not null`);
    this.addSql(`create index "shipment_dwell_idx" on "tracking"."shipment" ("dwell_deadline") where not "delivered" and "dwell_deadline" is not null`);

    // The unique key carries the partition key (PostgreSQL requires it); it also serves carrier + time searches.
    this.addSql(`create table "tracking"."tracking_event" (
      "carrier_id" varchar(100) not null, "occurred_at" timestamptz not null, "event_id" varchar(100) not null,
      "shipment_id" uuid not null, "kind" varchar(30) not null, "recorded_at" timestamptz not null,
      "node_id" varchar(100) null, "node_type" varchar(30) null, "latitude" double precision null, "longitude" double precision null,
      "actor_id" varchar(100) null,
      primary key ("carrier_id", "occurred_at", "event_id")) partition by range ("occurred_at")`);
    this.addSql(`create index "tracking_event_shipment_idx" on "tracking"."tracking_event" ("shipment_id", "occurred_at")`);
    this.addSql(`create index "tracking_event_node_idx" on "tracking"."tracking_event" ("node_id", "occurred_at") where "node_id" is not null`);

    this.addSql(`create table "tracking"."parked_event" (
      "carrier_id" varchar(100) not null, "event_id" varchar(100) not null, "occurred_at" timestamptz not null,
      "tracking_number" varchar(100) not null, "order_id" uuid null, "kind" varchar(30) not null, "recorded_at" timestamptz not null,
      "node_id" varchar(100) null, "node_type" varchar(30) null, "latitude" double precision null, "longitude" double precision null,
      "actor_id" varchar(100) null, "parked_at" timestamptz not null default now(),
      primary key ("carrier_id", "event_id", "occurred_at"))`);
    this.addSql(`create index "parked_event_tracking_idx" on "tracking"."parked_event" ("carrier_id", "tracking_number")`);
    this.addSql(`create index "parked_event_order_idx" on "tracking"."parked_event" ("order_id") where "order_id" is not null`);

    this.addSql(`create table "tracking"."milestone_command" (
      "id" bigserial primary key, "request_id" varchar(200) not null unique, "order_id" uuid not null, "status" varchar(40) not null,
      "occurred_at" timestamptz not null, "carrier_id" varchar(100) not null, "state" varchar(10) not null default 'PENDING',
      "attempts" int not null default 0, "last_error" varchar(200) null, "created_at" timestamptz not null default now(), "settled_at" timestamptz null)`);
    this.addSql(`create index "milestone_command_pending_idx" on "tracking"."milestone_command" ("id") where "state" = 'PENDING'`);

    this.addSql(`create table "tracking"."task" (
      "id" uuid primary key, "dedupe_key" varchar(300) not null unique, "kind" varchar(10) not null, "state" varchar(20) not null,
      "shipment_id" uuid not null, "order_id" uuid not null, "region" varchar(16) not null, "node_id" varchar(100) null,
      "assignee" varchar(200) null, "escalation_level" int not null default 0, "due_at" timestamptz not null,
      "details" jsonb not null, "opened_at" timestamptz not null, "resolved_at" timestamptz null, "version" int not null default 1)`);
    this.addSql(`create index "task_inbox_idx" on "tracking"."task" ("region", "state", "opened_at" desc)`);
    this.addSql(`create index "task_overdue_idx" on "tracking"."task" ("due_at") where "state" in ('OPEN', 'ASSIGNED')`);
    this.addSql(`create index "task_shipment_idx" on "tracking"."task" ("shipment_id")`);
    this.addSql(`create table "tracking"."task_action" (
      "id" bigserial primary key, "task_id" uuid not null references "tracking"."task" ("id"), "action" varchar(20) not null,
      "actor_type" varchar(10) not null, "actor_id" varchar(200) not null, "assignee" varchar(200) null, "note" varchar(500) null, "at" timestamptz not null)`);
    this.addSql(`create index "task_action_task_idx" on "tracking"."task_action" ("task_id", "id")`);

    this.addSql(`create table "tracking"."disruption" (
      "id" varchar(100) primary key, "kind" varchar(20) not null, "lane" varchar(210) null, "node" varchar(100) null,
      "factor" double precision not null, "starts_at" timestamptz not null, "ends_at" timestamptz not null, "received_at" timestamptz not null)`);
    this.addSql(`create index "disruption_active_idx" on "tracking"."disruption" ("ends_at")`);
    this.addSql(`create table "tracking"."lane_history" (
      "lane" varchar(210) not null, "hour" smallint not null check ("hour" between 0 and 23), "median_hours" double precision not null,
      "samples" int not null, primary key ("lane", "hour"))`);

    this.addSql(`create table "tracking"."outbox_event" ("id" bigserial primary key, "message_id" varchar(200) not null unique,
      "subject" varchar(200) not null, "payload" jsonb not null, "created_at" timestamptz not null, "published_at" timestamptz null)`);
    this.addSql(`create index "outbox_event_published_at_index" on "tracking"."outbox_event" ("published_at")`);
    this.addSql(`create table "tracking"."processed_message" ("consumer" varchar(100) not null, "message_id" varchar(200) not null,
      "processed_at" timestamptz not null, primary key ("consumer", "message_id"))`);
  }
}
