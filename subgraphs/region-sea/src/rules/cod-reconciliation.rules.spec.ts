import { dayFormatter, parseReconciliationPeriod, reconcileCodCollections, type CodOrderFacts } from './cod-reconciliation.rules.js';

const at = (iso: string) => new Date(iso);
const order = (orderId: string, change: Partial<CodOrderFacts>): CodOrderFacts => ({
  orderId,
  currency: 'IDR',
  amountDue: 100_000,
  deliveredAt: null,
  deliveredBy: null,
  collectedAt: null,
  collectedBy: null,
  collectedAmount: null,
  ...change,
});
const delivered = (by: string, iso: string) => ({ deliveredBy: by, deliveredAt: at(iso) });
const collected = (by: string, iso: string, amount = 100_000) => ({ collectedBy: by, collectedAt: at(iso), collectedAmount: amount });

describe('reconcileCodCollections', () => {
  it('balances a courier whose every delivery was paid', () => {
    const rows = reconcileCodCollections(
      [
        order('o1', { ...delivered('rider-1', '2026-11-26T03:00:00Z'), ...collected('rider-1', '2026-11-26T02:59:00Z') }),
        order('o2', { amountDue: 50_000, ...delivered('rider-1', '2026-11-26T05:00:00Z'), ...collected('rider-1', '2026-11-26T05:00:00Z', 50_000) }),
      ],
      'Asia/Jakarta',
    );
    expect(rows).toEqual([
      {
        courierId: 'rider-1',
        day: '2026-11-26',
        currency: 'IDR',
        deliveredOrders: 2,
        expected: 150_000,
        collectedOrders: 2,
        collected: 150_000,
        difference: 0,
        discrepancies: [],
      },
    ]);
  });

  it('lists delivered orders without cash, and cash without a delivery', () => {
    const rows = reconcileCodCollections(
      [order('o1', delivered('rider-1', '2026-11-26T03:00:00Z')), order('o2', collected('rider-1', '2026-11-26T04:00:00Z'))],
      'Asia/Jakarta',
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ expected: 100_000, collected: 100_000, difference: 0 });
    expect(rows[0]!.discrepancies).toEqual([
      { orderId: 'o1', kind: 'NOT_COLLECTED', expected: 100_000, collected: 0 },
      { orderId: 'o2', kind: 'NOT_DELIVERED', expected: 100_000, collected: 100_000 },
    ]);
  });

  it('puts an order delivered by one courier and collected by another on both rows', () => {
    const rows = reconcileCodCollections(
      [order('o1', { ...delivered('rider-1', '2026-11-26T03:00:00Z'), ...collected('rider-2', '2026-11-26T03:00:00Z') })],
      'Asia/Jakarta',
    );
    expect(rows.map((row) => [row.courierId, row.difference, row.discrepancies.map((d) => d.kind)])).toEqual([
      ['rider-1', -100_000, ['COLLECTED_ELSEWHERE']],
      ['rider-2', 100_000, ['COLLECTED_ELSEWHERE']],
    ]);
  });

  it("counts days in the courier's time zone and keeps currencies apart", () => {
    const rows = reconcileCodCollections(
      [
        order('o1', { ...delivered('rider-1', '2026-11-26T18:00:00Z'), ...collected('rider-1', '2026-11-26T18:00:00Z') }),
        order('o2', { currency: 'THB', ...delivered('rider-1', '2026-11-26T10:00:00Z'), ...collected('rider-1', '2026-11-26T10:00:00Z') }),
      ],
      'Asia/Jakarta',
    );
    expect(rows.map((row) => [row.day, row.currency])).toEqual([
      ['2026-11-26', 'THB'],
      ['2026-11-27', 'IDR'],
    ]);
  });

  it('attributes deliveries without a courier to "unknown", and keeps only the asked days', () => {
    const rows = reconcileCodCollections(
      [order('o1', { deliveredAt: at('2026-11-26T03:00:00Z') }), order('o2', delivered('rider-1', '2026-11-20T03:00:00Z'))],
      'Asia/Jakarta',
      { from: '2026-11-25', to: '2026-11-26' },
    );
    expect(rows.map((row) => row.courierId)).toEqual(['unknown']);
  });

  it('flags a collection that differs from the amount due', () => {
    const [row] = reconcileCodCollections(
      [order('o1', { ...delivered('rider-1', '2026-11-26T03:00:00Z'), ...collected('rider-1', '2026-11-26T03:00:00Z', 90_000) })],
      'Asia/Jakarta',
    );
    expect(row).toMatchObject({ difference: -10_000, discrepancies: [{ orderId: 'o1', kind: 'AMOUNT_MISMATCH', expected: 100_000, collected: 90_000 }] });
  });
});

describe('dayFormatter', () => {
  it.each([
    ['Asia/Jakarta', '2026-11-26T17:30:00Z', '2026-11-27'],
    ['Asia/Manila', '2026-11-26T15:30:00Z', '2026-11-26'],
    ['Asia/Manila', '2026-11-26T16:30:00Z', '2026-11-27'],
    ['UTC', '2026-11-26T23:59:59Z', '2026-11-26'],
  ])('%s: %s is local day %s', (zone, iso, day) => {
    expect(dayFormatter(zone)(new Date(iso))).toBe(day);
  });
});

describe('parseReconciliationPeriod', () => {
  it('widens the local days to a UTC window that holds them in any time zone', () => {
    expect(parseReconciliationPeriod('2026-11-01', '2026-11-30', 'Asia/Bangkok')).toEqual({
      from: '2026-11-01',
      to: '2026-11-30',
      timeZone: 'Asia/Bangkok',
      utcStart: new Date('2026-10-31T10:00:00Z'),
      utcEnd: new Date('2026-12-01T14:00:00Z'),
    });
  });

  it.each([
    ['2026-11-31', '2026-12-01', 'Asia/Jakarta', 'from'],
    ['26-11-01', '2026-11-02', 'Asia/Jakarta', 'from'],
    ['2026-11-02', '2026-11-01', 'Asia/Jakarta', 'to'],
    ['2026-11-01', '2026-12-02', 'Asia/Jakarta', 'to'],
    ['2026-11-01', '2026-11-02', 'Asia/Atlantis', 'timeZone'],
  ])('refuses %s..%s in %s, naming %s', (from, to, zone, field) => {
    expect(() => parseReconciliationPeriod(from, to, zone)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', details: { field } }));
  });
});
