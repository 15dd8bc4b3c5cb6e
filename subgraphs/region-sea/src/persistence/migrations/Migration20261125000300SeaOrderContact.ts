import { Migration } from '@mikro-orm/migrations';

/** Personal data of SEA orders, stored in region-sea only. */
export class Migration20261125000300SeaOrderContact extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "sea_order_contact" ("order_id" uuid not null, "customer_name" varchar(100) not null, "customer_phone" varchar(16) not null, "recipient_name" varchar(100) not null, "recipient_phone" varchar(16) not null, "line1" varchar(200) not null, "line2" varchar(200) null, "city" varchar(100) not null, "province" varchar(100) not null, "postal_code" varchar(6) not null, "country" varchar(2) not null, primary key ("order_id"));`,
    );
  }
}
