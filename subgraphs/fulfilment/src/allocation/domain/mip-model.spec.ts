import { AllocationState } from './allocation-state.js';
import { optionsFor } from './greedy-allocator.js';
import { buildMipModel, decodeMipSolution } from './mip-model.js';
import { BACKORDER_PENALTY, DEFAULT_WEIGHTS } from './objective.js';
import { node, order } from './spec-fixtures.js';

describe('buildMipModel', () => {
  const nodes = [node('n1'), node('n2', { location: { lat: 31.3, lon: 120.6 } })];
  const orders = [
    order('o1', [
      ['A', 2],
      ['B', 1],
    ]),
    order('o2', [['A', 1]]),
  ];
  const state = AllocationState.of(nodes, [
    { sku: 'A', nodeId: 'n1', available: 2 },
    { sku: 'A', nodeId: 'n2', available: 5 },
    { sku: 'B', nodeId: 'n2', available: 1 },
  ]);
  const input = { orders, options: orders.map((o) => optionsFor(o, nodes, DEFAULT_WEIGHTS)), state };
  const model = buildMipModel(input);

  it.each([
    ['a demand row per line', /^ d_0_0: x_0_0_b \+ x_0_0_0 \+ x_0_0_1 = 2$/m],
    ['a linking row per line and node', /^ u_0_1_1: x_0_1_1 - 1 y_0_1 <= 0$/m],
    ['a stock row where orders compete', /^ s_0_0: x_0_0_0 \+ x_1_0_0 <= 2$/m],
    ['backorders bounded by the quantity', /^ 0 <= x_0_0_b <= 2$/m],
    ['the penalty on backorders', new RegExp(`${BACKORDER_PENALTY} x_0_0_b`)],
    ['opening variables are binary', /^Binary\n y_0_0\n y_0_1\n y_1_0\n y_1_1\nEnd$/m],
  ])('%s', (_case, pattern) => {
    expect(model.lp).toMatch(pattern);
  });

  it('decodes values into shipments and backorders, taking stock', () => {
    const values = new Map([
      ['x_0_0_1', 2],
      ['x_0_1_1', 1],
      ['y_0_1', 1],
      ['x_1_0_0', 1],
      ['y_1_0', 1],
    ]);
    const target = state.clone();
    const plans = decodeMipSolution({ ...input, state: target }, model, values);
    expect(plans.map((plan) => plan.shipments.map((s) => `${s.nodeId}:${s.lines.map((l) => `${l.sku}x${l.quantity}`).join(',')}`))).toEqual([
      ['n2:Ax2,Bx1'],
      ['n1:Ax1'],
    ]);
    expect(target.available('A', 'n2')).toBe(3);
    const partial = decodeMipSolution(
      { ...input, state: state.clone() },
      model,
      new Map([
        ['x_0_0_1', 1],
        ['y_0_1', 1],
      ]),
    );
    expect(partial[0]!.backordered).toEqual([
      { lineNo: 1, sku: 'A', quantity: 1 },
      { lineNo: 2, sku: 'B', quantity: 1 },
    ]);
  });
});
