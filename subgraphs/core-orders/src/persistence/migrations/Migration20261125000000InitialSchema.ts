import { Migration } from '@mikro-orm/migrations';

/** Master order data, timeline, audit trail, outbox and the region registry. */
export class Migration20261125000000InitialSchema extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "core_orders"."audit_entry" ("id" bigserial primary key, "at" timestamptz not null, "actor_type" varchar(16) not null, "actor_id" varchar(200) not null, "actor_role" varchar(16) not null, "action" varchar(64) not null, "entity_type" varchar(64) not null, "entity_id" varchar(200) not null, "region" varchar(16) null, "before" jsonb null, "after" jsonb null);`,
    );
    this.addSql(`create index "audit_entry_at_index" on "core_orders"."audit_entry" ("at");`);
    this.addSql(`create index "audit_entry_actor_id_index" on "core_orders"."audit_entry" ("actor_id");`);
    this.addSql(`create index "audit_entry_entity_id_index" on "core_orders"."audit_entry" ("entity_id");`);
    this.addSql(
      `create table "core_orders"."order" ("id" uuid not null, "number" varchar(40) not null, "region" varchar(16) not null, "channel" text not null, "currency" varchar(3) not null, "customer_ref" varchar(200) not null, "status" text not null, "items_total" bigint not null, "tax_total" bigint not null, "shipping_total" bigint not null, "discount_total" bigint not null, "grand_total" bigint not null, "idempotency_key" varchar(220) not null, "request_hash" varchar(64) not null, "placed_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, primary key ("id"));`,
    );
    this.addSql(`alter table "core_orders"."order" add constraint "order_number_unique" unique ("number");`);
    this.addSql(`create index "order_region_index" on "core_orders"."order" ("region");`);
    this.addSql(`create index "order_customer_ref_index" on "core_orders"."order" ("customer_ref");`);
    this.addSql(`create index "order_status_index" on "core_orders"."order" ("status");`);
    this.addSql(`alter table "core_orders"."order" add constraint "order_idempotency_key_unique" unique ("idempotency_key");`);
    this.addSql(`create index "order_placed_at_index" on "core_orders"."order" ("placed_at");`);
    this.addSql(
      `alter table "core_orders"."order" add constraint "order_channel_check" check ("channel" in ('WEB', 'MOBILE_APP', 'MINI_PROGRAM', 'MARKETPLACE', 'CALL_CENTER'));`,
    );
    this.addSql(
      `alter table "core_orders"."order" add constraint "order_status_check" check ("status" in ('CREATED', 'PAID', 'PICKED', 'PACKED', 'OUTBOUND', 'FIRST_SCAN', 'OUT_FOR_DELIVERY', 'SIGNED', 'CANCELLED', 'RETURN_REQUESTED', 'RETURN_PICKUP_SCHEDULED', 'RETURN_PICKED_UP', 'RETURN_RECEIVED', 'RETURN_REJECTED', 'REFUNDED'));`,
    );
    this.addSql(
      `create table "core_orders"."order_line" ("order_id" uuid not null, "line_no" int not null, "sku" varchar(64) not null, "name" varchar(300) not null, "quantity" int not null, "unit_price" bigint not null, "unit_tax" bigint not null, "line_total" bigint not null, "attributes" jsonb not null, primary key ("order_id", "line_no"));`,
    );
    this.addSql(
      `create table "core_orders"."order_status_change" ("id" bigserial primary key, "order_id" uuid not null, "sequence" int not null, "from_status" text null, "to_status" text not null, "at" timestamptz not null, "actor_type" varchar(16) not null, "actor_id" varchar(200) not null, "note" varchar(500) null, "request_id" varchar(200) null, "order_version" int not null);`,
    );
    this.addSql(`alter table "core_orders"."order_status_change" add constraint "order_status_change_request_id_unique" unique ("request_id");`);
    this.addSql(
      `alter table "core_orders"."order_status_change" add constraint "order_status_change_order_id_sequence_unique" unique ("order_id", "sequence");`,
    );
    this.addSql(
      `alter table "core_orders"."order_status_change" add constraint "order_status_change_from_status_check" check ("from_status" in ('CREATED', 'PAID', 'PICKED', 'PACKED', 'OUTBOUND', 'FIRST_SCAN', 'OUT_FOR_DELIVERY', 'SIGNED', 'CANCELLED', 'RETURN_REQUESTED', 'RETURN_PICKUP_SCHEDULED', 'RETURN_PICKED_UP', 'RETURN_RECEIVED', 'RETURN_REJECTED', 'REFUNDED'));`,
    );
    this.addSql(
      `alter table "core_orders"."order_status_change" add constraint "order_status_change_to_status_check" check ("to_status" in ('CREATED', 'PAID', 'PICKED', 'PACKED', 'OUTBOUND', 'FIRST_SCAN', 'OUT_FOR_DELIVERY', 'SIGNED', 'CANCELLED', 'RETURN_REQUESTED', 'RETURN_PICKUP_SCHEDULED', 'RETURN_PICKED_UP', 'RETURN_RECEIVED', 'RETURN_REJECTED', 'REFUNDED'));`,
    );
    this.addSql(
      `create table "core_orders"."outbox_event" ("id" bigserial primary key, "message_id" varchar(200) not null, "subject" varchar(200) not null, "payload" jsonb not null, "created_at" timestamptz not null, "published_at" timestamptz null);`,
    );
    this.addSql(`alter table "core_orders"."outbox_event" add constraint "outbox_event_message_id_unique" unique ("message_id");`);
    this.addSql(`create index "outbox_event_published_at_index" on "core_orders"."outbox_event" ("published_at");`);
    this.addSql(
      `create table "core_orders"."region" ("code" varchar(16) not null, "name" varchar(100) not null, "default_currency" varchar(3) not null, "time_zone" varchar(64) not null, "created_at" timestamptz not null, primary key ("code"));`,
    );
    this.addSql(
      `alter table "core_orders"."order_line" add constraint "order_line_order_id_foreign" foreign key ("order_id") references "core_orders"."order" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "core_orders"."order_status_change" add constraint "order_status_change_order_id_foreign" foreign key ("order_id") references "core_orders"."order" ("id") on delete cascade;`,
    );

    // Human order numbers come from one sequence: gap-free is not required, unique and ordered is.
    this.addSql(`create sequence "core_orders"."order_number_seq";`);

    // The audit trail is evidence: rows may be added, never changed or removed, whoever connects.
    this.addSql(
      `create or replace function "core_orders"."audit_entry_audit_entry_append_only_fn"() returns trigger as $$ begin raise exception 'audit_entry is append-only'; end; $$ language plpgsql;`,
    );
    this.addSql(
      `create trigger "audit_entry_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE on "core_orders"."audit_entry" for each STATEMENT execute function "core_orders"."audit_entry_audit_entry_append_only_fn"();`,
    );

    this.addSql(`insert into "core_orders"."region" (code, name, default_currency, time_zone, created_at) values
      ('cn', 'China', 'CNY', 'Asia/Shanghai', now()),
      ('de', 'Germany', 'EUR', 'Europe/Berlin', now()),
      ('sea', 'South-East Asia', 'SGD', 'Asia/Singapore', now());`);
  }
}
