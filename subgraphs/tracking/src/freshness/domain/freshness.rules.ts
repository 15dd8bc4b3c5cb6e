/**
 * The seed's cadence table: storefront order status every 5 minutes, warehouse (WMS) work every 30 seconds,
 * transport (TMS) every minute. A travelling shipment whose latest update of a layer is older than a
 * multiple of that cadence is stale in that layer.
 */
export const LAYER_CADENCE_MS = { WAREHOUSE: 30_000, TRANSPORT: 60_000, STATUS: 300_000 } as const;
export type FreshnessLayer = keyof typeof LAYER_CADENCE_MS;

/** Missing a few beats is normal (batching, network); beyond this many the layer is flagged. */
export const STALE_AFTER_BEATS = 10;

export interface LayerAges {
  WAREHOUSE: Date | null;
  TRANSPORT: Date | null;
  STATUS: Date | null;
}

/** Layers the shipment is in (a parcel in transit is no longer expected to hear from the warehouse) and stale. */
export function staleLayers(latest: LayerAges, inTransit: boolean, now: Date): FreshnessLayer[] {
  const expected: FreshnessLayer[] = inTransit ? ['TRANSPORT', 'STATUS'] : ['WAREHOUSE', 'STATUS'];
  return expected.filter((layer) => {
    const at = latest[layer];
    return at === null || now.getTime() - at.getTime() > LAYER_CADENCE_MS[layer] * STALE_AFTER_BEATS;
  });
}
