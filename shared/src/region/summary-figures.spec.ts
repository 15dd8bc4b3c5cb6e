import { EMPTY_ORDER_SET_DIGEST, xorOrderIds } from '../messaging/order-set-digest.js';
import { addFigures, NO_FIGURES, type SliceFigures } from './summary-figures.js';

const ids = (from: number, count: number) => Array.from({ length: count }, (_, i) => `00000000-0000-7000-8000-${String(from + i).padStart(12, '0')}`);
const slice = (orderIds: string[], figures: Partial<SliceFigures> = {}): SliceFigures => ({
  ...NO_FIGURES,
  ordersPlaced: orderIds.length,
  orderDigest: xorOrderIds(EMPTY_ORDER_SET_DIGEST, orderIds),
  ...figures,
});

describe('addFigures', () => {
  it.each<[string, SliceFigures, SliceFigures, Partial<SliceFigures>]>([
    ['nothing and nothing', NO_FIGURES, NO_FIGURES, NO_FIGURES],
    [
      'counts, GMV per currency and savings add up; the digest is that of both sets',
      slice(ids(1, 2), { gmv: { EUR: 100 }, pendingRegistrations: 1, lowCarbon: { orders: 1, grams: 0.25 } }),
      slice(ids(3, 3), { gmv: { EUR: 50, USD: 7 }, pendingRegistrations: 2, lowCarbon: { orders: 2, grams: 0.5 } }),
      {
        ordersPlaced: 5,
        orderDigest: xorOrderIds(EMPTY_ORDER_SET_DIGEST, ids(1, 5)),
        gmv: { EUR: 150, USD: 7 },
        pendingRegistrations: 3,
        lowCarbon: { orders: 3, grams: 0.75 },
      },
    ],
  ])('%s', (_name, a, b, expected) => {
    expect(addFigures(a, b)).toMatchObject(expected);
    expect(addFigures(b, a)).toEqual(addFigures(a, b));
  });
});
