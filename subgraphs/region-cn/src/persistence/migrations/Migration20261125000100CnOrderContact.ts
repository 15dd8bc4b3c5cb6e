import { Migration } from '@mikro-orm/migrations';

/** Personal data of CN orders, stored in region-cn only. */
export class Migration20261125000100CnOrderContact extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "cn_order_contact" ("order_id" uuid not null, "customer_name" varchar(100) not null, "customer_phone" varchar(20) not null, "recipient_name" varchar(100) not null, "recipient_phone" varchar(20) not null, "province" varchar(50) not null, "city" varchar(50) not null, "district" varchar(50) not null, "street" varchar(300) not null, "postal_code" varchar(6) null, primary key ("order_id"));`,
    );
  }
}
