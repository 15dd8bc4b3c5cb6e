import { Migration } from '@mikro-orm/migrations';

/** Personal data of DE orders, stored in region-de only. */
export class Migration20261125000200DeOrderContact extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "de_order_contact" ("order_id" uuid not null, "customer_name" varchar(100) not null, "customer_email" varchar(254) not null, "customer_phone" varchar(16) null, "recipient_name" varchar(100) not null, "street" varchar(200) not null, "house_number" varchar(20) not null, "postal_code" varchar(10) not null, "city" varchar(100) not null, "country" varchar(2) not null, primary key ("order_id"));`,
    );
  }
}
