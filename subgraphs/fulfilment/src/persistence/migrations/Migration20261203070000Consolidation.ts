import { Migration } from '@mikro-orm/migrations';

/**
 * Low-carbon delivery (issue 16): an order keeps the option chosen, its promise and the region's keyed hash of
 * customer and address (never the address); a consolidated order's shipments wait in a `consignment` per customer
 * key and node, which leaves as one (one packing, one CO2e figure, the saving against separate parcels recorded).
 */
export class Migration20261203070000Consolidation extends Migration {
  override async up(): Promise<void> {
    const sql = [
      `alter table fulfilment_order add column delivery_option varchar(16) not null default 'STANDARD'
        check (delivery_option in ('STANDARD', 'EXPRESS', 'CONSOLIDATED')),
        add column promised_by timestamptz null, add column consolidate_until timestamptz null, add column consolidation_key char(64) null,
        add constraint fulfilment_order_consolidation_check check (delivery_option <> 'CONSOLIDATED' or (consolidate_until is not null and promised_by is not null))`,
      `create table consignment (id uuid primary key, consolidation_key char(64) not null, node_id varchar(64) not null references node (id),
        state text not null check (state in ('HOLDING', 'RELEASED')), dispatch_by timestamptz not null,
        release_reason text null check (release_reason in ('DEADLINE', 'CONSIGNMENT_FULL')), released_at timestamptz null,
        orders int null, packaging jsonb null, co2e_grams int null, co2e_separate_grams int null,
        created_at timestamptz not null default now(), check ((state = 'RELEASED') = (released_at is not null)))`,
      `create unique index consignment_one_holding on consignment (consolidation_key, node_id) where state = 'HOLDING'`,
      `create index consignment_due_index on consignment (dispatch_by) where state = 'HOLDING'`,
      `alter table shipment add column consignment_id uuid null references consignment (id), add column held_until timestamptz null`,
      `create index shipment_consignment_index on shipment (consignment_id) where consignment_id is not null`,
    ];
    for (const statement of sql) this.addSql(statement);
  }
}
