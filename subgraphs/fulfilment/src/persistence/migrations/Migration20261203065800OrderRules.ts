import { Migration } from '@mikro-orm/migrations';

/**
 * Order rules in fulfilment (issues 13 and 14), beside the rule book's copy (`RulesReplicaMigration`): each order
 * keeps the facts rules read and the inventory lock placement decided (how long an unpaid order's stock stays
 * reserved, what a shortage does), and each shipment the weights and rule-set versions it was planned with. An
 * unpaid order's reservation that runs out is released once: its shipments end EXPIRED and the order RESERVATION_EXPIRED.
 */
export class Migration20261203065800OrderRules extends Migration {
  override async up(): Promise<void> {
    const sql = [
      `alter table fulfilment_order add column rule_facts jsonb null, add column reserve_until timestamptz null,
        add column on_shortage text null check (on_shortage in ('BACKORDER', 'REFUSE'))`,
      `alter table fulfilment_order drop constraint fulfilment_order_state_check, add constraint fulfilment_order_state_check
        check (state in ('ALLOCATED', 'PARTIALLY_ALLOCATED', 'BACKORDERED', 'REFUSED', 'SHIPPED', 'CANCELLED', 'RETURNED', 'RESERVATION_EXPIRED'))`,
      // The expiry sweep reads only orders whose reservation still runs, soonest first.
      `create index fulfilment_order_reserve_until_index on fulfilment_order (reserve_until) where reserve_until is not null`,
      `alter table shipment add column allocation_rules jsonb null`,
      `alter table shipment drop constraint shipment_state_check, add constraint shipment_state_check
        check (state in ('ALLOCATED', 'PICKED', 'PACKED', 'OUTBOUND', 'CANCELLED', 'REALLOCATED', 'EXPIRED'))`,
    ];
    for (const statement of sql) this.addSql(statement);
  }
}
