import type { DeliveryMode, NodeKind, ServiceLevel } from './allocation.types.js';

const HOUR_MS = 3_600_000;
/** Parcels above this weight go as freight: parcel networks refuse them. */
export const FREIGHT_THRESHOLD_GRAMS = 31_500;
/** A store this close to the customer hands the parcel to a local courier instead of a parcel network. */
export const LOCAL_COURIER_KM = 15;

export interface ShipmentFacts {
  serviceLevel: ServiceLevel;
  nodeKind: NodeKind;
  km: number;
  grams: number;
  now: Date;
  departureAt: Date;
  /** Part of an order split over several nodes. */
  split: boolean;
}

export interface ShipmentHandling {
  pickPriority: number;
  packingPriority: number;
  deliveryMode: DeliveryMode;
}

/**
 * How a node works a shipment, decided when it is allocated (Amazon's pick path, packing priority and
 * delivery mode at order creation). Priorities run from 1 (first) to 5: the service level sets the tier, a
 * carrier departure within two hours moves the pick one tier up, and split parcels pack first so that the
 * parts of one order leave together.
 */
export function planHandling(facts: ShipmentFacts): ShipmentHandling {
  const tier = { SAME_DAY: 1, EXPRESS: 2, STANDARD: 3 }[facts.serviceLevel];
  const hoursToDeparture = (facts.departureAt.getTime() - facts.now.getTime()) / HOUR_MS;
  const pickPriority = clamp(hoursToDeparture <= 2 ? tier - 1 : hoursToDeparture > 24 ? tier + 1 : tier);
  const packingPriority = clamp(facts.split ? pickPriority - 1 : pickPriority);
  return { pickPriority, packingPriority, deliveryMode: deliveryModeOf(facts) };
}

export function deliveryModeOf(facts: Pick<ShipmentFacts, 'serviceLevel' | 'nodeKind' | 'km' | 'grams'>): DeliveryMode {
  if (facts.grams > FREIGHT_THRESHOLD_GRAMS) return 'FREIGHT';
  if (facts.serviceLevel === 'SAME_DAY') return 'SAME_DAY_COURIER';
  if (facts.nodeKind === 'STORE' && facts.km <= LOCAL_COURIER_KM) return 'LOCAL_COURIER';
  return facts.serviceLevel === 'EXPRESS' ? 'EXPRESS_PARCEL' : 'STANDARD_PARCEL';
}

const clamp = (priority: number) => Math.min(5, Math.max(1, priority));
