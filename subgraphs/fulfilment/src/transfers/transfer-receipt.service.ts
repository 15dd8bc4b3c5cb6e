import type { MikroORM } from '@mikro-orm/postgresql';
import type { Actor } from '../allocation/plan-writer.js';
import { query } from '../persistence/sql.js';
import { refuse } from '../user-error.js';
import { decideReceipt } from './domain/transfer-receipt.rules.js';
import { appendTransferEvent, type TransferRow } from './transfer.repository.js';

export interface TransferReceiptInput {
  transferId: string;
  receivedQuantity: number | null;
  reference: string;
  expectedVersion: number | null;
  note: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Books a transfer in at its destination: the transfer (locked, so two receivers queue), the destination's
 * stock (inbound off, what arrived on hand), the ledger movement and the timeline entry in one transaction.
 * What the units are is decided by `decideReceipt`; a repeat returns the transfer as it is, changing nothing.
 */
export class TransferReceiptService {
  constructor(private readonly orm: MikroORM) {}

  /** The destination's region, for the caller's scope check; null when there is no such transfer. */
  async destinationRegion(transferId: string): Promise<string | null> {
    if (!UUID.test(transferId)) return null;
    const [row] = await query<{ region: string }>(this.orm.em.fork(), `select n.region from transfer t join node n on n.id = t.to_node_id where t.id = ?`, [
      transferId,
    ]);
    return row?.region ?? null;
  }

  async receive(input: TransferReceiptInput, actor: Actor): Promise<{ transfer: TransferRow; changed: boolean }> {
    if (input.note !== null && input.note.length > 500) throw refuse('INVALID', ['input', 'note'], 'note must be at most 500 characters');
    if (!UUID.test(input.transferId)) throw refuse('NOT_FOUND', ['input', 'transferId'], 'No such transfer');
    return this.orm.em.fork().transactional(async (em) => {
      const [transfer] = await query<TransferRow>(em, `select * from transfer where id = ? for update`, [input.transferId]);
      if (!transfer) throw refuse('NOT_FOUND', ['input', 'transferId'], 'No such transfer');
      const reference = input.reference.trim();
      const decision = decideReceipt(
        { state: transfer.state, quantity: transfer.quantity, version: transfer.version, receiptReference: transfer.receipt_reference },
        { receivedQuantity: input.receivedQuantity, reference, expectedVersion: input.expectedVersion },
      );
      if (decision.kind === 'REFUSE') throw refuse(decision.code, ['input', decision.field], decision.message);
      if (decision.kind === 'REPEAT') return { transfer, changed: false };
      const [updated] = await query<TransferRow>(
        em,
        `update transfer set state = 'RECEIVED', received_at = now(), received_quantity = ?, receipt_reference = ?, received_by = ?, version = version + 1
          where id = ? and state = 'IN_TRANSIT' returning *`,
        [decision.received, reference, actor.id, transfer.id],
      );
      // The units were inbound since the source gave them up; a shortfall leaves inbound without reaching the shelf.
      await query(em, `update inventory set on_hand = on_hand + ?, inbound = inbound - ?, updated_at = now() where sku = ? and node_id = ?`, [
        decision.received,
        transfer.quantity,
        transfer.sku,
        transfer.to_node_id,
      ]);
      await query(
        em,
        // The receipt's reference goes in the note, not the ledger's unique `reference`: one goods-received note may
        // cover several transfers of the same SKU.
        `insert into stock_movement (sku, node_id, kind, on_hand_delta, inbound_delta, transfer_id, note, actor_type, actor_id)
         values (?, ?, 'TRANSFER_IN', ?, ?, ?, ?, ?, ?)`,
        [
          transfer.sku,
          transfer.to_node_id,
          decision.received,
          -transfer.quantity,
          transfer.id,
          `receipt ${reference}${decision.shortfall > 0 ? `, short by ${decision.shortfall}` : ''}`.slice(0, 500),
          actor.type,
          actor.id,
        ],
      );
      await appendTransferEvent(em, transfer.id, 'RECEIVED', actor, input.note, {
        reference,
        received: decision.received,
        shortfall: decision.shortfall,
        version: updated!.version,
      });
      return { transfer: updated!, changed: true };
    });
  }
}
