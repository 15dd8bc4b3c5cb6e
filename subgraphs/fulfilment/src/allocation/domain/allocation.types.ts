/** Facts the allocation rules work on: plain data, no ORM or GraphQL types. */

export const SERVICE_LEVELS = ['STANDARD', 'EXPRESS', 'SAME_DAY'] as const;
export type ServiceLevel = (typeof SERVICE_LEVELS)[number];

export const NODE_KINDS = ['CENTRAL', 'FORWARD', 'STORE'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

export const NODE_STATUSES = ['UP', 'DEGRADED', 'DOWN'] as const;
export type NodeStatus = (typeof NODE_STATUSES)[number];

// Carbon estimates (shared with the checkout quote) need the same modes, so the list lives with them.
export { DELIVERY_MODES, type DeliveryMode } from '@hub/shared/green/carbon.rules';

export interface GeoPoint {
  lat: number;
  lon: number;
}

/** A carrier service a node ships with. */
export interface Lane {
  carrier: string;
  serviceLevel: ServiceLevel;
  /** Price of one parcel, minor units. */
  baseCost: number;
  /** Price per kilogram, minor units. */
  costPerKg: number;
  /** Line-haul hours before distance is counted (sorting, hub transfers). */
  baseTransitHours: number;
  /** Average speed door to door, so transit grows with distance. */
  kmPerHour: number;
  /** The carrier's declared grams CO2e per tonne-km; kept for reference: estimates use the versioned GLEC table (shared/src/green). */
  gramsCo2ePerTonneKm: number;
  /** Beyond this distance the service is not offered (same-day couriers); null = unlimited. */
  maxDistanceKm: number | null;
}

export interface NodeFacts {
  id: string;
  kind: NodeKind;
  region: string;
  location: GeoPoint;
  status: NodeStatus;
  /** Units the node can still pick and pack today. */
  remainingCapacity: number;
  /** Wave cut-offs as UTC minutes of the day; an order makes the first wave whose cut-off it beats. */
  cutoffMinutes: number[];
  lanes: Lane[];
}

export interface OrderLineToAllocate {
  lineNo: number;
  sku: string;
  quantity: number;
  unitWeightGrams: number;
}

export interface OrderToAllocate {
  orderId: string;
  placedAt: Date;
  region: string;
  destination: GeoPoint;
  serviceLevel: ServiceLevel;
  lines: OrderLineToAllocate[];
  /** Whether a node outside the order's market may ship it (customs, duties, promises made at checkout). */
  allowCrossBorder: boolean;
  /**
   * When a node can start on the order, if later than its placement: a re-allocated order starts over at its new node
   * now, so its ETA is counted from the move (the customer's wait still from `placedAt`).
   */
  readyAt?: Date;
}

/**
 * How much one unit of each criterion is worth, in minor currency units: cost per minor unit (normally 1),
 * time per hour until delivery, carbon per kilogram CO2e, and a penalty for each shipment beyond the first.
 */
export interface AllocationWeights {
  cost: number;
  time: number;
  carbon: number;
  splitPenalty: number;
}

/** Available units per node and SKU, mutated as a batch is allocated. */
export type StockBySkuAndNode = Map<string, Map<string, number>>;

export interface PlannedShipment {
  orderId: string;
  nodeId: string;
  lane: Lane;
  departureAt: Date;
  etaAt: Date;
  lines: Array<{ lineNo: number; sku: string; quantity: number }>;
}

export interface OrderPlan {
  orderId: string;
  shipments: PlannedShipment[];
  /** Units per line no node could supply. */
  backordered: Array<{ lineNo: number; sku: string; quantity: number }>;
  /** The weighted objective of this plan (lower is better). */
  objective: number;
}
