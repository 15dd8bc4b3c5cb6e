import type { QueuedCoreCommand } from '@hub/shared/commands/command-outbox';
import type { OrderPlan } from '../allocation/domain/allocation.types.js';
import type { Actor, WrittenShipment } from '../allocation/plan-writer.js';

/** The command purpose of a re-allocation reported on core's order timeline; nothing is undone if core refuses it. */
export const REALLOCATION_NOTE_PURPOSE = 'fulfilment.reallocation-note';

/** One note per order and job: a chunk run again after a crash queues the same ids, which the outbox and core drop. */
export const reallocationNoteId = (orderId: string, jobId: string) => `fulfilment:${orderId}:reallocated:${jobId}`;

/**
 * What core's timeline records for each order a failed node's job re-planned: REALLOCATED when every unit found
 * another node (with those nodes and the new estimate), BACKORDERED when some wait for stock. The operator who
 * marked the node down is the actor; node ids and times are all it says, so nothing personal leaves fulfilment.
 */
export function reallocationNotes(
  plans: readonly OrderPlan[],
  shipments: readonly WrittenShipment[],
  context: { jobId: string; fromNode: string; actor: Actor; at: Date },
): QueuedCoreCommand[] {
  const shipmentsOf = new Map<string, WrittenShipment[]>();
  for (const shipment of shipments) (shipmentsOf.get(shipment.orderId) ?? shipmentsOf.set(shipment.orderId, []).get(shipment.orderId)!).push(shipment);
  return plans.map((plan) => {
    const own = shipmentsOf.get(plan.orderId) ?? [];
    const backordered = plan.backordered.length > 0;
    const latestEta = own.reduce((latest, shipment) => (shipment.etaAt > latest ? shipment.etaAt : latest), '');
    return {
      commandId: reallocationNoteId(plan.orderId, context.jobId),
      orderId: plan.orderId,
      kind: 'order.note',
      purpose: REALLOCATION_NOTE_PURPOSE,
      localRef: context.jobId,
      body: {
        event: backordered ? 'BACKORDERED' : 'REALLOCATED',
        occurredAt: context.at.toISOString(),
        actor: context.actor,
        details: {
          fromNode: context.fromNode,
          toNodes: [...new Set(own.map((shipment) => shipment.nodeId))].sort().slice(0, 20),
          ...(!backordered && latestEta ? { estimatedDeliveryAt: latestEta } : {}),
        },
      },
    };
  });
}
