import { Migration } from '@mikro-orm/migrations';

/**
 * The tables every region has (its order records, its copy of the timeline, processed messages).
 * Unqualified on purpose: the migrator sets the search path to the region's own schema.
 */
export class RegionBaseMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "processed_message" ("consumer" varchar(100) not null, "message_id" varchar(200) not null, "processed_at" timestamptz not null, primary key ("consumer", "message_id"));`,
    );
    this.addSql(
      `create table "regional_order" ("order_id" uuid not null, "placed_by" varchar(200) not null, "idempotency_key" varchar(200) not null, "input_hash" varchar(64) not null, "customer_ref" varchar(200) not null, "registration" text not null, "registration_request" jsonb not null, "order_number" varchar(40) null, "status" text null, "status_version" int not null default 0, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("order_id"));`,
    );
    this.addSql(`create index "regional_order_customer_ref_index" on "regional_order" ("customer_ref");`);
    this.addSql(`create index "regional_order_registration_index" on "regional_order" ("registration");`);
    this.addSql(`alter table "regional_order" add constraint "regional_order_placed_by_idempotency_key_unique" unique ("placed_by", "idempotency_key");`);
    this.addSql(`alter table "regional_order" add constraint "regional_order_registration_check" check ("registration" in ('PENDING', 'REGISTERED'));`);
    this.addSql(
      `alter table "regional_order" add constraint "regional_order_status_check" check ("status" in ('CREATED', 'PAID', 'PICKED', 'PACKED', 'OUTBOUND', 'FIRST_SCAN', 'OUT_FOR_DELIVERY', 'SIGNED', 'CANCELLED', 'RETURN_REQUESTED', 'RETURN_PICKUP_SCHEDULED', 'RETURN_PICKED_UP', 'RETURN_RECEIVED', 'RETURN_REJECTED', 'REFUNDED'));`,
    );
    this.addSql(
      `create table "regional_order_status_event" ("order_id" uuid not null, "version" int not null, "from_status" text null, "to_status" text not null, "at" timestamptz not null, "actor_type" varchar(16) not null, primary key ("order_id", "version"));`,
    );
    this.addSql(
      `alter table "regional_order_status_event" add constraint "regional_order_status_event_from_status_check" check ("from_status" in ('CREATED', 'PAID', 'PICKED', 'PACKED', 'OUTBOUND', 'FIRST_SCAN', 'OUT_FOR_DELIVERY', 'SIGNED', 'CANCELLED', 'RETURN_REQUESTED', 'RETURN_PICKUP_SCHEDULED', 'RETURN_PICKED_UP', 'RETURN_RECEIVED', 'RETURN_REJECTED', 'REFUNDED'));`,
    );
    this.addSql(
      `alter table "regional_order_status_event" add constraint "regional_order_status_event_to_status_check" check ("to_status" in ('CREATED', 'PAID', 'PICKED', 'PACKED', 'OUTBOUND', 'FIRST_SCAN', 'OUT_FOR_DELIVERY', 'SIGNED', 'CANCELLED', 'RETURN_REQUESTED', 'RETURN_PICKUP_SCHEDULED', 'RETURN_PICKED_UP', 'RETURN_RECEIVED', 'RETURN_REJECTED', 'REFUNDED'));`,
    );
  }
}
