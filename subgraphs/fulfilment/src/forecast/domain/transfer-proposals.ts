import { compareText } from '@hub/shared/compare-text';

/** Stock position of one SKU at one forward node, and the forecast demand of the zone it serves. */
export interface ForwardPosition {
  sku: string;
  nodeId: string;
  region: string;
  available: number;
  inbound: number;
  /** Forecast units per day for the days the transfer must cover. */
  dailyForecast: readonly number[];
}

export interface CentralStock {
  sku: string;
  nodeId: string;
  region: string;
  available: number;
}

export interface TransferProposalDraft {
  sku: string;
  fromNodeId: string;
  toNodeId: string;
  quantity: number;
  /** Forecast demand over the cover period the proposal is based on. */
  forecastUnits: number;
  reason: string;
}

export interface PrepositionPolicy {
  /** Days of forecast demand a forward node should hold (transfer lead time plus review period). */
  coverDays: number;
  /** Extra share of the forecast held against forecast error. */
  safetyFactor: number;
  /** Share of a central node's stock it keeps for its own orders. */
  centralReserveShare: number;
  /** Proposals smaller than this are not worth a truck. */
  minimumQuantity: number;
}

export const DEFAULT_PREPOSITION_POLICY: PrepositionPolicy = { coverDays: 3, safetyFactor: 0.2, centralReserveShare: 0.3, minimumQuantity: 5 };

/**
 * Proposes moving stock from central warehouses to forward warehouses (前置仓) of the same region ahead of
 * forecast demand: target = cover days × forecast × (1 + safety), shortfall = target − available − inbound.
 * Central stock is shared out in order of shortfall and never below its reserve, so a proposal is always
 * executable at the time it is made.
 */
export function proposeTransfers(
  forward: readonly ForwardPosition[],
  central: readonly CentralStock[],
  policy = DEFAULT_PREPOSITION_POLICY,
): TransferProposalDraft[] {
  const spare = new Map(central.map((row) => [`${row.nodeId}|${row.sku}`, Math.floor(row.available * (1 - policy.centralReserveShare))]));
  const needs = forward
    .map((position) => {
      const forecastUnits = position.dailyForecast.slice(0, policy.coverDays).reduce((sum, value) => sum + value, 0);
      const target = Math.ceil(forecastUnits * (1 + policy.safetyFactor));
      return { position, forecastUnits, shortfall: target - position.available - position.inbound };
    })
    .filter((need) => need.shortfall >= policy.minimumQuantity)
    .sort((a, b) => b.shortfall - a.shortfall || compareText(a.position.sku, b.position.sku) || compareText(a.position.nodeId, b.position.nodeId));
  const proposals: TransferProposalDraft[] = [];
  for (const { position, forecastUnits, shortfall } of needs) {
    let missing = shortfall;
    const sources = central
      .filter((row) => row.sku === position.sku && row.region === position.region)
      .sort((a, b) => (spare.get(`${b.nodeId}|${b.sku}`) ?? 0) - (spare.get(`${a.nodeId}|${a.sku}`) ?? 0));
    for (const source of sources) {
      const key = `${source.nodeId}|${source.sku}`;
      const quantity = Math.min(missing, spare.get(key) ?? 0);
      if (quantity < policy.minimumQuantity) continue;
      spare.set(key, spare.get(key)! - quantity);
      missing -= quantity;
      proposals.push({
        sku: position.sku,
        fromNodeId: source.nodeId,
        toNodeId: position.nodeId,
        quantity,
        forecastUnits: Math.round(forecastUnits * 100) / 100,
        reason: `forecast ${Math.round(forecastUnits)} units over ${policy.coverDays} days; holding ${position.available} + ${position.inbound} inbound`,
      });
      if (missing < policy.minimumQuantity) break;
    }
  }
  return proposals;
}
