import type { PriceEntry } from '@hub/shared/catalogue/pricing/price-list.rules';
import { createTestScope, postGraphQL } from '@hub/shared/testing/harness';
import { startCatalogue, type CatalogueApp } from '../src/app.js';

/** A price-list change is audited as what changed: a one-price change of a large list writes one price, not the list twice. */
const scope = createTestScope('catalogue-audit');
const SKUS = 5_000;
const LIST = 'audit-list';
const skuOf = (n: number) => `AUD-${String(n).padStart(5, '0')}`;
const priceOf = (n: number): PriceEntry => ({ sku: skuOf(n), unitPrice: 1_000 + n });
const shipping = { baseFee: 495, perKgFee: 100, bulkySurcharge: 2500, freeFrom: 10000 };
const header = {
  id: LIST,
  region: 'de',
  channel: 'WEB',
  currency: 'EUR',
  validFrom: '2026-01-01T00:00:00.000Z',
  validTo: null,
  shipping,
};
const CREATE_LIST = `mutation($input: CreatePriceListInput!) { priceListCreate(input: $input) { priceList { version } userErrors { code field } } }`;
const SET_PRICES = `mutation($input: SetPricesInput!) { priceListPricesSet(input: $input) { priceList { version } userErrors { code field } } }`;
const UPDATE_LIST = `mutation($input: UpdatePriceListInput!) { priceListUpdate(input: $input) { priceList { version } userErrors { code field } } }`;
const IMPORT = `mutation($input: ImportCatalogueInput!) { catalogueImportStart(input: $input) { import { id } userErrors { code field } } }`;
const IMPORT_STATUS = `query($id: ID!) { catalogueImport(id: $id) { status appliedRows } }`;
const TRAIL = `query($entityId: String) { catalogueAuditTrail(entityId: $entityId, first: 1) { nodes { action entityType entityId before after } } }`;

let app: CatalogueApp;
let manager: string;

beforeAll(async () => {
  app = await startCatalogue({ ...scope.env, PORT: 0 });
  manager = await scope.token({ subject: 'cat-manager', role: 'catalogue_manager', regions: [] });
  // The products are not under test: through the API they would be 5,000 audit entries and messages more. Two more
  // than the list prices, to add later.
  await app.orm.em.getConnection().execute(
    `insert into catalogue.product (id, sku, names, category, cn_return_class, eu_tax_class, hazardous, weight_grams, length_mm, width_mm, height_mm, status, version, catalogue_version, created_at, updated_at)
     select gen_random_uuid(), 'AUD-' || lpad(n::text, 5, '0'), '{"en":"Audit test"}', 'APPAREL', 'RETURNABLE', 'STANDARD', false, 100, 10, 10, 10, 'ACTIVE', 1, 0, now(), now()
       from generate_series(0, ?) as n`,
    [SKUS + 1],
  );
}, 60_000);

afterAll(async () => {
  await app?.close();
  await scope.dispose();
});

async function mutate(query: string, input: Record<string, unknown>): Promise<number> {
  const result = await postGraphQL(app.url, query, { input }, manager);
  expect(result.errors).toBeUndefined();
  const payload = Object.values(result.data)[0] as { priceList: { version: number }; userErrors: unknown[] };
  expect(payload.userErrors).toEqual([]);
  return payload.priceList.version;
}

async function newestEntry(entityId = LIST) {
  const result = await postGraphQL(app.url, TRAIL, { entityId }, manager);
  expect(result.errors).toBeUndefined();
  return result.data.catalogueAuditTrail.nodes[0];
}

/** What the newest entry of the list occupies in the table: jsonb as stored (compressed) and as text. */
async function storedSize(): Promise<{ stored: number; text: number }> {
  const [row] = await app.orm.em
    .fork()
    .getConnection()
    .execute<Array<{ stored: number; text: number }>>(
      `select coalesce(pg_column_size(before), 0) + pg_column_size(after) as stored, coalesce(length(before::text), 0) + length(after::text) as text
         from catalogue.catalogue_audit_entry where entity_id = ? order by id desc limit 1`,
      [LIST],
    );
  return row!;
}

it('records a created list whole: every price is added', async () => {
  const prices = Array.from({ length: SKUS }, (_, n) => priceOf(n));
  expect(await mutate(CREATE_LIST, { ...header, prices })).toBe(1);
  const entry = await newestEntry();
  expect(entry).toMatchObject({ action: 'price-list.created', entityType: 'PriceList', entityId: LIST, before: null });
  expect(entry.after).toEqual({ ...header, version: 1, priceCount: SKUS, addedPrices: prices, changedPrices: [] });
});

