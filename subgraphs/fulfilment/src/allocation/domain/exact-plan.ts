import type { BatchInput, MipModel } from './mip-model.js';
import { BACKORDER_PENALTY } from './objective.js';

/**
 * Up to this many ways of splitting the lines over their nodes, trying them all costs less than handing the model to
 * the solver's worker (a placement with a few units over a handful of nodes has well under a hundred).
 */
export const EXACT_PLAN_LIMIT = 4_096;

interface ShipVar {
  name: string;
  sku: string;
  nodeId: string;
  upper: number;
  perUnit: number;
  /** Index of the (order, node) parcel this variable ships in. */
  parcel: number;
}

/**
 * The MIP's optimum for an instance small enough to enumerate: every integer split of each line over the nodes the model
 * lets it use (the rest backordered), under the same stock, capacity and parcel costs, keeping the cheapest. Returns
 * the ship variables' values as the solver would, or null when the instance is too large or a cost is negative (where
 * opening a parcel without shipping in it could pay, which enumerating shipped units would miss).
 */
export function solveSmallExactly({ orders, options, state }: BatchInput, model: MipModel, limit = EXACT_PLAN_LIMIT): Map<string, number> | null {
  const varsOf = new Map<string, ShipVar[]>();
  const parcels = new Map<string, number>();
  const fixed: number[] = [];
  for (const [name, { order: o, line: l, nodeId }] of model.shipVars) {
    const line = orders[o]!.lines[l]!;
    const option = options[o]!.get(nodeId)!;
    const perUnit = option.perGram * line.unitWeightGrams;
    if (!(perUnit >= 0 && option.fixed >= 0 && Number.isFinite(perUnit) && Number.isFinite(option.fixed))) return null;
    const parcelKey = `${o}:${nodeId}`;
    let parcel = parcels.get(parcelKey);
    if (parcel === undefined) {
      parcel = fixed.push(option.fixed) - 1;
      parcels.set(parcelKey, parcel);
    }
    const upper = Math.min(line.quantity, state.available(line.sku, nodeId), state.capacityOf(nodeId));
    const key = `${o}:${l}`;
    (varsOf.get(key) ?? varsOf.set(key, []).get(key)!).push({ name, sku: line.sku, nodeId, upper, perUnit, parcel });
  }
  const lines = orders.flatMap((order, o) => order.lines.map((line, l) => ({ quantity: line.quantity, vars: varsOf.get(`${o}:${l}`) ?? [] })));
  let splits = 1;
  for (const line of lines) {
    splits *= splitCount(line.quantity, line.vars.length, limit);
    if (splits > limit) return null;
  }

  const usedStock = new Map<string, number>();
  const usedCapacity = new Map<string, number>();
  const opened = fixed.map(() => 0);
  const values = new Map<ShipVar, number>();
  let best = Number.POSITIVE_INFINITY;
  let bestValues = new Map<ShipVar, number>();
  const stockKey = (v: ShipVar) => `${v.sku}\u0000${v.nodeId}`;

  // Costs are non-negative, so a partial plan already as dear as the best complete one cannot win.
  const assign = (lineIndex: number, varIndex: number, left: number, cost: number): void => {
    if (cost >= best) return;
    const line = lines[lineIndex];
    if (!line) {
      best = cost;
      bestValues = new Map(values);
      return;
    }
    if (varIndex === line.vars.length) {
      assign(lineIndex + 1, 0, lines[lineIndex + 1]?.quantity ?? 0, cost + left * BACKORDER_PENALTY);
      return;
    }
    const v = line.vars[varIndex]!;
    const most = Math.min(
      left,
      v.upper,
      state.available(v.sku, v.nodeId) - (usedStock.get(stockKey(v)) ?? 0),
      state.capacityOf(v.nodeId) - (usedCapacity.get(v.nodeId) ?? 0),
    );
    // Most first: full plans come early and bound the rest.
    for (let units = most; units >= 0; units -= 1) {
      if (units === 0) {
        assign(lineIndex, varIndex + 1, left, cost);
        continue;
      }
      usedStock.set(stockKey(v), (usedStock.get(stockKey(v)) ?? 0) + units);
      usedCapacity.set(v.nodeId, (usedCapacity.get(v.nodeId) ?? 0) + units);
      const opens = opened[v.parcel]! === 0 ? fixed[v.parcel]! : 0;
      opened[v.parcel]! += 1;
      values.set(v, units);
      assign(lineIndex, varIndex + 1, left - units, cost + units * v.perUnit + opens);
      values.delete(v);
      opened[v.parcel]! -= 1;
      usedCapacity.set(v.nodeId, usedCapacity.get(v.nodeId)! - units);
      usedStock.set(stockKey(v), usedStock.get(stockKey(v))! - units);
    }
  };
  assign(0, 0, lines[0]?.quantity ?? 0, 0);
  return new Map([...bestValues].map(([v, units]) => [v.name, units]));
}

/** Ways to put at most `quantity` units on `slots` nodes (C(quantity + slots, slots)), capped just above `limit`. */
function splitCount(quantity: number, slots: number, limit: number): number {
  let count = 1;
  for (let k = 1; k <= slots; k += 1) {
    count = (count * (quantity + k)) / k;
    if (count > limit) return limit + 1;
  }
  return Math.round(count);
}
