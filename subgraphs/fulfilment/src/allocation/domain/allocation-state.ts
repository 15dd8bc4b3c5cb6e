import type { NodeFacts } from './allocation.types.js';

/** Stock and capacity still free while a batch is planned; each planned unit is taken out. */
export class AllocationState {
  private constructor(
    private stock: Map<string, Map<string, number>>,
    private capacity: Map<string, number>,
  ) {}

  static of(nodes: readonly NodeFacts[], stock: Iterable<{ sku: string; nodeId: string; available: number }>): AllocationState {
    const bySku = new Map<string, Map<string, number>>();
    for (const row of stock) {
      if (row.available <= 0) continue;
      let nodes = bySku.get(row.sku);
      if (!nodes) bySku.set(row.sku, (nodes = new Map()));
      nodes.set(row.nodeId, (nodes.get(row.nodeId) ?? 0) + row.available);
    }
    return new AllocationState(bySku, new Map(nodes.map((node) => [node.id, Math.max(0, node.remainingCapacity)])));
  }

  clone(): AllocationState {
    return new AllocationState(new Map([...this.stock].map(([sku, nodes]) => [sku, new Map(nodes)])), new Map(this.capacity));
  }

  /** Adopts another state's figures (the plan that won). */
  replaceWith(other: AllocationState): void {
    this.stock = other.stock;
    this.capacity = other.capacity;
  }

  available(sku: string, nodeId: string): number {
    return this.stock.get(sku)?.get(nodeId) ?? 0;
  }

  capacityOf(nodeId: string): number {
    return this.capacity.get(nodeId) ?? 0;
  }

  /** Nodes holding the SKU, so a planner never scans nodes that cannot help. */
  nodesWith(sku: string): Iterable<string> {
    return this.stock.get(sku)?.keys() ?? [];
  }

  entries(): Array<{ sku: string; nodeId: string; available: number }> {
    return [...this.stock].flatMap(([sku, nodes]) => [...nodes].map(([nodeId, available]) => ({ sku, nodeId, available })));
  }

  take(sku: string, nodeId: string, quantity: number): void {
    const left = this.available(sku, nodeId) - quantity;
    const capacity = this.capacityOf(nodeId) - quantity;
    if (left < 0 || capacity < 0) throw new RangeError(`over-allocation of ${sku} at ${nodeId}`);
    this.stock.get(sku)!.set(nodeId, left);
    this.capacity.set(nodeId, capacity);
  }
}
