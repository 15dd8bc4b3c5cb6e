import { AllocationState } from './allocation-state.js';
import { allocateBatchGreedy } from './greedy-allocator.js';
import { DEFAULT_WEIGHTS } from './objective.js';
import { node, order } from './spec-fixtures.js';

const shanghai = { lat: 31.2, lon: 121.5 };
const suzhou = { lat: 31.3, lon: 120.6 };
const beijing = { lat: 39.9, lon: 116.4 };

type StockRow = [sku: string, nodeId: string, available: number];
const summary = (plans: ReturnType<typeof allocateBatchGreedy>) =>
  plans.map((plan) => ({
    order: plan.orderId,
    shipments: plan.shipments.map((shipment) => `${shipment.nodeId}:${shipment.lines.map((line) => `${line.sku}x${line.quantity}`).join(',')}`),
    backordered: plan.backordered.map((line) => `${line.sku}x${line.quantity}`),
  }));

describe('allocateBatchGreedy', () => {
  it.each<[string, ReturnType<typeof node>[], StockRow[], ReturnType<typeof order>[], ReturnType<typeof summary>]>([
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
      'one parcel from a farther node beats a split',
      [node('near', { location: shanghai }), node('far', { location: suzhou })],
      [
        ['A', 'near', 1],
        ['B', 'near', 1],
        ['A', 'far', 1],
      ],
      [
        order('o1', [
          ['A', 1],
          ['B', 1],
        ]),
      ],
      [{ order: 'o1', shipments: ['near:Ax1,Bx1'], backordered: [] }],
    ],
    [
      'split when no node has everything',
      [node('n1', { location: shanghai }), node('n2', { location: suzhou })],
      [
        ['A', 'n1', 1],
        ['B', 'n2', 1],
      ],
      [
        order('o1', [
          ['A', 1],
          ['B', 1],
        ]),
      ],
      [{ order: 'o1', shipments: ['n1:Ax1', 'n2:Bx1'], backordered: [] }],
    ],
    [
      'shortage is backordered, first come first served',
      [node('n1')],
      [['A', 'n1', 3]],
      [order('late', [['A', 2]], { placedAt: new Date('2026-12-02T09:00:00Z') }), order('early', [['A', 2]])],
      [
        { order: 'early', shipments: ['n1:Ax2'], backordered: [] },
        { order: 'late', shipments: ['n1:Ax1'], backordered: ['Ax1'] },
      ],
    ],
    [
      'capacity limits a node',
      [node('n1', { remainingCapacity: 1 }), node('n2', { location: beijing })],
      [
        ['A', 'n1', 5],
        ['A', 'n2', 5],
      ],
      [order('o1', [['A', 2]])],
      [{ order: 'o1', shipments: ['n2:Ax2'], backordered: [] }],
    ],
    [
      'two lines of one SKU share the shelf',
      [node('n1'), node('n2', { location: beijing })],
      [
        ['A', 'n1', 3],
        ['A', 'n2', 5],
      ],
      [
        order('o1', [
          ['A', 2],
          ['A', 2],
        ]),
      ],
      [{ order: 'o1', shipments: ['n2:Ax2,Ax2'], backordered: [] }],
    ],
    [
      'a down node is skipped',
      [node('down', { status: 'DOWN' }), node('up', { location: beijing })],
      [
        ['A', 'down', 5],
        ['A', 'up', 5],
      ],
      [order('o1', [['A', 1]])],
      [{ order: 'o1', shipments: ['up:Ax1'], backordered: [] }],
    ],
    [
      'stock outside the market stays there',
      [node('de', { region: 'de' })],
      [['A', 'de', 5]],
      [order('o1', [['A', 1]])],
      [{ order: 'o1', shipments: [], backordered: ['Ax1'] }],
    ],
  ])('%s', (_case, nodes, stock, orders, expected) => {
    const state = AllocationState.of(
      nodes,
      stock.map(([sku, nodeId, available]) => ({ sku, nodeId, available })),
    );
    expect(summary(allocateBatchGreedy(orders, nodes, DEFAULT_WEIGHTS, state))).toEqual(expected);
  });

  it('never takes more than the stock', () => {
    const nodes = [node('n1'), node('n2', { location: suzhou })];
    const state = AllocationState.of(nodes, [
      { sku: 'A', nodeId: 'n1', available: 4 },
      { sku: 'A', nodeId: 'n2', available: 3 },
    ]);
    const orders = Array.from({ length: 10 }, (_, index) => order(`o${index}`, [['A', 1]]));
    const plans = allocateBatchGreedy(orders, nodes, DEFAULT_WEIGHTS, state);
    expect(plans.filter((plan) => plan.shipments.length > 0)).toHaveLength(7);
    expect(state.available('A', 'n1') + state.available('A', 'n2')).toBe(0);
  });
});
