import { z } from 'zod';

/**
 * Partner API v1: the payloads fulfilment publishes on its subjects (see README). Additive changes only within
 * v1; anything else becomes v2 on new subjects beside these. The contract test checks every published event.
 */
const iso = z.iso.datetime();
const backorderedLine = z.object({ lineNo: z.number().int().min(1), sku: z.string(), quantity: z.number().int().min(1) });

export const shipmentsPlannedV1 = z.object({
  type: z.literal('fulfilment.shipments-planned'),
  version: z.literal(1),
  /** `reservation-expired`: the unpaid order's reservation ran out, its shipments were withdrawn (none listed). */
  cause: z.enum(['allocation', 'reallocation', 'reservation-expired']),
  orderId: z.uuid(),
  region: z.string(),
  refused: z.boolean(),
  shipments: z.array(z.object({ shipmentId: z.uuid(), nodeId: z.string(), etaAt: iso, deliveryMode: z.string(), units: z.number().int().min(1) })),
  backordered: z.array(backorderedLine),
  occurredAt: iso,
});

export const customerNoticeV1 = z.object({
  type: z.literal('fulfilment.delivery-promise-changed'),
  version: z.literal(1),
  orderId: z.uuid(),
  region: z.string(),
  cause: z.literal('NODE_DOWN'),
  previousEtaAt: iso.nullable(),
  newEtaAt: iso.nullable(),
  backordered: z.boolean(),
  occurredAt: iso,
});

export const nodeStatusChangedV1 = z.object({
  type: z.literal('fulfilment.node-status-changed'),
  version: z.literal(1),
  nodeId: z.string(),
  from: z.enum(['UP', 'DEGRADED', 'DOWN']),
  to: z.enum(['UP', 'DEGRADED', 'DOWN']),
  reason: z.string(),
  actor: z.object({ type: z.enum(['user', 'system', 'carrier']), id: z.string() }),
  occurredAt: iso,
});

/** The schema each subject family must satisfy, keyed by the subject's event token. */
export const PARTNER_EVENT_SCHEMAS = {
  'shipments-planned': shipmentsPlannedV1,
  'customer-notice': customerNoticeV1,
  'node-status': nodeStatusChangedV1,
} as const;
