import type { AllocationState } from './allocation-state.js';
import type { OrderPlan, OrderToAllocate, PlannedShipment } from './allocation.types.js';
import { BACKORDER_PENALTY, type NodeOption } from './objective.js';

/**
 * The batch allocation as a mixed-integer programme in CPLEX LP format (what HiGHS reads):
 *   min Σ fixed[o,n]·y[o,n] + Σ perGram[o,n]·grams[l]·x[o,l,n] + BACKORDER_PENALTY·Σ b[o,l]
 *   s.t. Σ_n x[o,l,n] + b[o,l] = qty[o,l]            every line is shipped or backordered
 *        x[o,l,n] ≤ qty[o,l]·y[o,n]                  a node ships only in an opened parcel
 *        Σ_{o,l: sku} x[o,l,n] ≤ available[sku,n]    no overselling
 *        Σ_{o,l} x[o,l,n] ≤ capacity[n]              the node's remaining picking capacity
 * Orders compete for the same stock and capacity, which is where a solver beats first-come greedy.
 */
export interface MipModel {
  lp: string;
  /** Variable name → meaning, to turn the solver's columns back into a plan. */
  shipVars: Map<string, { order: number; line: number; nodeId: string }>;
  openVars: Map<string, { order: number; nodeId: string }>;
  variableCount: number;
}

export interface BatchInput {
  orders: readonly OrderToAllocate[];
  options: ReadonlyArray<Map<string, NodeOption>>;
  state: AllocationState;
}

const num = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(6));

export function buildMipModel({ orders, options, state }: BatchInput): MipModel {
  const objective: string[] = [];
  const constraints: string[] = [];
  const bounds: string[] = [];
  const generals: string[] = [];
  const binaries: string[] = [];
  const shipVars = new Map<string, { order: number; line: number; nodeId: string }>();
  const openVars = new Map<string, { order: number; nodeId: string }>();
  const stockRows = new Map<string, string[]>();
  const capacityRows = new Map<string, string[]>();
  const nodeIndex = new Map<string, number>();
  const nodeKey = (nodeId: string) => {
    if (!nodeIndex.has(nodeId)) nodeIndex.set(nodeId, nodeIndex.size);
    return nodeIndex.get(nodeId)!;
  };
  const skuIndex = new Map<string, number>();
  const skuKey = (sku: string) => {
    if (!skuIndex.has(sku)) skuIndex.set(sku, skuIndex.size);
    return skuIndex.get(sku)!;
  };

  orders.forEach((order, o) => {
    const opened = new Set<string>();
    order.lines.forEach((line, l) => {
      const demand = [`x_${o}_${l}_b`];
      bounds.push(`0 <= x_${o}_${l}_b <= ${line.quantity}`);
      generals.push(`x_${o}_${l}_b`);
      objective.push(`${BACKORDER_PENALTY} x_${o}_${l}_b`);
      for (const [nodeId, option] of options[o]!) {
        const upper = Math.min(line.quantity, state.available(line.sku, nodeId), state.capacityOf(nodeId));
        if (upper <= 0) continue;
        const n = nodeKey(nodeId);
        const x = `x_${o}_${l}_${n}`;
        const y = `y_${o}_${n}`;
        shipVars.set(x, { order: o, line: l, nodeId });
        demand.push(x);
        bounds.push(`0 <= ${x} <= ${upper}`);
        generals.push(x);
        const unitCost = option.perGram * line.unitWeightGrams;
        if (unitCost > 0) objective.push(`${num(unitCost)} ${x}`);
        constraints.push(`u_${o}_${l}_${n}: ${x} - ${upper} ${y} <= 0`);
        if (!opened.has(nodeId)) {
          opened.add(nodeId);
          openVars.set(y, { order: o, nodeId });
          binaries.push(y);
          objective.push(`${num(option.fixed)} ${y}`);
        }
        const stockKey = `s_${skuKey(line.sku)}_${n}`;
        (stockRows.get(stockKey) ?? stockRows.set(stockKey, []).get(stockKey)!).push(x);
        (capacityRows.get(nodeId) ?? capacityRows.set(nodeId, []).get(nodeId)!).push(x);
      }
      constraints.push(`d_${o}_${l}: ${demand.join(' + ')} = ${line.quantity}`);
    });
  });
  for (const [sku, s] of skuIndex) {
    for (const [nodeId, n] of nodeIndex) {
      const vars = stockRows.get(`s_${s}_${n}`);
      if (vars && vars.length > 1) constraints.push(`s_${s}_${n}: ${vars.join(' + ')} <= ${state.available(sku, nodeId)}`);
    }
  }
  for (const [nodeId, vars] of capacityRows) {
    if (vars.length > 1) constraints.push(`c_${nodeKey(nodeId)}: ${vars.join(' + ')} <= ${state.capacityOf(nodeId)}`);
  }
  const lp = [
    'Minimize',
    ` obj: ${objective.join(' + ') || '0 x_0_0_b'}`,
    'Subject To',
    ...constraints.map((row) => ` ${row}`),
    'Bounds',
    ...bounds.map((row) => ` ${row}`),
    'General',
    ...generals.map((name) => ` ${name}`),
    'Binary',
    ...binaries.map((name) => ` ${name}`),
    'End',
    '',
  ].join('\n');
  return { lp, shipVars, openVars, variableCount: generals.length + binaries.length };
}

/** Turns the solver's integer values into plans, and takes the planned units out of the state. */
export function decodeMipSolution(input: BatchInput, model: MipModel, values: ReadonlyMap<string, number>): OrderPlan[] {
  const { orders, options, state } = input;
  const plans: OrderPlan[] = orders.map((order) => ({ orderId: order.orderId, shipments: [], backordered: [], objective: 0 }));
  const shipmentOf = new Map<string, PlannedShipment>();
  const shipped = orders.map((order) => order.lines.map(() => 0));
  for (const [name, meaning] of model.shipVars) {
    const quantity = Math.round(values.get(name) ?? 0);
    if (quantity <= 0) continue;
    const order = orders[meaning.order]!;
    const line = order.lines[meaning.line]!;
    const option = options[meaning.order]!.get(meaning.nodeId)!;
    const key = `${meaning.order}:${meaning.nodeId}`;
    let shipment = shipmentOf.get(key);
    if (!shipment) {
      shipment = { orderId: order.orderId, nodeId: meaning.nodeId, lane: option.lane, departureAt: option.departureAt, etaAt: option.etaAt, lines: [] };
      shipmentOf.set(key, shipment);
      plans[meaning.order]!.shipments.push(shipment);
      plans[meaning.order]!.objective += option.fixed;
    }
    shipment.lines.push({ lineNo: line.lineNo, sku: line.sku, quantity });
    plans[meaning.order]!.objective += option.perGram * line.unitWeightGrams * quantity;
    shipped[meaning.order]![meaning.line]! += quantity;
    state.take(line.sku, meaning.nodeId, quantity);
  }
  orders.forEach((order, o) => {
    order.lines.forEach((line, l) => {
      const missing = line.quantity - shipped[o]![l]!;
      if (missing > 0) {
        plans[o]!.backordered.push({ lineNo: line.lineNo, sku: line.sku, quantity: missing });
        plans[o]!.objective += missing * BACKORDER_PENALTY;
      }
    });
  });
  return plans;
}
