import { Migration } from '@mikro-orm/migrations';

/**
 * Transfer receipts: a transfer gets a version (optimistic locking), what arrived (a shortfall is recorded),
 * the receiving WMS's reference (a retry is recognised by it) and who received it; `transfer_event` is its
 * append-only timeline (created, received), guarded by a trigger so not even the service rewrites it.
 */
export class Migration20261203000000TransferReceipts extends Migration {
  override async up(): Promise<void> {
    const sql = [
      `alter table transfer add column version int not null default 1, add column received_quantity int null,
        add column receipt_reference varchar(200) null, add column received_by varchar(200) null,
        add constraint transfer_received_quantity_check check (received_quantity is null or received_quantity between 0 and quantity),
        add constraint transfer_received_complete_check check ((state = 'RECEIVED') = (received_quantity is not null and receipt_reference is not null))`,
      `create index transfer_destination_index on transfer (to_node_id, state, created_at)`,
      `create table transfer_event (id bigserial primary key, transfer_id uuid not null references transfer (id),
        at timestamptz not null default now(), kind text not null check (kind in ('CREATED', 'RECEIVED')),
        actor_type varchar(16) not null, actor_id varchar(200) not null, note varchar(500) null, details jsonb not null default '{}')`,
      `create index transfer_event_transfer_index on transfer_event (transfer_id, id)`,
      `create function transfer_event_append_only() returns trigger language plpgsql as $$
        begin raise exception 'transfer_event is append-only'; end $$`,
      `create trigger transfer_event_append_only before update or delete on transfer_event for each statement execute function transfer_event_append_only()`,
    ];
    for (const statement of sql) this.addSql(statement);
  }
}
