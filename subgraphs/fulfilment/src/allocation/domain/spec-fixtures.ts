import type { Lane, NodeFacts, OrderToAllocate } from './allocation.types.js';

/** Builders shared by the allocation specs; plain data only. */
export const standardLane = (overrides: Partial<Lane> = {}): Lane => ({
  carrier: 'YTO',
  serviceLevel: 'STANDARD',
  baseCost: 600,
  costPerKg: 100,
  baseTransitHours: 24,
  kmPerHour: 40,
  gramsCo2ePerTonneKm: 100,
  maxDistanceKm: null,
  ...overrides,
});

export const node = (id: string, overrides: Partial<NodeFacts> = {}): NodeFacts => ({
  id,
  kind: 'CENTRAL',
  region: 'cn',
  location: { lat: 31.2, lon: 121.5 },
  status: 'UP',
  remainingCapacity: 1_000,
  cutoffMinutes: [960],
  lanes: [standardLane()],
  ...overrides,
});

export const order = (id: string, lines: Array<[string, number]>, overrides: Partial<OrderToAllocate> = {}): OrderToAllocate => ({
  orderId: id,
  placedAt: new Date('2026-12-02T08:00:00Z'),
  region: 'cn',
  destination: { lat: 31.2, lon: 121.5 },
  serviceLevel: 'STANDARD',
  allowCrossBorder: false,
  lines: lines.map(([sku, quantity], index) => ({ lineNo: index + 1, sku, quantity, unitWeightGrams: 500 })),
  ...overrides,
});
