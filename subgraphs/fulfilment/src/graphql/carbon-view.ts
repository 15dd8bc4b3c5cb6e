import { DEFAULT_CARBON_LABEL, formatCarbonLabel, type CarbonLabelFormat } from '@hub/shared/green/carbon-label';
import type { OrderCarbon, ShipmentCarbon } from './green.types.js';

export interface ShipmentCarbonRow {
  id: string;
  state: string;
  co2e_grams: number;
  co2e_ttw_grams: number | null;
  co2e_wtw_grams: number | null;
  co2e_operations_grams: number | null;
  co2e_packaging_grams: number | null;
  carbon_factor_version: string | null;
}

export function shipmentCarbonOf(row: ShipmentCarbonRow): ShipmentCarbon | null {
  if (row.carbon_factor_version === null || row.co2e_wtw_grams === null) return null;
  return {
    shipmentId: row.id,
    ttwGrams: row.co2e_ttw_grams ?? 0,
    wtwGrams: row.co2e_wtw_grams,
    operationsGrams: row.co2e_operations_grams ?? 0,
    packagingGrams: row.co2e_packaging_grams ?? 0,
    totalGrams: row.co2e_grams,
    factorVersion: row.carbon_factor_version,
  };
}

/** An order's carbon: the shipments that travel (not cancelled, not moved off a failed node) and their sum. */
export function orderCarbonOf(rows: readonly ShipmentCarbonRow[], format: CarbonLabelFormat | null): OrderCarbon | null {
  const shipments = rows
    .filter((row) => row.state !== 'CANCELLED' && row.state !== 'REALLOCATED')
    .map(shipmentCarbonOf)
    .filter((carbon): carbon is ShipmentCarbon => carbon !== null);
  if (shipments.length === 0) return null;
  const sum = (pick: (carbon: ShipmentCarbon) => number) => shipments.reduce((total, carbon) => total + pick(carbon), 0);
  const totalGrams = sum((carbon) => carbon.totalGrams);
  return {
    totalGrams,
    ttwGrams: sum((c) => c.ttwGrams),
    wtwGrams: sum((c) => c.wtwGrams),
    operationsGrams: sum((c) => c.operationsGrams),
    packagingGrams: sum((c) => c.packagingGrams),
    factorVersions: [...new Set(shipments.map((carbon) => carbon.factorVersion))],
    label: formatCarbonLabel(totalGrams, format ?? DEFAULT_CARBON_LABEL),
    shipments,
  };
}
