import { Migration } from '@mikro-orm/migrations';

/** Parcels refused at the door: DELIVERY_REFUSED and RETURNED_TO_SENDER become valid statuses. */
export class Migration20261125030000RefusedDeliveries extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "core_orders"."order" drop constraint "order_status_check";`);
    this.addSql(
      `alter table "core_orders"."order" add constraint "order_status_check" check ("status" in ('CREATED', 'PAID', 'PICKED', 'PACKED', 'OUTBOUND', 'FIRST_SCAN', 'OUT_FOR_DELIVERY', 'SIGNED', 'CANCELLED', 'DELIVERY_REFUSED', 'RETURNED_TO_SENDER', 'RETURN_REQUESTED', 'RETURN_PICKUP_SCHEDULED', 'RETURN_PICKED_UP', 'RETURN_RECEIVED', 'RETURN_REJECTED', 'REFUNDED'));`,
    );
    this.addSql(`alter table "core_orders"."order_status_change" drop constraint "order_status_change_from_status_check";`);
    this.addSql(
      `alter table "core_orders"."order_status_change" add constraint "order_status_change_from_status_check" check ("from_status" in ('CREATED', 'PAID', 'PICKED', 'PACKED', 'OUTBOUND', 'FIRST_SCAN', 'OUT_FOR_DELIVERY', 'SIGNED', 'CANCELLED', 'DELIVERY_REFUSED', 'RETURNED_TO_SENDER', 'RETURN_REQUESTED', 'RETURN_PICKUP_SCHEDULED', 'RETURN_PICKED_UP', 'RETURN_RECEIVED', 'RETURN_REJECTED', 'REFUNDED'));`,
    );
    this.addSql(`alter table "core_orders"."order_status_change" drop constraint "order_status_change_to_status_check";`);
    this.addSql(
      `alter table "core_orders"."order_status_change" add constraint "order_status_change_to_status_check" check ("to_status" in ('CREATED', 'PAID', 'PICKED', 'PACKED', 'OUTBOUND', 'FIRST_SCAN', 'OUT_FOR_DELIVERY', 'SIGNED', 'CANCELLED', 'DELIVERY_REFUSED', 'RETURNED_TO_SENDER', 'RETURN_REQUESTED', 'RETURN_PICKUP_SCHEDULED', 'RETURN_PICKED_UP', 'RETURN_RECEIVED', 'RETURN_REJECTED', 'REFUNDED'));`,
    );
  }
}
