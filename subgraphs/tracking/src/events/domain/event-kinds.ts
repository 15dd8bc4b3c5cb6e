import type { OrderStatus } from '@hub/shared/messaging/contracts';

/** What a carrier or warehouse reports about a parcel. */
export const EVENT_KINDS = [
  'LABEL_CREATED',
  'PICKED',
  'PACKED',
  'OUTBOUND',
  'FIRST_SCAN',
  'ARRIVED_AT_NODE',
  'DEPARTED_NODE',
  'OUT_FOR_DELIVERY',
  'DELIVERY_ATTEMPTED',
  'SIGNED',
  'DELIVERY_REFUSED',
  'EXCEPTION',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** Where an event was recorded; dwell thresholds differ per type. */
export const NODE_TYPES = ['WAREHOUSE', 'SORTING_CENTER', 'HUB', 'CUSTOMS', 'DELIVERY_STATION', 'PICKUP_POINT', 'VEHICLE', 'DOORSTEP'] as const;
export type NodeType = (typeof NODE_TYPES)[number];

/** The freshness layer each kind belongs to: the seed's cadence table measures them separately. */
export type UpdateLayer = 'WAREHOUSE' | 'TRANSPORT';
export const layerOf = (kind: EventKind): UpdateLayer => (kind === 'PICKED' || kind === 'PACKED' || kind === 'LABEL_CREATED' ? 'WAREHOUSE' : 'TRANSPORT');

/**
 * The five key nodes a customer hears about (order created, left the warehouse, first carrier scan, out for
 * delivery, signed) plus a refusal at the door. Only those that move the master order reach core.
 */
const MILESTONE_STATUS: Partial<Record<EventKind, OrderStatus>> = {
  OUTBOUND: 'OUTBOUND',
  FIRST_SCAN: 'FIRST_SCAN',
  OUT_FOR_DELIVERY: 'OUT_FOR_DELIVERY',
  SIGNED: 'SIGNED',
  DELIVERY_REFUSED: 'DELIVERY_REFUSED',
};
const KEY_NODES = new Set<EventKind>(['LABEL_CREATED', 'OUTBOUND', 'FIRST_SCAN', 'OUT_FOR_DELIVERY', 'SIGNED', 'DELIVERY_REFUSED']);

/** The master-order status a milestone moves core to; `undefined` for steps that stay in tracking. */
export const milestoneStatusOf = (kind: EventKind): OrderStatus | undefined => MILESTONE_STATUS[kind];
export const isKeyNode = (kind: EventKind): boolean => KEY_NODES.has(kind);
/** After these the parcel is no longer travelling: no ETA, no dwell alert. */
export const isTerminal = (kind: EventKind): boolean => kind === 'SIGNED' || kind === 'DELIVERY_REFUSED';

/** Forward order of milestones; a late-arriving earlier milestone never moves a parcel back. */
export const MILESTONE_RANK: Partial<Record<EventKind, number>> = {
  LABEL_CREATED: 1,
  PICKED: 2,
  PACKED: 3,
  OUTBOUND: 4,
  FIRST_SCAN: 5,
  OUT_FOR_DELIVERY: 6,
  SIGNED: 7,
  DELIVERY_REFUSED: 7,
};
