import type { AllocationWeights, Lane, NodeFacts, OrderToAllocate, ServiceLevel } from './allocation.types.js';
import { estimateDelivery } from './eta.js';
import { distanceKm } from './geo.js';
import { deliveryModeOf } from './shipment-plan.js';
import { CURRENT_CARBON_FACTORS, type CarbonFactorTable } from '@hub/shared/green/carbon-factors.table';
import { routeGramsPerTonne } from '@hub/shared/green/carbon.rules';

const SERVICE_RANK: Record<ServiceLevel, number> = { STANDARD: 0, EXPRESS: 1, SAME_DAY: 2 };
const HOUR_MS = 3_600_000;

/** Weights a channel starts with: a minor unit of cost, 20 per hour of waiting, 10 per kg CO2e, 300 per extra parcel. */
export const DEFAULT_WEIGHTS: AllocationWeights = { cost: 1, time: 20, carbon: 10, splitPenalty: 300 };
/** Bounds that keep one criterion from drowning the others by a typo (and keep the solver numerically sane). */
export const WEIGHT_BOUNDS = { min: 0, max: 10_000 } as const;
/** Weight of an unsupplied unit: far above any shipping cost, so the plan only backorders what no node has. */
export const BACKORDER_PENALTY = 1_000_000;

export interface WeightProblem {
  field: keyof AllocationWeights | 'weights';
  message: string;
}

/** Refuses weights a planner could not use: non-finite, out of range, or nothing to optimise. */
export function validateWeights(weights: AllocationWeights): WeightProblem[] {
  const problems: WeightProblem[] = [];
  for (const field of ['cost', 'time', 'carbon', 'splitPenalty'] as const) {
    const value = weights[field];
    if (!Number.isFinite(value) || value < WEIGHT_BOUNDS.min || value > WEIGHT_BOUNDS.max) {
      problems.push({ field, message: `${field} must be between ${WEIGHT_BOUNDS.min} and ${WEIGHT_BOUNDS.max}` });
    }
  }
  if (problems.length === 0 && weights.cost + weights.time + weights.carbon === 0) {
    problems.push({ field: 'weights', message: 'At least one of cost, time and carbon must carry weight' });
  }
  return problems;
}

export function laneMeetsServiceLevel(lane: Lane, required: ServiceLevel, km: number): boolean {
  return SERVICE_RANK[lane.serviceLevel] >= SERVICE_RANK[required] && (lane.maxDistanceKm === null || km <= lane.maxDistanceKm);
}

/** What shipping part of an order from one node costs, with the lane that minimises it. */
export interface NodeOption {
  nodeId: string;
  lane: Lane;
  km: number;
  departureAt: Date;
  etaAt: Date;
  /** Weighted cost of opening a shipment here (parcel price, waiting time, split penalty). */
  fixed: number;
  /** Weighted cost per gram shipped (weight-dependent price and emissions). */
  perGram: number;
}

/**
 * Whether a node may serve an order, and at what weighted cost: a down node never; a node outside the
 * order's market only when cross-border shipping is allowed; only lanes at or above the customer's service level.
 */
export function evaluateNode(
  order: OrderToAllocate,
  node: NodeFacts,
  weights: AllocationWeights,
  factors: CarbonFactorTable = CURRENT_CARBON_FACTORS,
): NodeOption | null {
  if (node.status === 'DOWN') return null;
  if (node.region !== order.region && !order.allowCrossBorder) return null;
  const km = distanceKm(node.location, order.destination);
  const readyAt = order.readyAt && order.readyAt > order.placedAt ? order.readyAt : order.placedAt;
  const orderGrams = order.lines.reduce((sum, line) => sum + line.quantity * line.unitWeightGrams, 0);
  let best: NodeOption | null = null;
  for (const lane of node.lanes) {
    if (!laneMeetsServiceLevel(lane, order.serviceLevel, km)) continue;
    const { departureAt, etaAt } = estimateDelivery(readyAt, node.cutoffMinutes, lane, km, node.status === 'DEGRADED');
    const hours = (etaAt.getTime() - order.placedAt.getTime()) / HOUR_MS;
    const fixed = weights.cost * lane.baseCost + weights.time * hours + weights.splitPenalty;
    // costPerKg per 1,000 g; carbon: the GLEC route intensity (WTW transport + hubs, g CO2e per tonne) per gram, in kg.
    // The same delivery mode the shipment will record (planHandling), so the objective prices what is reported.
    const deliveryMode = deliveryModeOf({ serviceLevel: order.serviceLevel, nodeKind: node.kind, km, grams: orderGrams });
    const perGram = (weights.cost * lane.costPerKg) / 1000 + (weights.carbon * routeGramsPerTonne(factors, deliveryMode, km)) / 1e9;
    const option: NodeOption = { nodeId: node.id, lane, km, departureAt, etaAt, fixed, perGram };
    if (!best || option.fixed + option.perGram * orderGrams < best.fixed + best.perGram * orderGrams) best = option;
  }
  return best;
}
