import { Migration } from '@mikro-orm/migrations';

/** Customers' saved delivery addresses, and each customer's last address number, which outlives the addresses. */
export class Migration20261204150000SeaSavedAddresses extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "sea_address_book" ("customer_ref" varchar(200) not null, "last_number" int not null, primary key ("customer_ref"));`);
    this.addSql(
      `create table "sea_saved_address" ("id" uuid not null, "customer_ref" varchar(200) not null, "number" int not null, "label" varchar(30) null, "recipient_name" varchar(100) not null, "recipient_phone" varchar(16) not null, "line1" varchar(200) not null, "line2" varchar(200) null, "subdistrict" varchar(100) null, "district" varchar(100) null, "city" varchar(100) not null, "province" varchar(100) not null, "postal_code" varchar(6) not null, "country" varchar(2) not null, "saved_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(`alter table "sea_saved_address" add constraint "sea_saved_address_customer_ref_number_unique" unique ("customer_ref", "number");`);
  }
}
