import type { CarbonFactorTable, HubKind, TransportMode } from './carbon-factors.table.js';

/** How a shipment travels to the customer (decided by fulfilment when it is allocated). */
export const DELIVERY_MODES = ['SAME_DAY_COURIER', 'LOCAL_COURIER', 'EXPRESS_PARCEL', 'STANDARD_PARCEL', 'FREIGHT'] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

/** Parcels within this great-circle distance go straight from the node by van; beyond it they pass a sorting hub. */
export const DIRECT_VAN_KM = 40;
/** Last-mile leg from the destination's sorting hub to the door, assumed when the parcel passes a hub. */
export const LAST_MILE_KM = 25;
/** Express parcels beyond these great-circle distances fly (belly freight); GLEC splits air at 1,500 / 4,000 km. */
export const EXPRESS_AIR_KM = 1_000;
export const LONG_HAUL_AIR_KM = 4_000;

export interface Leg {
  mode: TransportMode;
  greatCircleKm: number;
}
export interface TransportChain {
  legs: Leg[];
  hubs: HubKind[];
}

/**
 * The transport chain (ISO 14083 "transport chain elements") assumed for a shipment when only the two ends
 * are known: couriers and freight drive the whole way; parcels go by van when near, else by line-haul (truck,
 * or air for far express parcels) to a sorting hub and by van for the last mile. The dispatching warehouse
 * is always a hub operation.
 */
export function transportChainOf(deliveryMode: DeliveryMode, greatCircleKm: number): TransportChain {
  const km = Math.max(0, greatCircleKm);
  if (deliveryMode === 'FREIGHT') return { legs: [{ mode: 'ROAD_RIGID', greatCircleKm: km }], hubs: ['WAREHOUSE'] };
  if (deliveryMode === 'SAME_DAY_COURIER' || deliveryMode === 'LOCAL_COURIER' || km <= DIRECT_VAN_KM) {
    return { legs: [{ mode: 'ROAD_LCV', greatCircleKm: km }], hubs: ['WAREHOUSE'] };
  }
  const lineHaulKm = km - LAST_MILE_KM;
  const lineHaul: TransportMode =
    deliveryMode === 'EXPRESS_PARCEL' && km > EXPRESS_AIR_KM ? (km > LONG_HAUL_AIR_KM ? 'AIR_LONG_HAUL' : 'AIR_SHORT_HAUL') : 'ROAD_ARTIC';
  return {
    legs: [
      { mode: lineHaul, greatCircleKm: lineHaulKm },
      { mode: 'ROAD_LCV', greatCircleKm: LAST_MILE_KM },
    ],
    hubs: ['WAREHOUSE', 'PARCEL_HUB'],
  };
}

export class CarbonFactorMissingError extends Error {
  readonly code = 'CARBON_FACTOR_MISSING';
  constructor(
    readonly version: string,
    readonly what: string,
  ) {
    super(`Carbon factor table ${version} has no factor for ${what}`);
    this.name = 'CarbonFactorMissingError';
  }
}

export interface LegEmissions {
  mode: TransportMode;
  distanceKm: number;
  tonneKm: number;
  ttwGrams: number;
  wtwGrams: number;
}

export interface ShipmentCarbon {
  factorVersion: string;
  legs: LegEmissions[];
  /** Tank-to-wheel transport emissions, grams CO2e. */
  ttwGrams: number;
  /** Well-to-wheel transport emissions (includes TTW), grams CO2e. */
  wtwGrams: number;
  /** Warehouse and sorting-hub operations, grams CO2e. */
  operationsGrams: number;
  /** Packaging material, grams CO2e. */
  packagingGrams: number;
  /** WTW transport + operations + packaging: what the label shows. */
  totalGrams: number;
}

export interface ShipmentCarbonFacts {
  deliveryMode: DeliveryMode;
  greatCircleKm: number;
  /** Goods plus packaging: the mass transported. */
  grossGrams: number;
  /** Box material (and void fill), cradle to gate. */
  packagingMaterialGrams: number;
}

/**
 * CO2e of one shipment following ISO 14083 / GLEC: per leg, GLEC-adjusted distance × tonnes × intensity
 * (WTW and TTW apart), plus hub operations per tonne handled and the packaging material. Refuses with
 * `CarbonFactorMissingError` rather than guessing when the table lacks a mode or hub.
 */
export function shipmentCarbon(table: CarbonFactorTable, facts: ShipmentCarbonFacts): ShipmentCarbon {
  const tonnes = facts.grossGrams / 1e6;
  const chain = transportChainOf(facts.deliveryMode, facts.greatCircleKm);
  const legs = chain.legs.map((leg): LegEmissions => {
    const factor = table.modes[leg.mode];
    if (!factor) throw new CarbonFactorMissingError(table.version, `mode ${leg.mode}`);
    const distanceKm = leg.greatCircleKm * factor.distance.multiplier + factor.distance.addKm;
    const tonneKm = tonnes * distanceKm;
    return { mode: leg.mode, distanceKm, tonneKm, ttwGrams: tonneKm * factor.ttwGramsPerTonneKm, wtwGrams: tonneKm * factor.wtwGramsPerTonneKm };
  });
  const operationsGrams = chain.hubs.reduce((sum, hub) => {
    const factor = table.hubs[hub];
    if (!factor) throw new CarbonFactorMissingError(table.version, `hub ${hub}`);
    return sum + tonnes * factor.gramsPerTonne;
  }, 0);
  const packagingGrams = facts.packagingMaterialGrams * table.packaging.corrugatedGramsPerGram;
  const ttwGrams = legs.reduce((sum, leg) => sum + leg.ttwGrams, 0);
  const wtwGrams = legs.reduce((sum, leg) => sum + leg.wtwGrams, 0);
  return { factorVersion: table.version, legs, ttwGrams, wtwGrams, operationsGrams, packagingGrams, totalGrams: wtwGrams + operationsGrams + packagingGrams };
}

/**
 * WTW transport and hub grams CO2e per tonne shipped from a node to a customer: what one more gram on that
 * route costs the climate, for the allocation objective (packaging does not depend on the route).
 */
export function routeGramsPerTonne(table: CarbonFactorTable, deliveryMode: DeliveryMode, greatCircleKm: number): number {
  const carbon = shipmentCarbon(table, { deliveryMode, greatCircleKm, grossGrams: 1e6, packagingMaterialGrams: 0 });
  return carbon.wtwGrams + carbon.operationsGrams;
}
