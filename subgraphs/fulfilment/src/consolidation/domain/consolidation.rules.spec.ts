import { holdUntil, planConsignments, type HeldShipment } from './consolidation.rules.js';

const T0 = new Date('2026-12-03T08:00:00Z');
const h = (hours: number) => new Date(T0.getTime() + hours * 3_600_000);

describe('holdUntil (the latest departure that keeps the promise)', () => {
  it.each<[string, { promisedBy: number; until: number; departure: number; eta: number; now: number }, number | null]>([
    ['the window ends first', { promisedBy: 168, until: 72, departure: 2, eta: 50, now: 0 }, 72],
    ['the promise minus 48 h transit ends first', { promisedBy: 100, until: 72, departure: 2, eta: 50, now: 0 }, 52],
    ['a deadline not after the planned departure: no hold', { promisedBy: 60, until: 72, departure: 12, eta: 60, now: 0 }, null],
    ['a window already over: no hold', { promisedBy: 168, until: 5, departure: 2, eta: 50, now: 6 }, null],
  ])('%s', (_name, f, expected) => {
    const result = holdUntil({ promisedBy: h(f.promisedBy), consolidateUntil: h(f.until), departureAt: h(f.departure), etaAt: h(f.eta), now: h(f.now) });
    expect(result).toEqual(expected === null ? null : h(expected));
  });
});

describe('planConsignments', () => {
  const held = (shipmentId: string, key: string, nodeId: string, until: number, grams = 1_000, orderId = shipmentId): HeldShipment => ({
    shipmentId,
    orderId,
    consolidationKey: key,
    nodeId,
    holdUntil: h(until),
    grams,
  });

  it.each<[string, HeldShipment[], number, Array<[string[], number, string | null]>]>([
    [
      'one customer, one node, two orders: one consignment leaving by the earlier deadline',
      [held('a', 'k1', 'n1', 72), held('b', 'k1', 'n1', 48)],
      10,
      [[['a', 'b'], 48, null]],
    ],
    ['the earlier deadline has come: it leaves', [held('a', 'k1', 'n1', 72), held('b', 'k1', 'n1', 48)], 48, [[['a', 'b'], 48, 'DEADLINE']]],
    [
      'another customer key or another node is another consignment',
      [held('a', 'k1', 'n1', 72), held('b', 'k2', 'n1', 72), held('c', 'k1', 'n2', 72)],
      10,
      [
        [['a'], 72, null],
        [['b'], 72, null],
        [['c'], 72, null],
      ],
    ],
    [
      'full before the deadline: leaves at once',
      [held('a', 'k1', 'n1', 72, 15_000), held('b', 'k1', 'n1', 72, 12_000)],
      10,
      [[['a', 'b'], 72, 'CONSIGNMENT_FULL']],
    ],
    ['nothing held', [], 10, []],
  ])('%s', (_name, shipments, now, expected) => {
    expect(planConsignments(shipments, h(now)).map((plan) => [plan.shipmentIds, (plan.dispatchBy.getTime() - T0.getTime()) / 3_600_000, plan.release])).toEqual(
      expected,
    );
  });

  it('two shipments of one order count as one order', () => {
    expect(planConsignments([held('a', 'k1', 'n1', 72, 1, 'o1'), held('b', 'k1', 'n1', 72, 1, 'o1')], h(0))[0]!.orderIds).toEqual(['o1']);
  });
});
