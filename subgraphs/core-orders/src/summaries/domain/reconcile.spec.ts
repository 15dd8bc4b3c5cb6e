import { reconcile, type CoreOrderFacts } from './reconcile.js';

const periodStart = new Date('2026-11-25T10:00:00Z');
const periodEnd = new Date('2026-11-25T11:00:00Z');
const order = (id: string, overrides: Partial<CoreOrderFacts> = {}): CoreOrderFacts => ({
  id,
  region: 'cn',
  currency: 'CNY',
  grandTotal: 1000,
  placedAt: new Date('2026-11-25T10:30:00Z'),
  ...overrides,
});
const ids = { a: '00000000-0000-4000-8000-00000000000a', b: '00000000-0000-4000-8000-00000000000b', c: '00000000-0000-4000-8000-00000000000c' };
const summary = (orderIds: string[], gmv: Record<string, number>) => ({ region: 'cn', periodStart, periodEnd, orderIds, gmv });

describe('reconcile', () => {
  it.each([
    ['everything matches', summary([ids.a, ids.b], { CNY: 2000 }), [order(ids.a), order(ids.b)], [], []],
    [
      'the region counted an order core never registered',
      summary([ids.a, ids.c], { CNY: 2000 }),
      [order(ids.a)],
      [],
      [{ kind: 'NOT_REGISTERED_IN_CORE', orderId: ids.c }],
    ],
    [
      'core holds an order the region did not count',
      summary([ids.a], { CNY: 1000 }),
      [order(ids.a), order(ids.b)],
      [],
      [{ kind: 'MISSING_FROM_REGION_SUMMARY', orderId: ids.b }],
    ],
    ['an order counted in the neighbouring period is no finding', summary([ids.a], { CNY: 1000 }), [order(ids.a), order(ids.b)], [ids.b], []],
    ['amounts differ', summary([ids.a], { CNY: 1200 }), [order(ids.a)], [], [{ kind: 'GMV_MISMATCH', currency: 'CNY', regionValue: 1200, coreValue: 1000 }]],
    [
      'core filed the order under another region',
      summary([ids.a], { CNY: 0 }),
      [order(ids.a, { region: 'de' })],
      [],
      [{ kind: 'REGION_MISMATCH', orderId: ids.a }],
    ],
  ] as const)('%s', (_label, facts, coreOrders, elsewhere, expected) => {
    const byId = new Map(coreOrders.map((o) => [o.id, o]));
    const inPeriod = coreOrders.filter((o) => o.placedAt >= periodStart && o.placedAt < periodEnd);
    expect(reconcile({ ...facts, orderIds: [...facts.orderIds] }, byId, inPeriod, new Set(elsewhere))).toEqual(expected);
  });
});
