import { Migration } from '@mikro-orm/migrations';

/**
 * Nodes and their carrier lanes, SKU facts, stock per SKU × node with an append-only movement ledger,
 * fulfilment's view of orders with their shipments and timeline, re-allocation jobs, forecasts, transfer
 * proposals and transfers, allocation settings, and the shared outbox / processed-message tables.
 * Checks in the database are the last line against overselling: reserved never exceeds on hand.
 */
export class Migration20261202000000FulfilmentSchema extends Migration {
  override async up(): Promise<void> {
    const sql = [
      `create table node (
        id varchar(64) primary key, name varchar(200) not null,
        kind text not null check (kind in ('CENTRAL', 'FORWARD', 'STORE')),
        region varchar(16) not null, zone varchar(64) not null,
        lat double precision not null check (lat between -90 and 90), lon double precision not null check (lon between -180 and 180),
        daily_capacity int not null check (daily_capacity >= 0),
        cutoff_minutes int[] not null default '{}',
        status text not null default 'UP' check (status in ('UP', 'DEGRADED', 'DOWN')),
        status_reason varchar(500) null, status_changed_at timestamptz null, status_changed_by varchar(200) null,
        version int not null default 1)`,
      `create index node_region_index on node (region)`,
      `create table node_lane (
        node_id varchar(64) not null references node (id), carrier varchar(64) not null,
        service_level text not null check (service_level in ('STANDARD', 'EXPRESS', 'SAME_DAY')),
        base_cost int not null check (base_cost >= 0), cost_per_kg int not null check (cost_per_kg >= 0),
        base_transit_hours double precision not null check (base_transit_hours >= 0),
        km_per_hour double precision not null check (km_per_hour > 0),
        grams_co2e_per_tonne_km double precision not null check (grams_co2e_per_tonne_km >= 0),
        max_distance_km double precision null,
        primary key (node_id, carrier, service_level))`,
      `create table delivery_zone (code varchar(64) primary key, region varchar(16) not null, name varchar(200) not null,
        lat double precision not null, lon double precision not null, is_default boolean not null default false)`,
      `create unique index delivery_zone_default_unique on delivery_zone (region) where is_default`,
      `create table sku (sku varchar(64) primary key, name varchar(300) not null, unit_weight_grams int not null check (unit_weight_grams > 0),
        length_mm int null, width_mm int null, height_mm int null, updated_at timestamptz not null default now())`,
      `create table inventory (
        sku varchar(64) not null references sku (sku), node_id varchar(64) not null references node (id),
        on_hand int not null default 0 check (on_hand >= 0),
        reserved int not null default 0 check (reserved >= 0),
        inbound int not null default 0 check (inbound >= 0),
        available int generated always as (on_hand - reserved) stored,
        updated_at timestamptz not null default now(),
        primary key (sku, node_id),
        constraint inventory_no_oversell check (reserved <= on_hand))`,
      `create table stock_movement (
        id bigserial primary key, sku varchar(64) not null, node_id varchar(64) not null,
        kind text not null check (kind in ('RECEIPT', 'ALLOCATION', 'RELEASE', 'SALE', 'CANCELLATION', 'RETURN', 'ADJUSTMENT', 'TRANSFER_OUT', 'TRANSFER_IN')),
        on_hand_delta int not null default 0, reserved_delta int not null default 0, inbound_delta int not null default 0,
        order_id uuid null, shipment_id uuid null, transfer_id uuid null, reference varchar(200) null, note varchar(500) null,
        actor_type varchar(16) not null, actor_id varchar(200) not null, at timestamptz not null default now())`,
      `create index stock_movement_sku_node_index on stock_movement (sku, node_id, id)`,
      `create index stock_movement_order_index on stock_movement (order_id) where order_id is not null`,
      `create unique index stock_movement_reference_unique on stock_movement (reference, sku, node_id, kind) where reference is not null`,
      // The ledger is evidence: corrections are new movements, never edits.
      `create function stock_movement_append_only() returns trigger language plpgsql as $$ begin raise exception 'stock_movement is append-only'; end $$`,
      `create trigger stock_movement_append_only before update or delete on stock_movement for each row execute function stock_movement_append_only()`,
      `create table capacity_usage (node_id varchar(64) not null references node (id), day date not null, used int not null default 0 check (used >= 0), primary key (node_id, day))`,
      `create table fulfilment_order (
        order_id uuid primary key, number varchar(64) not null, region varchar(16) not null, channel varchar(32) not null, customer_ref varchar(200) not null,
        service_level text not null, zone varchar(64) not null, lat double precision not null, lon double precision not null,
        allow_cross_border boolean not null default false, placed_at timestamptz not null,
        state text not null check (state in ('ALLOCATED', 'PARTIALLY_ALLOCATED', 'BACKORDERED', 'REFUSED', 'SHIPPED', 'CANCELLED', 'RETURNED')),
        core_status varchar(32) not null, core_version int not null, restocked boolean not null default false,
        allocation_method varchar(16) null, version int not null default 1, updated_at timestamptz not null default now())`,
      `create index fulfilment_order_state_index on fulfilment_order (state, placed_at)`,
      `create table fulfilment_order_line (order_id uuid not null references fulfilment_order (order_id), line_no int not null,
        sku varchar(64) not null, quantity int not null check (quantity > 0), unit_weight_grams int not null,
        backordered int not null default 0 check (backordered >= 0 and backordered <= quantity), primary key (order_id, line_no))`,
      `create index fulfilment_order_line_backordered_index on fulfilment_order_line (sku) where backordered > 0`,
      `create table shipment (
        id uuid primary key, order_id uuid not null references fulfilment_order (order_id), node_id varchar(64) not null references node (id),
        carrier varchar(64) not null, service_level text not null,
        state text not null check (state in ('ALLOCATED', 'PICKED', 'PACKED', 'OUTBOUND', 'CANCELLED', 'REALLOCATED')),
        pick_priority int not null, packing_priority int not null, delivery_mode text not null,
        distance_km double precision not null, co2e_grams int not null, shipping_cost int not null,
        departure_at timestamptz not null, eta_at timestamptz not null, replaces uuid null,
        created_at timestamptz not null default now(), updated_at timestamptz not null default now(), version int not null default 1)`,
      `create index shipment_order_index on shipment (order_id)`,
      `create index shipment_open_at_node_index on shipment (node_id) where state in ('ALLOCATED', 'PICKED', 'PACKED')`,
      `create table shipment_line (shipment_id uuid not null references shipment (id), line_no int not null, sku varchar(64) not null,
        quantity int not null check (quantity > 0), primary key (shipment_id, line_no))`,
      `create table order_timeline (id bigserial primary key, order_id uuid not null, at timestamptz not null default now(),
        kind varchar(32) not null, actor_type varchar(16) not null, actor_id varchar(200) not null, note varchar(500) null, details jsonb not null default '{}')`,
      `create index order_timeline_order_index on order_timeline (order_id, id)`,
      `create table reallocation_job (
        id uuid primary key, node_id varchar(64) not null references node (id), reason varchar(500) not null,
        actor_type varchar(16) not null, actor_id varchar(200) not null,
        state text not null check (state in ('RUNNING', 'DONE')), affected int not null default 0,
        processed int not null default 0, reallocated int not null default 0, backordered int not null default 0,
        started_at timestamptz not null default now(), finished_at timestamptz null)`,
      `create unique index reallocation_job_running_unique on reallocation_job (node_id) where state = 'RUNNING'`,
      `create table demand_forecast (zone varchar(64) not null, sku varchar(64) not null, day date not null, units double precision not null,
        method varchar(32) not null, backtest_wape double precision null, backtest_mase double precision null, generated_at timestamptz not null,
        primary key (zone, sku, day))`,
      `create table transfer (id uuid primary key, sku varchar(64) not null, from_node_id varchar(64) not null references node (id),
        to_node_id varchar(64) not null references node (id), quantity int not null check (quantity > 0),
        state text not null check (state in ('IN_TRANSIT', 'RECEIVED')), created_by varchar(200) not null,
        created_at timestamptz not null default now(), received_at timestamptz null, check (from_node_id <> to_node_id))`,
      `create table transfer_proposal (id uuid primary key, sku varchar(64) not null, from_node_id varchar(64) not null references node (id),
        to_node_id varchar(64) not null references node (id), quantity int not null check (quantity > 0), forecast_units double precision not null,
        reason varchar(500) not null, state text not null check (state in ('PROPOSED', 'APPROVED', 'REJECTED', 'SUPERSEDED')),
        created_at timestamptz not null default now(), decided_by varchar(200) null, decided_at timestamptz null, transfer_id uuid null references transfer (id))`,
      `create index transfer_proposal_open_index on transfer_proposal (state, created_at)`,
      `create table allocation_settings (channel varchar(32) primary key, cost double precision not null, time double precision not null,
        carbon double precision not null, split_penalty double precision not null, updated_by varchar(200) not null, updated_at timestamptz not null default now())`,
      `create table outbox_event (id bigserial primary key, message_id varchar(200) not null unique, subject varchar(200) not null,
        payload jsonb not null, created_at timestamptz not null, published_at timestamptz null)`,
      `create index outbox_event_unpublished_index on outbox_event (id) where published_at is null`,
      `create table processed_message (consumer varchar(100) not null, message_id varchar(200) not null, processed_at timestamptz not null, primary key (consumer, message_id))`,
    ];
    for (const statement of sql) this.addSql(statement);
  }
}
