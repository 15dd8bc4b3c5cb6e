import { aPriceList } from '../testing/fixtures.js';
import { catalogueChangeSchema, catalogueChangeSubject, catalogueSubjectsFor, type CatalogueChange } from './catalogue-contracts.js';

const subjects = catalogueSubjectsFor('hub');
const whole = (id: string): CatalogueChange => ({ kind: 'price-list', catalogueVersion: 3, priceList: aPriceList({ id }) });
const part = (id: string, index: number, parts = 5): CatalogueChange => ({
  kind: 'price-list-part',
  catalogueVersion: 3,
  part: index,
  parts,
  priceList: aPriceList({ id }),
});

describe('catalogueChangeSchema', () => {
  it.each<[string, CatalogueChange, boolean]>([
    ['a whole list', whole('de-web-2026'), true],
    ['a part', part('de-web-2026', 4), true],
    ['a part beyond the count', part('de-web-2026', 5), false],
    // A dot would make `price-list.a.part.0` both list `a.part.0` and part 0 of list `a`.
    ['a list id with a dot', whole('a.part.0'), false],
    ['a list id with a subject wildcard', whole('de-*'), false],
  ])('%s: valid %s', (_label, change, valid) => {
    expect(catalogueChangeSchema.safeParse(change).success).toBe(valid);
  });
});

describe('catalogueChangeSubject', () => {
  it.each<[string, CatalogueChange, string]>([
    ['a whole list', whole('de-web-2026'), 'hub.catalogue.v1.price-list.de-web-2026'],
    ['a part', part('de-web-2026', 0), 'hub.catalogue.v1.price-list.de-web-2026.part.0'],
    ['a list whose id reads like a part', whole('de-web-2026-part-0'), 'hub.catalogue.v1.price-list.de-web-2026-part-0'],
  ])('puts %s on its own subject', (_label, change, subject) => {
    expect(catalogueChangeSubject(subjects, change)).toBe(subject);
  });
});
