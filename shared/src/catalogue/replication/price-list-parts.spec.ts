import type { PriceEntry } from '../pricing/price-list.rules.js';
import { aPriceList } from '../testing/fixtures.js';
import type { PriceListPartChange } from './catalogue-contracts.js';
import { assemblePriceList, priceListChanges, PRICES_PER_PART } from './price-list-parts.js';

const pricesOf = (skus: string) => [...skus].map((sku, index): PriceEntry => ({ sku, unitPrice: 100 + index }));
const skusOf = (prices: readonly PriceEntry[]) => prices.map((price) => price.sku).join('');

describe('priceListChanges', () => {
  it.each<[string, string, number, Array<[string, string]>]>([
    ['an empty list as one whole message', '', 3, [['price-list', '']]],
    ['a list of one part as one whole message, in its own order', 'cab', 3, [['price-list', 'cab']]],
    [
      'a list one price over a part in two parts, by SKU',
      'dcab',
      3,
      [
        ['price-list-part', 'abc'],
        ['price-list-part', 'd'],
      ],
    ],
    [
      'a list of whole parts with no empty one after them',
      'fedcba',
      3,
      [
        ['price-list-part', 'abc'],
        ['price-list-part', 'def'],
      ],
    ],
    [
      'a list of three parts',
      'gfedcba',
      3,
      [
        ['price-list-part', 'abc'],
        ['price-list-part', 'def'],
        ['price-list-part', 'g'],
      ],
    ],
  ])('sends %s', (_label, skus, perPart, expected) => {
    const changes = priceListChanges(aPriceList({ prices: pricesOf(skus) }), 7, perPart);
    expect(changes.map((change) => [change.kind, skusOf(change.priceList.prices)])).toEqual(expected);
    changes.forEach((change, index) => {
      expect(change).toMatchObject({ catalogueVersion: 7, priceList: { ...aPriceList(), prices: expect.any(Array) } });
      if (change.kind === 'price-list-part') expect(change).toMatchObject({ part: index, parts: expected.length });
    });
  });

  it('keeps a list of up to PRICES_PER_PART prices whole, as replicas of every version read it', () => {
    const skus = Array.from({ length: PRICES_PER_PART + 1 }, (_, index) => ({ sku: `SKU-${String(index).padStart(5, '0')}`, unitPrice: 1 }));
    expect(priceListChanges(aPriceList({ prices: skus.slice(1) }), 1).map((change) => change.kind)).toEqual(['price-list']);
    expect(priceListChanges(aPriceList({ prices: skus }), 1).map((change) => change.kind)).toEqual(['price-list-part', 'price-list-part']);
  });
});

describe('assemblePriceList', () => {
  const partsOf = (catalogueVersion: number, skus: string) =>
    priceListChanges(aPriceList({ prices: pricesOf(skus) }), catalogueVersion, 2) as PriceListPartChange[];
  const v5 = partsOf(5, 'abcdefg'); // four parts: ab cd ef g
  const v6 = partsOf(6, 'abcd'); // two parts: ab cd
  const v7 = partsOf(7, 'abcdefghi'); // five parts

  it.each<[string, PriceListPartChange[], number | null, string | null]>([
    ['nothing', [], null, null],
    ['every part, in order', v5, 5, 'abcdefg'],
    ['every part, out of order and twice', [v5[3]!, v5[1]!, v5[0]!, v5[3]!, v5[2]!, v5[1]!], 5, 'abcdefg'],
    ['all but one part', [v5[0]!, v5[1]!, v5[3]!], null, null],
    ['the newer parts of a shrunk list beside stale parts of the longer one', [v6[0]!, v6[1]!, v5[2]!, v5[3]!], 6, 'abcd'],
    ['parts of two versions that only cover the list together', [v5[0]!, v5[1]!, v7[2]!, v7[3]!], null, null],
    ['a complete older version while the newer one is still arriving', [...v5, v7[0]!, v7[1]!], 5, 'abcdefg'],
    ['the newest of two complete versions', [...v7, ...v5], 7, 'abcdefghi'],
  ])('from %s', (_label, parts, catalogueVersion, skus) => {
    const assembled = assemblePriceList(parts);
    expect(assembled && { catalogueVersion: assembled.catalogueVersion, skus: skusOf(assembled.priceList.prices) }).toEqual(
      catalogueVersion === null ? null : { catalogueVersion, skus },
    );
  });

  it('gives back the list it was split from', () => {
    const list = aPriceList({ prices: pricesOf('abcdefg') });
    expect(assemblePriceList(partsOf(5, 'abcdefg'))).toEqual({ catalogueVersion: 5, priceList: list });
  });
});
