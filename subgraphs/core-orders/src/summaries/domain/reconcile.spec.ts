import { EMPTY_ORDER_SET_DIGEST, xorOrderIds } from '@hub/shared/messaging/order-set-digest';
import { reconcile, type CorePeriodFacts, type Finding, type SummaryFacts } from './reconcile.js';

const ids = { a: '00000000-0000-4000-8000-00000000000a', b: '00000000-0000-4000-8000-00000000000b', c: '00000000-0000-4000-8000-00000000000c' };
const digestOf = (...orderIds: string[]) => xorOrderIds(EMPTY_ORDER_SET_DIGEST, orderIds);

/** The region's summary of the orders it counted, naming those core has not confirmed. */
const region = (counted: string[], unconfirmed: string[], gmv: Record<string, number>): SummaryFacts => ({
  region: 'cn',
  ordersPlaced: counted.length,
  orderDigest: digestOf(...counted),
  unconfirmedOrderIds: unconfirmed,
  gmv,
});
/** Core's orders of the region in the period, and where it files the orders the summary names. */
const core = (held: string[], gmv: Record<string, number>, regionOf: Record<string, string> = {}): CorePeriodFacts => ({
  orders: held.length,
  orderDigest: digestOf(...held),
  gmv,
  regionOf: new Map(Object.entries(regionOf)),
});

describe('reconcile', () => {
  it.each<[string, SummaryFacts, CorePeriodFacts, Finding[]]>([
    ['everything matches', region([ids.a, ids.b], [], { CNY: 2000 }), core([ids.a, ids.b], { CNY: 2000 }), []],
    ['an empty period on both sides', region([], [], {}), core([], {}), []],
    [
      'an unconfirmed order core has registered meanwhile is no finding',
      region([ids.a, ids.b], [ids.b], { CNY: 2000 }),
      core([ids.a, ids.b], { CNY: 2000 }, { [ids.b]: 'cn' }),
      [],
    ],
    [
      'the region counted an order core never registered; the amounts are not compared',
      region([ids.a, ids.c], [ids.c], { CNY: 2000 }),
      core([ids.a], { CNY: 1000 }),
      [{ kind: 'NOT_REGISTERED_IN_CORE', orderId: ids.c }],
    ],
    [
      'core filed an order the region counted under another region',
      region([ids.a, ids.b], [ids.b], { CNY: 2000 }),
      core([ids.a], { CNY: 1000 }, { [ids.b]: 'de' }),
      [{ kind: 'REGION_MISMATCH', orderId: ids.b }],
    ],
    [
      'core holds an order the region did not count',
      region([ids.a], [], { CNY: 1000 }),
      core([ids.a, ids.b], { CNY: 2000 }),
      [{ kind: 'ORDER_SET_MISMATCH', regionValue: 1, coreValue: 2 }],
    ],
    [
      'the same count but other orders: the digest tells',
      region([ids.a, ids.c], [], { CNY: 2000 }),
      core([ids.a, ids.b], { CNY: 2000 }),
      [{ kind: 'ORDER_SET_MISMATCH', regionValue: 2, coreValue: 2 }],
    ],
    [
      'a confirmed order core no longer holds, beside a named one',
      region([ids.a, ids.b, ids.c], [ids.c], { CNY: 3000 }),
      core([ids.a], { CNY: 1000 }),
      [
        { kind: 'NOT_REGISTERED_IN_CORE', orderId: ids.c },
        { kind: 'ORDER_SET_MISMATCH', regionValue: 2, coreValue: 1 },
      ],
    ],
    [
      'amounts differ over the same orders',
      region([ids.a], [], { CNY: 1200 }),
      core([ids.a], { CNY: 1000 }),
      [{ kind: 'GMV_MISMATCH', currency: 'CNY', regionValue: 1200, coreValue: 1000 }],
    ],
    [
      'a currency only one side has',
      region([ids.a], [], { CNY: 1000, EUR: 5 }),
      core([ids.a], { CNY: 1000 }),
      [{ kind: 'GMV_MISMATCH', currency: 'EUR', regionValue: 5, coreValue: 0 }],
    ],
  ])('%s', (_label, summary, coreFacts, expected) => {
    expect(reconcile(summary, coreFacts)).toEqual(expected);
  });
});
