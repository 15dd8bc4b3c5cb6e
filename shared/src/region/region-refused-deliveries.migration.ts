import { Migration } from '@mikro-orm/migrations';

/** The regions' copies of the order status accept DELIVERY_REFUSED and RETURNED_TO_SENDER, as core does. */
export class RegionRefusedDeliveriesMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "regional_order" drop constraint "regional_order_status_check";`);
    this.addSql(
      `alter table "regional_order" add constraint "regional_order_status_check" check ("status" in ('CREATED', 'PAID', 'PICKED', 'PACKED', 'OUTBOUND', 'FIRST_SCAN', 'OUT_FOR_DELIVERY', 'SIGNED', 'CANCELLED', 'DELIVERY_REFUSED', 'RETURNED_TO_SENDER', 'RETURN_REQUESTED', 'RETURN_PICKUP_SCHEDULED', 'RETURN_PICKED_UP', 'RETURN_RECEIVED', 'RETURN_REJECTED', 'REFUNDED'));`,
    );
    this.addSql(`alter table "regional_order_status_event" drop constraint "regional_order_status_event_from_status_check";`);
    this.addSql(
      `alter table "regional_order_status_event" add constraint "regional_order_status_event_from_status_check" check ("from_status" in ('CREATED', 'PAID', 'PICKED', 'PACKED', 'OUTBOUND', 'FIRST_SCAN', 'OUT_FOR_DELIVERY', 'SIGNED', 'CANCELLED', 'DELIVERY_REFUSED', 'RETURNED_TO_SENDER', 'RETURN_REQUESTED', 'RETURN_PICKUP_SCHEDULED', 'RETURN_PICKED_UP', 'RETURN_RECEIVED', 'RETURN_REJECTED', 'REFUNDED'));`,
    );
    this.addSql(`alter table "regional_order_status_event" drop constraint "regional_order_status_event_to_status_check";`);
    this.addSql(
      `alter table "regional_order_status_event" add constraint "regional_order_status_event_to_status_check" check ("to_status" in ('CREATED', 'PAID', 'PICKED', 'PACKED', 'OUTBOUND', 'FIRST_SCAN', 'OUT_FOR_DELIVERY', 'SIGNED', 'CANCELLED', 'DELIVERY_REFUSED', 'RETURNED_TO_SENDER', 'RETURN_REQUESTED', 'RETURN_PICKUP_SCHEDULED', 'RETURN_PICKED_UP', 'RETURN_RECEIVED', 'RETURN_REJECTED', 'REFUNDED'));`,
    );
  }
}
