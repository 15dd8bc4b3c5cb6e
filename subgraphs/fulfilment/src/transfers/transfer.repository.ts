import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../allocation/plan-writer.js';
import { asJson, query } from '../persistence/sql.js';

export interface TransferRow {
  id: string;
  sku: string;
  from_node_id: string;
  to_node_id: string;
  quantity: number;
  state: 'IN_TRANSIT' | 'RECEIVED';
  version: number;
  received_quantity: number | null;
  receipt_reference: string | null;
  received_by: string | null;
  created_by: string;
  created_at: Date;
  received_at: Date | null;
}

export interface TransferEventRow {
  id: string;
  transfer_id: string;
  at: Date;
  kind: 'CREATED' | 'RECEIVED';
  actor_type: string;
  actor_id: string;
  note: string | null;
  details: Record<string, unknown>;
}

/** Appends to a transfer's timeline (the table refuses updates and deletes). */
export async function appendTransferEvent(
  em: EntityManager,
  transferId: string,
  kind: TransferEventRow['kind'],
  actor: Actor,
  note: string | null,
  details: Record<string, unknown>,
): Promise<void> {
  await query(em, `insert into transfer_event (transfer_id, kind, actor_type, actor_id, note, details) values (?, ?, ?, ?, ?, ?::jsonb)`, [
    transferId,
    kind,
    actor.type,
    actor.id,
    note,
    asJson(details),
  ]);
}

/** Timelines of several transfers at once, oldest first. */
export async function loadTransferEvents(em: EntityManager, transferIds: readonly string[]): Promise<Map<string, TransferEventRow[]>> {
  const byTransfer = new Map<string, TransferEventRow[]>(transferIds.map((id) => [id, []]));
  if (transferIds.length === 0) return byTransfer;
  const rows = await query<TransferEventRow>(em, `select * from transfer_event where transfer_id = any(?::uuid[]) order by transfer_id, id`, [
    `{${transferIds.join(',')}}`,
  ]);
  for (const row of rows) byTransfer.get(row.transfer_id)?.push(row);
  return byTransfer;
}