it('records one changed price of a 5,000-price list as that price before and after, in a small row', async () => {
  expect(await mutate(SET_PRICES, { priceListId: LIST, expectedVersion: 1, prices: [{ sku: skuOf(42), unitPrice: 4242 }] })).toBe(2);
  const entry = await newestEntry();
  expect(entry.action).toBe('price-list.prices-set');
  expect(entry.before).toEqual({ ...header, version: 1, priceCount: SKUS, changedPrices: [priceOf(42)], removedPrices: [] });
  expect(entry.after).toEqual({ ...header, version: 2, priceCount: SKUS, changedPrices: [{ sku: skuOf(42), unitPrice: 4242 }], addedPrices: [] });
  // The whole list before and after took 410 kB of text (67 kB stored, compressed) for this one price; now under 1 kB.
  const size = await storedSize();
  expect(size.text).toBeLessThan(2_000);
  expect(size.stored).toBeLessThan(2_000);
});

it('records added, changed and removed prices of one change, comparing whole entries and leaving out prices set to what they were', async () => {
  const prices = [priceOf(7), { sku: skuOf(8), unitPrice: 0, free: true }, { sku: skuOf(9), unitPrice: 99 }, priceOf(SKUS)];
  expect(await mutate(SET_PRICES, { priceListId: LIST, expectedVersion: 2, prices, removeSkus: [skuOf(10), skuOf(11)] })).toBe(3);
  const entry = await newestEntry();
  expect(entry.before).toMatchObject({ version: 2, priceCount: SKUS, changedPrices: [priceOf(8), priceOf(9)], removedPrices: [priceOf(10), priceOf(11)] });
  expect(entry.after).toMatchObject({
    version: 3,
    priceCount: SKUS - 1,
    changedPrices: [
      { sku: skuOf(8), unitPrice: 0, free: true },
      { sku: skuOf(9), unitPrice: 99 },
    ],
    addedPrices: [priceOf(SKUS)],
  });
});

it('records a header change (closing the list) with the header before and after and no prices', async () => {
  const validTo = '2026-12-31T00:00:00.000Z';
  expect(await mutate(UPDATE_LIST, { id: LIST, expectedVersion: 3, validFrom: header.validFrom, validTo, shipping })).toBe(4);
  const entry = await newestEntry();
  expect(entry.action).toBe('price-list.updated');
  expect(entry.before).toEqual({ ...header, version: 3, priceCount: SKUS - 1, changedPrices: [], removedPrices: [] });
  expect(entry.after).toEqual({ ...header, validTo, version: 4, priceCount: SKUS - 1, changedPrices: [], addedPrices: [] });
});

it('records an imported price file the same way', async () => {
  const content = JSON.stringify([{ sku: skuOf(20), unitPrice: 2020 }, priceOf(21), priceOf(SKUS + 1)]);
  const started = await postGraphQL(app.url, IMPORT, { input: { kind: 'PRICES', format: 'JSON', priceListId: LIST, content } }, manager);
  expect(started.data.catalogueImportStart.userErrors).toEqual([]);
  await app.deps.services.imports.settled();
  const outcome = await postGraphQL(app.url, IMPORT_STATUS, { id: started.data.catalogueImportStart.import.id }, manager);
  expect(outcome.data.catalogueImport).toEqual({ status: 'APPLIED', appliedRows: 3 });
  const entry = await newestEntry();
  expect(entry.action).toBe('price-list.imported');
  expect(entry.before).toMatchObject({ version: 4, priceCount: SKUS - 1, changedPrices: [priceOf(20)], removedPrices: [] });
  expect(entry.after).toMatchObject({ version: 5, priceCount: SKUS, changedPrices: [{ sku: skuOf(20), unitPrice: 2020 }], addedPrices: [priceOf(SKUS + 1)] });
});

it('still reads an entry written before, with the whole list', async () => {
  const whole = { ...header, version: 1, prices: [priceOf(0)] };
  await app.orm.em
    .fork()
    .getConnection()
    .execute(
      `insert into catalogue.catalogue_audit_entry (at, actor_id, actor_role, action, entity_type, entity_id, catalogue_version, before, after)
       values (now(), 'cat-manager', 'catalogue_manager', 'price-list.prices-set', 'PriceList', 'older-list', 1, ?::jsonb, ?::jsonb)`,
      [JSON.stringify(whole), JSON.stringify({ ...whole, version: 2 })],
    );
  expect(await newestEntry('older-list')).toMatchObject({ before: whole, after: { ...whole, version: 2 } });
});
