import { AllocationState } from './allocation-state.js';
import type { NodeFacts, OrderToAllocate } from './allocation.types.js';
import { solveSmallExactly } from './exact-plan.js';
import { optionsFor } from './greedy-allocator.js';
import { buildMipModel, decodeMipSolution } from './mip-model.js';
import { DEFAULT_WEIGHTS } from './objective.js';
import { node, order, standardLane } from './spec-fixtures.js';

const shanghai = { lat: 31.2, lon: 121.5 };
const suzhou = { lat: 31.3, lon: 120.6 };
const beijing = { lat: 39.9, lon: 116.4 };

type StockRow = [sku: string, nodeId: string, available: number];

function solve(nodes: NodeFacts[], stock: StockRow[], orders: OrderToAllocate[], limit?: number) {
  const state = AllocationState.of(
    nodes,
    stock.map(([sku, nodeId, available]) => ({ sku, nodeId, available })),
  );
  const input = { orders, options: orders.map((o) => optionsFor(o, nodes, DEFAULT_WEIGHTS)), state };
  const model = buildMipModel(input);
  const values = solveSmallExactly(input, model, limit);
  if (!values) return null;
  return decodeMipSolution({ ...input, state: state.clone() }, model, values).map((plan) => ({
    order: plan.orderId,
    shipments: plan.shipments.map((shipment) => `${shipment.nodeId}:${shipment.lines.map((line) => `${line.sku}x${line.quantity}`).join(',')}`),
    backordered: plan.backordered.map((line) => `${line.sku}x${line.quantity}`),
  }));
}

describe('solveSmallExactly', () => {
  it.each<[string, NodeFacts[], StockRow[], OrderToAllocate[], ReturnType<typeof solve>]>([
    [
      'the nearest node with everything ships in one parcel',
      [node('near', { location: shanghai }), node('far', { location: beijing })],
      [
        ['A', 'near', 5],
        ['A', 'far', 5],
      ],
      [order('o1', [['A', 2]])],
      [{ order: 'o1', shipments: ['near:Ax2'], backordered: [] }],
    ],
    [
      'a split when no node has everything',
      [node('near', { location: shanghai }), node('far', { location: suzhou })],
      [
        ['A', 'near', 1],
        ['B', 'far', 1],
      ],
      [
        order('o1', [
          ['A', 1],
          ['B', 1],
        ]),
      ],
      [{ order: 'o1', shipments: ['near:Ax1', 'far:Bx1'], backordered: [] }],
    ],
    [
      'orders compete for stock: the later one takes the farther node, not a backorder',
      [node('near', { location: shanghai }), node('far', { location: beijing })],
      [
        ['A', 'near', 1],
        ['A', 'far', 1],
      ],
      [order('o1', [['A', 1]]), order('o2', [['A', 1]])],
      [
        { order: 'o1', shipments: ['near:Ax1'], backordered: [] },
        { order: 'o2', shipments: ['far:Ax1'], backordered: [] },
      ],
    ],
    [
      'two lines of one SKU share the shelf',
      [node('n1')],
      [['A', 'n1', 3]],
      [
        order('o1', [
          ['A', 2],
          ['A', 2],
        ]),
      ],
      [{ order: 'o1', shipments: ['n1:Ax2,Ax1'], backordered: ['Ax1'] }],
    ],
    [
      "today's capacity caps what a node ships",
      [node('n1', { remainingCapacity: 1 })],
      [
        ['A', 'n1', 5],
        ['B', 'n1', 5],
      ],
      [
        order('o1', [
          ['A', 1],
          ['B', 1],
        ]),
      ],
      [{ order: 'o1', shipments: ['n1:Ax1'], backordered: ['Bx1'] }],
    ],
    [
      'a down node or no stock at all: everything backordered',
      [node('down', { status: 'DOWN' })],
      [['A', 'down', 5]],
      [order('o1', [['A', 2]])],
      [{ order: 'o1', shipments: [], backordered: ['Ax2'] }],
    ],
  ])('%s', (_case, nodes, stock, orders, expected) => {
    expect(solve(nodes, stock, orders)).toEqual(expected);
  });

  it.each<[string, NodeFacts[], OrderToAllocate[], number | undefined]>([
    ['too many splits to try', [node('n1'), node('n2'), node('n3'), node('n4')], [order('o1', [['A', 40]])], undefined],
    ['over a tighter limit', [node('n1'), node('n2')], [order('o1', [['A', 2]])], 5],
    [
      'a negative lane price (opening a parcel could pay)',
      [node('n1', { lanes: [standardLane({ baseCost: -100_000 })] })],
      [order('o1', [['A', 1]])],
      undefined,
    ],
  ])('leaves %s to the solver', (_case, nodes, orders, limit) => {
    expect(
      solve(
        nodes,
        nodes.map((n) => ['A', n.id, 50]),
        orders,
        limit,
      ),
    ).toBeNull();
  });
});
