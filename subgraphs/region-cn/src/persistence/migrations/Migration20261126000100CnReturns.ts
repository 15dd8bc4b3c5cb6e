import { Migration } from '@mikro-orm/migrations';

/**
 * 7-day no-reason returns: per-line return policy and claimed units, gifts, returns, door-pickup slots and
 * bookings, refunds. Orders taken in before this migration get their lines from the registration request
 * they were sent to core with, and no exclusion: without a confirmation at purchase every line is returnable.
 */
export class Migration20261126000100CnReturns extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "cn_order_gift" ("order_id" uuid not null, "gift_no" int not null, "kind" text not null, "description" varchar(200) not null, "declared_value" bigint null, "line_nos" jsonb not null, primary key ("order_id", "gift_no"));`,
    );
    this.addSql(`alter table "cn_order_gift" add constraint "cn_order_gift_kind_check" check ("kind" in ('ITEM', 'POINTS', 'COUPON', 'VOUCHER'));`);
    this.addSql(
      `create table "cn_order_line" ("order_id" uuid not null, "line_no" int not null, "quantity" int not null, "return_exclusion" text null, "customer_confirmed" boolean not null default false, "claimed_quantity" int not null default 0, "refunded_quantity" int not null default 0, primary key ("order_id", "line_no"));`,
    );
    this.addSql(`alter table "cn_order_line" add constraint "cn_order_line_quantity_check" check (quantity > 0);`);
    this.addSql(
      `alter table "cn_order_line" add constraint "cn_order_line_claimed_quantity_check" check (claimed_quantity >= 0 and claimed_quantity <= quantity);`,
    );
    this.addSql(
      `alter table "cn_order_line" add constraint "cn_order_line_refunded_quantity_check" check (refunded_quantity >= 0 and refunded_quantity <= claimed_quantity);`,
    );
    this.addSql(
      `alter table "cn_order_line" add constraint "cn_order_line_return_exclusion_check" check ("return_exclusion" in ('CUSTOM_MADE', 'FRESH_PERISHABLE', 'DIGITAL_DOWNLOAD', 'SEALED_MEDIA', 'NEWSPAPER_PERIODICAL', 'UNSEALING_AFFECTS_SAFETY_OR_QUALITY', 'ACTIVATION_OR_TRIAL_DEVALUES', 'DISCLOSED_NEAR_EXPIRY_OR_DEFECT'));`,
    );
    this.addSql(
      `create table "cn_pickup_slot" ("id" uuid not null, "province" varchar(50) not null, "city" varchar(50) not null, "district" varchar(50) not null, "starts_at" timestamptz not null, "ends_at" timestamptz not null, "capacity" int not null, "booked" int not null default 0, "fee" bigint not null default '0', primary key ("id"));`,
    );
    this.addSql(
      `alter table "cn_pickup_slot" add constraint "cn_pickup_slot_province_city_district_starts_at_unique" unique ("province", "city", "district", "starts_at");`,
    );
    this.addSql(`alter table "cn_pickup_slot" add constraint "cn_pickup_slot_booked_check" check (booked >= 0 and booked <= capacity);`);
    this.addSql(`alter table "cn_pickup_slot" add constraint "cn_pickup_slot_times_check" check (ends_at > starts_at);`);
    this.addSql(`alter table "cn_pickup_slot" add constraint "cn_pickup_slot_fee_check" check (fee >= 0);`);
    this.addSql(
      `create table "cn_refund" ("id" uuid not null, "return_id" uuid not null, "order_id" uuid not null, "currency" varchar(3) not null, "goods_amount" bigint not null, "gift_deduction" bigint not null, "pickup_fee_deduction" bigint not null, "amount" bigint not null, "lines" jsonb not null, "destination" text not null, "destination_detail" varchar(200) null, "due_before" timestamptz not null, "issued_at" timestamptz not null, "issued_by" varchar(200) not null, primary key ("id"));`,
    );
    this.addSql(`alter table "cn_refund" add constraint "cn_refund_return_id_unique" unique ("return_id");`);
    this.addSql(`create index "cn_refund_order_id_index" on "cn_refund" ("order_id");`);
    this.addSql(
      `alter table "cn_refund" add constraint "cn_refund_amount_check" check (amount >= 0 and amount = goods_amount - gift_deduction - pickup_fee_deduction);`,
    );
    this.addSql(`alter table "cn_refund" add constraint "cn_refund_destination_check" check ("destination" in ('ORIGINAL_PAYMENT', 'CUSTOMER_CHOSEN'));`);
    this.addSql(
      `create table "cn_return" ("id" uuid not null, "order_id" uuid not null, "requested_by" varchar(200) not null, "idempotency_key" varchar(200) not null, "state" text not null, "requested_at" timestamptz not null, "window_closes_before" timestamptz not null, "refund_destination" text not null, "refund_destination_detail" varchar(200) null, "gifts_returned" jsonb null, "received_at" timestamptz null, "refund_due_before" timestamptz null, "inspected_by" varchar(200) null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`create index "cn_return_order_id_index" on "cn_return" ("order_id");`);
    this.addSql(`create index "cn_return_refund_due_index" on "cn_return" ("refund_due_before") where state = 'RECEIVED';`);
    this.addSql(
      `alter table "cn_return" add constraint "cn_return_order_id_requested_by_idempotency_key_unique" unique ("order_id", "requested_by", "idempotency_key");`,
    );
    this.addSql(
      `create unique index "cn_return_one_open_per_order" on "cn_return" ("order_id") where state in ('REQUESTED', 'PICKUP_SCHEDULED', 'PICKED_UP', 'RECEIVED');`,
    );
    this.addSql(
      `alter table "cn_return" add constraint "cn_return_state_check" check ("state" in ('REQUESTED', 'PICKUP_SCHEDULED', 'PICKED_UP', 'RECEIVED', 'REFUNDED', 'REJECTED', 'WITHDRAWN'));`,
    );
    this.addSql(
      `alter table "cn_return" add constraint "cn_return_refund_destination_check" check ("refund_destination" in ('ORIGINAL_PAYMENT', 'CUSTOMER_CHOSEN'));`,
    );
    this.addSql(
      `create table "cn_return_line" ("return_id" uuid not null, "line_no" int not null, "quantity" int not null, "complete" boolean null, "incomplete_reason" text null, "packaging_opened" boolean null, "inspection_note" varchar(500) null, primary key ("return_id", "line_no"));`,
    );
    this.addSql(`alter table "cn_return_line" add constraint "cn_return_line_quantity_check" check (quantity > 0);`);
    this.addSql(
      `alter table "cn_return_line" add constraint "cn_return_line_incomplete_reason_check" check ("incomplete_reason" in ('SEAL_BROKEN', 'MEDIA_UNSEALED', 'UNAUTHORISED_REPAIR_OR_ALTERATION', 'CERTIFICATION_MARK_OR_SERIAL_DAMAGED', 'HARD_TO_RESTORE_WEAR', 'ACTIVATED_OR_PERSONAL_DATA_LEFT', 'TAGS_REMOVED', 'SOILED_OR_DAMAGED', 'PARTS_OR_ACCESSORIES_MISSING', 'USED_BEYOND_INSPECTION'));`,
    );
    this.addSql(
      `create table "cn_return_pickup" ("return_id" uuid not null, "slot_id" uuid not null, "state" text not null, "fee" bigint not null, "fee_consented_at" timestamptz null, "fee_consented_by" varchar(200) null, "booked_by" varchar(200) not null, "booked_at" timestamptz not null, "picked_up_at" timestamptz null, "picked_up_by" varchar(200) null, primary key ("return_id"));`,
    );
    this.addSql(`create index "cn_return_pickup_slot_id_index" on "cn_return_pickup" ("slot_id");`);
    this.addSql(`alter table "cn_return_pickup" add constraint "cn_return_pickup_state_check" check ("state" in ('SCHEDULED', 'CANCELLED', 'PICKED_UP'));`);
    this.addSql(`alter table "cn_return_pickup" add constraint "cn_return_pickup_slot_id_foreign" foreign key ("slot_id") references "cn_pickup_slot" ("id");`);
    this.addSql(
      `insert into "cn_order_line" ("order_id", "line_no", "quantity") select o."order_id", l.line_no::int, (l.line->>'quantity')::int from "regional_order" o cross join lateral jsonb_array_elements(o."registration_request"->'lines') with ordinality as l(line, line_no);`,
    );
  }
}
