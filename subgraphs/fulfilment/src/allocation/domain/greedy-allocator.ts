import { compareText } from '@hub/shared/compare-text';
import type { AllocationState } from './allocation-state.js';
import type { AllocationWeights, NodeFacts, OrderPlan, OrderToAllocate, PlannedShipment } from './allocation.types.js';
import { BACKORDER_PENALTY, evaluateNode, type NodeOption } from './objective.js';

/** The node options an order may use, keyed by node id. */
export function optionsFor(order: OrderToAllocate, nodes: readonly NodeFacts[], weights: AllocationWeights): Map<string, NodeOption> {
  const options = new Map<string, NodeOption>();
  for (const node of nodes) {
    const option = evaluateNode(order, node, weights);
    if (option) options.set(node.id, option);
  }
  return options;
}

/**
 * Plans one order against the free stock and takes what it uses. First choice: the cheapest node that
 * ships everything in one parcel (Shopify's "minimise splits"); otherwise repeatedly the node with the
 * lowest weighted cost per unit it can still cover; what no node has is backordered.
 */
export function allocateOrderGreedy(order: OrderToAllocate, options: Map<string, NodeOption>, state: AllocationState): OrderPlan {
  const remaining = new Map(order.lines.map((line) => [line.lineNo, line.quantity]));
  const totalUnits = order.lines.reduce((sum, line) => sum + line.quantity, 0);
  const shipments: PlannedShipment[] = [];
  let objective = 0;

  const coverage = (option: NodeOption) => {
    let capacity = state.capacityOf(option.nodeId);
    const take: Array<{ lineNo: number; sku: string; quantity: number }> = [];
    let grams = 0;
    // Two lines of one SKU draw on the same shelf.
    const used = new Map<string, number>();
    for (const line of order.lines) {
      const free = state.available(line.sku, option.nodeId) - (used.get(line.sku) ?? 0);
      const quantity = Math.min(remaining.get(line.lineNo)!, free, capacity);
      if (quantity <= 0) continue;
      used.set(line.sku, (used.get(line.sku) ?? 0) + quantity);
      capacity -= quantity;
      grams += quantity * line.unitWeightGrams;
      take.push({ lineNo: line.lineNo, sku: line.sku, quantity });
    }
    const units = take.reduce((sum, item) => sum + item.quantity, 0);
    return { take, units, cost: option.fixed + option.perGram * grams };
  };

  const commit = (option: NodeOption, take: Array<{ lineNo: number; sku: string; quantity: number }>, cost: number) => {
    for (const item of take) {
      state.take(item.sku, option.nodeId, item.quantity);
      remaining.set(item.lineNo, remaining.get(item.lineNo)! - item.quantity);
    }
    objective += cost;
    shipments.push({ orderId: order.orderId, nodeId: option.nodeId, lane: option.lane, departureAt: option.departureAt, etaAt: option.etaAt, lines: take });
  };

  let single: { option: NodeOption; take: ReturnType<typeof coverage>['take']; cost: number } | undefined;
  for (const option of options.values()) {
    const cover = coverage(option);
    if (cover.units === totalUnits && (!single || cover.cost < single.cost)) single = { option, take: cover.take, cost: cover.cost };
  }
  if (single) {
    commit(single.option, single.take, single.cost);
  } else {
    const unused = new Map(options);
    for (;;) {
      let best: { option: NodeOption; take: ReturnType<typeof coverage>['take']; cost: number; ratio: number } | undefined;
      for (const option of unused.values()) {
        const cover = coverage(option);
        if (cover.units === 0) continue;
        const ratio = cover.cost / cover.units;
        if (!best || ratio < best.ratio) best = { option, take: cover.take, cost: cover.cost, ratio };
      }
      if (!best) break;
      unused.delete(best.option.nodeId);
      commit(best.option, best.take, best.cost);
    }
  }
  const backordered = order.lines
    .filter((line) => remaining.get(line.lineNo)! > 0)
    .map((line) => ({ lineNo: line.lineNo, sku: line.sku, quantity: remaining.get(line.lineNo)! }));
  objective += backordered.reduce((sum, line) => sum + line.quantity, 0) * BACKORDER_PENALTY;
  return { orderId: order.orderId, shipments, backordered, objective };
}

/** Plans a batch first come, first served: earlier orders get the stock when it is short. */
export function allocateBatchGreedy(
  orders: readonly OrderToAllocate[],
  nodes: readonly NodeFacts[],
  weights: AllocationWeights,
  state: AllocationState,
): OrderPlan[] {
  return [...orders]
    .sort((a, b) => a.placedAt.getTime() - b.placedAt.getTime() || compareText(a.orderId, b.orderId))
    .map((order) => allocateOrderGreedy(order, optionsFor(order, nodes, weights), state));
}
