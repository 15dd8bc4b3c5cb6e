import type { MikroORM } from '@mikro-orm/postgresql';
import { enqueueCoreCommand } from '@hub/shared/commands/command-outbox';
import type { Actor } from '../allocation/plan-writer.js';
import { writeTimeline } from '../allocation/plan-writer.js';
import { shipOut } from '../orders/stock-effects.js';
import { query } from '../persistence/sql.js';
import { refuse } from '../user-error.js';
import { decideStep, orderReachedStep, type ShipmentState, type WarehouseStep } from './domain/shipment-progress.rules.js';

/** The command purpose of a warehouse step reported to core; core's verdict stays on the command. */
export const WAREHOUSE_STEP_PURPOSE = 'fulfilment.warehouse-step';
/** One command per order and step: a repeat, or a second parcel of the order reaching it, queues nothing new. */
export const warehouseStepCommandId = (orderId: string, step: WarehouseStep) => `fulfilment:${orderId}:${step}`;

export interface ShipmentStepInput {
  shipmentId: string;
  step: WarehouseStep;
  occurredAt?: Date | null;
  expectedVersion?: number | null;
}

interface LockedShipment {
  id: string;
  order_id: string;
  state: ShipmentState;
  version: number;
  created_at: Date;
  picked_at: Date | null;
  packed_at: Date | null;
  held_until: Date | null;
}

const PREVIOUS_AT: Record<WarehouseStep, (row: LockedShipment) => Date | null> = {
  PICKED: (row) => row.created_at,
  PACKED: (row) => row.picked_at,
  OUTBOUND: (row) => row.packed_at,
};
const STAMP: Record<WarehouseStep, string> = { PICKED: 'picked_at', PACKED: 'packed_at', OUTBOUND: 'outbound_at' };

/**
 * Warehouse staff record picking, packing and hand-over to the carrier. The shipment's step, its timeline
 * entry, the stock sale (outbound) and, once every live shipment of the order has reached the step, the
 * order's status command for core are written in one transaction; the command relay sends it after commit.
 */
export class ShipmentProgressService {
  constructor(
    private readonly orm: MikroORM,
    private readonly nudgeCommands: () => void,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** The region of the node a shipment ships from, for the caller's scope check; null when unknown. */
  async regionOf(shipmentId: string): Promise<string | null> {
    const [row] = await query<{ region: string }>(this.orm.em.fork(), `select n.region from shipment s join node n on n.id = s.node_id where s.id = ?::uuid`, [
      shipmentId,
    ]).catch(() => []);
    return row?.region ?? null;
  }

  async record(input: ShipmentStepInput, actor: Actor): Promise<{ shipmentId: string; changed: boolean; reportedToCore: boolean }> {
    const now = this.clock();
    const occurredAt = input.occurredAt ?? now;
    const result = await this.orm.em.fork().transactional(async (tx) => {
      const [row] = await query<LockedShipment>(
        tx,
        `select id, order_id, state, version, created_at, picked_at, packed_at, held_until from shipment where id = ?::uuid for update`,
        [input.shipmentId],
      );
      if (!row) throw refuse('NOT_FOUND', ['input', 'shipmentId'], 'No such shipment');
      if (input.expectedVersion != null && row.version !== input.expectedVersion)
        throw refuse('CONFLICT', ['input', 'expectedVersion'], 'The shipment changed since it was read');
      if (row.held_until !== null && row.state === 'ALLOCATED')
        throw refuse(
          'SHIPMENT_HELD_FOR_CONSOLIDATION',
          ['input', 'shipmentId'],
          `The shipment waits for its consignment until ${new Date(row.held_until).toISOString()}`,
        );
      const previous = PREVIOUS_AT[input.step](row);
      const decision = decideStep(row.state, input.step, occurredAt, previous ? new Date(previous) : new Date(row.created_at), now);
      if (decision.kind === 'REFUSE') throw refuse(decision.code, ['input', decision.field], decision.message);
      if (decision.kind === 'REPEAT') return { changed: false, reportedToCore: false };
      if (input.step === 'OUTBOUND') {
        // Leaving the node turns the reservation into a sale; the shipment's state moves with it.
        await shipOut(tx, [row.id], actor, now);
        await query(tx, `update shipment set outbound_at = ? where id = ?::uuid`, [occurredAt, row.id]);
      } else {
        await query(tx, `update shipment set state = ?, ${STAMP[input.step]} = ?, version = version + 1, updated_at = ? where id = ?::uuid`, [
          input.step,
          occurredAt,
          now,
          row.id,
        ]);
      }
      await writeTimeline(
        tx,
        [{ order_id: row.order_id, kind: input.step, note: `shipment ${row.id} ${input.step.toLowerCase()}`, details: { shipmentId: row.id } }],
        actor,
        occurredAt,
      );
      // Two parcels of one order scanned at once must not both miss the other's step: serialise per order (the
      // command outbox's own lock), so the second sees the first's committed state.
      await query(tx, `select pg_advisory_xact_lock(hashtext(?))`, [row.order_id]);
      const states = await query<{ state: ShipmentState }>(tx, `select state from shipment where order_id = ?::uuid`, [row.order_id]);
      if (
        !orderReachedStep(
          states.map((s) => s.state),
          input.step,
        )
      )
        return { changed: true, reportedToCore: false };
      await enqueueCoreCommand(tx, {
        commandId: warehouseStepCommandId(row.order_id, input.step),
        orderId: row.order_id,
        kind: 'order.transition',
        purpose: WAREHOUSE_STEP_PURPOSE,
        localRef: row.id,
        body: { to: input.step, occurredAt: occurredAt.toISOString(), actor, note: 'warehouse step' },
      });
      return { changed: true, reportedToCore: true };
    });
    if (result.reportedToCore) this.nudgeCommands();
    return { shipmentId: input.shipmentId, ...result };
  }
}
