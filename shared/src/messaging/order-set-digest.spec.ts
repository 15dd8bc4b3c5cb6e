import { EMPTY_ORDER_SET_DIGEST, xorDigests, xorOrderIds } from './order-set-digest.js';

const [a, b, c] = ['00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-00000000000b', '00000000-0000-4000-8000-00000000000c'];
const digestOf = (...orderIds: string[]) => xorOrderIds(EMPTY_ORDER_SET_DIGEST, orderIds);

// That PostgreSQL's aggregate gives the same digest is checked against a database in shared/test/summary-incremental.test.ts.
describe('order set digest', () => {
  it.each<[string, string, string]>([
    ['no orders', digestOf(), EMPTY_ORDER_SET_DIGEST],
    ['independent of order', digestOf(a, b, c), digestOf(c, a, b)],
    ['an id taken out again', xorOrderIds(digestOf(a, b), [b]), digestOf(a)],
    ['ids in either case', digestOf(a.toUpperCase()), digestOf(a)],
    ['disjoint parts joined', xorDigests(digestOf(a), digestOf(b, c)), digestOf(a, b, c)],
  ])('%s', (_name, actual, expected) => {
    expect(actual).toBe(expected);
  });

  it('is 16 hex digits, and tells different sets apart', () => {
    expect(digestOf(a)).toMatch(/^[0-9a-f]{16}$/);
    expect(new Set([digestOf(a), digestOf(b), digestOf(a, b), digestOf(a, c)]).size).toBe(4);
  });
});
