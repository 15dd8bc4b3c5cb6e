import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Actor } from '../allocation/plan-writer.js';
import { query } from '../persistence/sql.js';
import { refuse } from '../user-error.js';

export interface StockRow {
  sku: string;
  node_id: string;
  on_hand: number;
  reserved: number;
  available: number;
  inbound: number;
  updated_at: Date;
}

const MAX_QUANTITY = 1_000_000;

/**
 * Stock changes that come from people or partner systems: receipts, counted adjustments. Each writes the
 * stock row and its ledger movement in one transaction; a repeated `reference` (a WMS retrying) is a no-op.
 * Negative stock is refused here with a typed error, and by the database's check constraints beneath that.
 */
export class InventoryService {
  constructor(private readonly orm: MikroORM) {}

  async receive(input: { sku: string; nodeId: string; quantity: number; reference: string }, actor: Actor): Promise<StockRow> {
    if (!Number.isInteger(input.quantity) || input.quantity <= 0 || input.quantity > MAX_QUANTITY) {
      throw refuse('INVALID', ['input', 'quantity'], `quantity must be a whole number from 1 to ${MAX_QUANTITY}`);
    }
    return this.change(input.sku, input.nodeId, input.quantity, 'RECEIPT', input.reference, null, actor);
  }

  async adjust(input: { sku: string; nodeId: string; delta: number; reason: string; reference: string }, actor: Actor): Promise<StockRow> {
    if (!Number.isInteger(input.delta) || input.delta === 0 || Math.abs(input.delta) > MAX_QUANTITY) {
      throw refuse('INVALID', ['input', 'delta'], 'delta must be a non-zero whole number');
    }
    if (input.reason.trim().length === 0) throw refuse('INVALID', ['input', 'reason'], 'An adjustment needs a reason');
    return this.change(input.sku, input.nodeId, input.delta, 'ADJUSTMENT', input.reference, input.reason, actor);
  }

  private async change(
    sku: string,
    nodeId: string,
    delta: number,
    kind: 'RECEIPT' | 'ADJUSTMENT',
    reference: string,
    note: string | null,
    actor: Actor,
  ): Promise<StockRow> {
    if (reference.length < 1 || reference.length > 200) throw refuse('INVALID', ['input', 'reference'], 'reference must be 1 to 200 characters');
    return this.orm.em.fork().transactional(async (em) => {
      await assertKnown(em, sku, nodeId);
      const [repeat] = await query(em, `select 1 from stock_movement where reference = ? and sku = ? and node_id = ? and kind = ?`, [
        reference,
        sku,
        nodeId,
        kind,
      ]);
      if (!repeat) {
        await query(em, `insert into inventory (sku, node_id) values (?, ?) on conflict do nothing`, [sku, nodeId]);
        const [row] = await query<StockRow>(em, `select * from inventory where sku = ? and node_id = ? for update`, [sku, nodeId]);
        if (row!.on_hand + delta < 0) throw refuse('NEGATIVE_STOCK', ['input', 'delta'], `Only ${row!.on_hand} on hand`);
        if (row!.on_hand + delta < row!.reserved) throw refuse('RESERVED_STOCK', ['input', 'delta'], `${row!.reserved} units are reserved for orders`);
        await query(em, `update inventory set on_hand = on_hand + ?, updated_at = now() where sku = ? and node_id = ?`, [delta, sku, nodeId]);
        await query(
          em,
          `insert into stock_movement (sku, node_id, kind, on_hand_delta, reference, note, actor_type, actor_id) values (?, ?, ?, ?, ?, ?, ?, ?)`,
          [sku, nodeId, kind, delta, reference, note, actor.type, actor.id],
        );
      }
      const [row] = await query<StockRow>(em, `select * from inventory where sku = ? and node_id = ?`, [sku, nodeId]);
      return row!;
    });
  }
}

/** An unknown SKU or node is the caller's mistake, told apart from a missing stock row. */
export async function assertKnown(em: EntityManager, sku: string, nodeId: string, field: string[] = ['input']): Promise<void> {
  const [facts] = await query<{ sku: boolean; node: boolean }>(
    em,
    `select exists (select 1 from sku where sku = ?) as sku, exists (select 1 from node where id = ?) as node`,
    [sku, nodeId],
  );
  if (!facts!.sku) throw refuse('UNKNOWN_SKU', [...field, 'sku'], 'The catalogue does not know this SKU');
  if (!facts!.node) throw refuse('NOT_FOUND', [...field, 'nodeId'], 'No such node');
}
