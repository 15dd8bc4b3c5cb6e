import type { NatsConnection } from '@nats-io/transport-node';
import { CURRENT_CARBON_FACTORS } from '@hub/shared/green/carbon-factors.table';
import { AckPolicy, DeliverPolicy, jetstreamManager } from '@nats-io/jetstream';
import { catalogueSubjectsFor } from '@hub/shared/catalogue/replication/catalogue-contracts';
import { connectTestNats, createTestScope, postGraphQL } from '@hub/shared/testing/harness';
import { startCatalogue, type CatalogueApp } from '../src/app.js';

const scope = createTestScope('catalogue');
let app: CatalogueApp;
let nc: NatsConnection;
let manager: string;
let customer: string;

beforeAll(async () => {
  app = await startCatalogue({ ...scope.env, PORT: 0 }, { clock: () => new Date('2026-03-10T12:00:00Z') });
  nc = await connectTestNats(scope.env);
  manager = await scope.token({ subject: 'cat-manager', role: 'catalogue_manager', regions: [] });
  customer = await scope.token({ subject: 'cust-1', role: 'customer', regions: ['de'] });
});

afterAll(async () => {
  await nc?.close();
  await app?.close();
  await scope.dispose();
});

const UPSERT = `mutation($input: ProductInput!) { productUpsert(input: $input) { product { id sku version status catalogueVersion name(locale: "de") } userErrors { code field message } } }`;
const CREATE_LIST = `mutation($input: CreatePriceListInput!) { priceListCreate(input: $input) { priceList { id version } userErrors { code field message } } }`;
const QUOTE = `query($input: QuoteInput!) { quote(input: $input) { quote { catalogueVersion priceListId vatScheme taxDate lines { sku unitPrice unitTax rate cnReturnTerms { noReasonReturn exclusion } } shipping { net tax } totals { itemsTotal taxTotal shippingTotal grandTotal } cashOnDelivery { available } } userErrors { code field } } }`;
const IMPORT = `mutation($input: ImportCatalogueInput!) { catalogueImportStart(input: $input) { import { id status } userErrors { code field } } }`;
const IMPORT_STATUS = `query($id: ID!) { catalogueImport(id: $id) { status totalRows processedRows appliedRows rejectedRowCount problems { row code field } catalogueVersion } }`;

const product = (changes: Record<string, unknown> = {}) => ({
  sku: 'TSH-1',
  names: [
    { locale: 'en', value: 'T-shirt' },
    { locale: 'de', value: 'T-Shirt' },
  ],
  category: 'APPAREL',
  weightGrams: 180,
  lengthMm: 300,
  widthMm: 250,
  heightMm: 20,
  ...changes,
});
const shipping = { baseFee: 495, perKgFee: 100, bulkySurcharge: 2500, freeFrom: 10000 };

async function countRows(table: string): Promise<number> {
  const [row] = await app.orm.em.fork().getConnection().execute<Array<{ n: number }>>(`select count(*)::int as n from catalogue.${table}`);
  return row!.n;
}

async function importAndWait(input: Record<string, unknown>) {
  const started = await postGraphQL(app.url, IMPORT, { input }, manager);
  expect(started.errors).toBeUndefined();
  await app.deps.services.imports.settled();
  const id = started.data.catalogueImportStart.import.id;
  return (await postGraphQL(app.url, IMPORT_STATUS, { id }, manager)).data.catalogueImport;
}

describe('products', () => {
  it('lets a catalogue manager create and edit a product, versioned and audited', async () => {
    const created = await postGraphQL(app.url, UPSERT, { input: product() }, manager);
    expect(created.data.productUpsert).toMatchObject({ product: { sku: 'TSH-1', version: 1, status: 'ACTIVE', name: 'T-Shirt' }, userErrors: [] });
    const edited = await postGraphQL(app.url, UPSERT, { input: product({ weightGrams: 200, expectedVersion: 1 }) }, manager);
    expect(edited.data.productUpsert.product.version).toBe(2);
    const stale = await postGraphQL(app.url, UPSERT, { input: product({ weightGrams: 210, expectedVersion: 1 }) }, manager);
    expect(stale.data.productUpsert).toEqual({
      product: null,
      userErrors: [{ code: 'CONFLICT', field: ['input', 'expectedVersion'], message: expect.any(String) }],
    });
    const trail = await postGraphQL(app.url, `{ catalogueAuditTrail(entityId: "TSH-1") { nodes { action actorId before after } } }`, {}, manager);
    expect(trail.data.catalogueAuditTrail.nodes.map((n: { action: string }) => n.action)).toEqual(['product.updated', 'product.created']);
    expect(trail.data.catalogueAuditTrail.nodes[0]).toMatchObject({ actorId: 'cat-manager', before: { weightGrams: 180 }, after: { weightGrams: 200 } });
  });

  it('refuses a return class the category cannot carry, writing nothing', async () => {
    const versionBefore = await app.deps.reader.version();
    const result = await postGraphQL(app.url, UPSERT, { input: product({ sku: 'TSH-FRESH', cnReturnClass: 'FRESH_PERISHABLE' }) }, manager);
    expect(result.data.productUpsert).toEqual({
      product: null,
      userErrors: [{ code: 'RETURN_CLASS_NOT_ALLOWED', field: ['input', 'cnReturnClass'], message: expect.any(String) }],
    });
    expect((await postGraphQL(app.url, '{ product(sku: "TSH-FRESH") { id } }', {}, manager)).data.product).toBeNull();
    expect(await app.deps.reader.version()).toBe(versionBefore);
  });

  it('lets only catalogue managers and admins edit', async () => {
    const result = await postGraphQL(app.url, UPSERT, { input: product({ sku: 'TSH-2' }) }, customer);
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('resolves Product references from other subgraphs by sku in one batch', async () => {
    const result = await postGraphQL(
      app.url,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Product { sku weightGrams } } }`,
      {
        r: [
          { __typename: 'Product', sku: 'TSH-1' },
          { __typename: 'Product', sku: 'NOPE' },
        ],
      },
      customer,
    );
    expect(result.data._entities).toEqual([{ sku: 'TSH-1', weightGrams: 200 }, null]);
  });
});

describe('price lists', () => {
  const list = (changes: Record<string, unknown> = {}) => ({
    id: 'de-web-2026',
    region: 'de',
    channel: 'WEB',
    currency: 'EUR',
    validFrom: '2026-01-01T00:00:00Z',
    shipping,
    prices: [{ sku: 'TSH-1', unitPrice: 1999 }],
    ...changes,
  });

  it('creates a list and refuses one overlapping it for the same scope', async () => {
    const created = await postGraphQL(app.url, CREATE_LIST, { input: list() }, manager);
    expect(created.errors).toBeUndefined();
    expect(created.data.priceListCreate).toEqual({ priceList: { id: 'de-web-2026', version: 1 }, userErrors: [] });
    const overlapping = await postGraphQL(app.url, CREATE_LIST, { input: list({ id: 'de-web-2026-b', validFrom: '2026-06-01T00:00:00Z' }) }, manager);
    expect(overlapping.data.priceListCreate.userErrors).toEqual([
      { code: 'PRICE_LIST_OVERLAP', field: ['input', 'validFrom'], message: expect.stringContaining('de-web-2026') },
    ]);
    const earlier = await postGraphQL(
      app.url,
      CREATE_LIST,
      { input: list({ id: 'de-web-2025', validFrom: '2025-01-01T00:00:00Z', validTo: '2026-01-01T00:00:00Z', prices: [{ sku: 'TSH-1', unitPrice: 1799 }] }) },
      manager,
    );
    expect(earlier.data.priceListCreate.userErrors).toEqual([]);
  });

  it.each([
    ['a negative price', [{ sku: 'TSH-1', unitPrice: -5 }], 'INVALID_PRICE', ['input', 'prices', '0', 'unitPrice']],
    ['a zero price not marked free', [{ sku: 'TSH-1', unitPrice: 0 }], 'ZERO_PRICE_NOT_ALLOWED', ['input', 'prices', '0', 'unitPrice']],
    [
      'an unknown SKU',
      [
        { sku: 'TSH-1', unitPrice: 5 },
        { sku: 'GHOST', unitPrice: 5 },
      ],
      'UNKNOWN_SKU',
      ['input', 'prices', '1', 'sku'],
    ],
  ])('refuses %s, writing nothing', async (_label, prices, code, field) => {
    const listsBefore = await countRows('price_list');
    const result = await postGraphQL(app.url, CREATE_LIST, { input: list({ id: 'de-app-2026', channel: 'MOBILE_APP', prices }) }, manager);
    expect(result.data.priceListCreate).toEqual({ priceList: null, userErrors: [{ code, field, message: expect.any(String) }] });
    expect(await countRows('price_list')).toBe(listsBefore);
  });
});

describe('quote', () => {
  const cart = (changes: Record<string, unknown> = {}) => ({
    region: 'de',
    channel: 'WEB',
    currency: 'EUR',
    destination: { country: 'DE', postalCode: '10115' },
    lines: [{ sku: 'TSH-1', quantity: 2 }],
    ...changes,
  });

  it('prices a cart from the catalogue: VAT per line, shipping with VAT, totals', async () => {
    const result = await postGraphQL(app.url, QUOTE, { input: cart() }, customer);
    expect(result.data.quote).toEqual({
      userErrors: [],
      quote: {
        catalogueVersion: expect.any(Number),
        priceListId: 'de-web-2026',
        vatScheme: 'DOMESTIC',
        taxDate: '2026-03-10',
        lines: [{ sku: 'TSH-1', unitPrice: 1999, unitTax: 380, rate: 19, cnReturnTerms: null }],
        shipping: { net: 495, tax: 94 },
        totals: { itemsTotal: 3998, taxTotal: 760, shippingTotal: 589, grandTotal: 5347 },
        cashOnDelivery: { available: false },
      },
    });
  });

  it('shows each delivery option with its promised window and CO2e; the low-carbon one emits least', async () => {
    const OPTIONS = `query($input: QuoteInput!) { quote(input: $input) { quote { at deliveryOptions { option etaFrom etaTo consolidateUntil co2eGrams co2eSavedGrams factorVersion } } } }`;
    const { data } = await postGraphQL(app.url, OPTIONS, { input: cart({ lines: [{ sku: 'TSH-1', quantity: 10 }] }) }, customer);
    const at = new Date(data.quote.quote.at).getTime();
    const days = (iso: string | null) => (iso === null ? null : (new Date(iso).getTime() - at) / 86_400_000);
    const options = data.quote.quote.deliveryOptions as Array<Record<string, string | number | null>>;
    expect(options.map((o) => [o.option, days(o.etaFrom as string), days(o.etaTo as string), days(o.consolidateUntil as string | null)])).toEqual([
      ['STANDARD', 2, 4, null],
      ['EXPRESS', 1, 2, null],
      ['CONSOLIDATED', 3, 7, 3],
    ]);
    const [standard, , consolidated] = options;
    expect(standard!.co2eGrams).toBeGreaterThan(0);
    expect(consolidated!.co2eSavedGrams).toBeGreaterThan(0);
    expect(consolidated!.co2eGrams).toBe((standard!.co2eGrams as number) - (consolidated!.co2eSavedGrams as number));
    expect(options.every((o) => o.factorVersion === CURRENT_CARBON_FACTORS.version)).toBe(true);
  });

  it('prices as of an earlier date for corrections', async () => {
    const result = await postGraphQL(app.url, QUOTE, { input: cart({ at: '2025-06-01T00:00:00Z' }) }, customer);
    expect(result.data.quote.quote).toMatchObject({ priceListId: 'de-web-2025', lines: [{ unitPrice: 1799, unitTax: 342 }] });
  });

  it('names the line of an unknown SKU', async () => {
    const result = await postGraphQL(
      app.url,
      QUOTE,
      {
        input: cart({
          lines: [
            { sku: 'TSH-1', quantity: 1 },
            { sku: 'GHOST', quantity: 1 },
          ],
        }),
      },
      customer,
    );
    expect(result.data.quote).toEqual({ quote: null, userErrors: [{ code: 'UNKNOWN_SKU', field: ['input', 'lines', '1', 'sku'] }] });
  });

  it('names every problem of a cart at once, each with its field', async () => {
    const result = await postGraphQL(
      app.url,
      QUOTE,
      {
        input: cart({
          destination: { country: 'US' },
          lines: [
            { sku: 'GHOST', quantity: 1 },
            { sku: 'TSH-1', quantity: 1 },
            { sku: 'PHANTOM', quantity: 1 },
          ],
        }),
      },
      customer,
    );
    expect(result.data.quote).toEqual({
      quote: null,
      userErrors: [
        { code: 'INVALID', field: ['input', 'destination', 'country'] },
        { code: 'UNKNOWN_SKU', field: ['input', 'lines', '0', 'sku'] },
        { code: 'UNKNOWN_SKU', field: ['input', 'lines', '2', 'sku'] },
      ],
    });
  });

  it('cannot quote a DE distance sale while region-de, whose cross-border sales decide its regime, does not answer', async () => {
    // No region-de runs beside this catalogue: a sale within Germany needs none of its facts, a sale to Austria does.
    const abroad = await postGraphQL(app.url, QUOTE, { input: cart({ destination: { country: 'AT', postalCode: '1010' } }) }, customer);
    expect(abroad.errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryable: true });
    const business = await postGraphQL(
      app.url,
      QUOTE,
      { input: cart({ destination: { country: 'AT' }, customerType: 'BUSINESS', vatId: 'ATU13585627' }) },
      customer,
    );
    expect(business.data.quote.quote).toMatchObject({ vatScheme: 'REVERSE_CHARGE' });
  });
});

describe('bulk import', () => {
  const header = 'sku,name_en,name_zh-CN,category,cn_return_class,eu_tax_class,hazardous,weight_grams,length_mm,width_mm,height_mm,status';

  it('rejects a CSV with broken rows as a whole and reports each row, importing nothing', async () => {
    const productsBefore = await countRows('product');
    const csv = [
      header,
      'FISH-1,Salmon,三文鱼,FRESH_FOOD,FRESH_PERISHABLE,REDUCED,false,500,300,200,100,ACTIVE',
      'SHIRT-9,Shirt,衬衫,APPAREL,FRESH_PERISHABLE,STANDARD,false,200,300,200,20,ACTIVE',
      'BOOK-1,Novel,小说,BOOKS,RETURNABLE,REDUCED,false,400.5,200,130,30,ACTIVE',
      'BROKEN,only,three',
      'FISH-1,Salmon again,三文鱼,FRESH_FOOD,FRESH_PERISHABLE,REDUCED,false,500,300,200,100,ACTIVE',
    ].join('\n');
    const outcome = await importAndWait({ kind: 'PRODUCTS', format: 'CSV', content: csv });
    expect(outcome).toMatchObject({ status: 'REJECTED', appliedRows: 0, catalogueVersion: null });
    expect(outcome.problems).toEqual([{ row: 5, code: 'INVALID', field: ['row'] }]);
    expect(await countRows('product')).toBe(productsBefore);

    const withoutSyntaxError = csv
      .split('\n')
      .filter((line) => !line.startsWith('BROKEN'))
      .join('\n');
    const rejected = await importAndWait({ kind: 'PRODUCTS', format: 'CSV', content: withoutSyntaxError });
    expect(rejected).toMatchObject({ status: 'REJECTED', totalRows: 4, processedRows: 4, rejectedRowCount: 3 });
    expect(rejected.problems).toEqual([
      { row: 3, code: 'RETURN_CLASS_NOT_ALLOWED', field: ['cnReturnClass'] },
      { row: 4, code: 'INVALID', field: ['weightGrams'] },
      { row: 5, code: 'CONFLICT', field: ['sku'] },
    ]);
    expect(await countRows('product')).toBe(productsBefore);
  });

  it('applies a clean file in one change, then its prices', async () => {
    const csv = [
      header,
      ...Array.from({ length: 1200 }, (_, i) => `BULK-${i},Item ${i},商品${i},HOME,RETURNABLE,STANDARD,false,${100 + i},300,200,100,ACTIVE`),
    ].join('\n');
    const outcome = await importAndWait({ kind: 'PRODUCTS', format: 'CSV', content: csv });
    expect(outcome).toMatchObject({ status: 'APPLIED', totalRows: 1200, processedRows: 1200, appliedRows: 1200, problems: [] });
    const prices = JSON.stringify(Array.from({ length: 1200 }, (_, i) => ({ sku: `BULK-${i}`, unitPrice: 500 + i })));
    const priced = await importAndWait({ kind: 'PRICES', format: 'JSON', priceListId: 'de-web-2026', content: prices });
    expect(priced).toMatchObject({ status: 'APPLIED', appliedRows: 1200 });
    const quote = await postGraphQL(
      app.url,
      QUOTE,
      { input: { region: 'de', currency: 'EUR', destination: { country: 'DE' }, lines: [{ sku: 'BULK-7', quantity: 1 }] } },
      customer,
    );
    expect(quote.data.quote.quote.lines[0].unitPrice).toBe(507);
  });

  it('rejects a price file with a fractional and a negative price', async () => {
    const csv = 'sku,unit_price\nBULK-1,19.99\nBULK-2,-5\nBULK-3,700\nGHOST,5';
    const outcome = await importAndWait({ kind: 'PRICES', format: 'CSV', priceListId: 'de-web-2026', content: csv });
    expect(outcome.problems).toEqual([
      { row: 2, code: 'INVALID_PRICE', field: ['unitPrice'] },
      { row: 3, code: 'INVALID_PRICE', field: ['unitPrice'] },
      { row: 5, code: 'UNKNOWN_SKU', field: ['sku'] },
    ]);
    const list = await postGraphQL(app.url, '{ priceList(id: "de-web-2026") { prices(first: 1, after: null) { nodes { sku } } version } }', {}, manager);
    expect(list.data.priceList.version).toBe(2);
  });
});

describe('replication', () => {
  it('publishes the newest state of every product and price list to JetStream, with ids derived from the version', async () => {
    // The running relay may hold rows under SKIP LOCKED; stop it, publish the rest, and restart it.
    await app.outbox.stop();
    await app.outbox.drain();
    app.outbox.start();
    const subjects = catalogueSubjectsFor(scope.env.NATS_NAMESPACE);
    const jsm = await jetstreamManager(nc);
    const info = await jsm.streams.info(subjects.stream);
    expect(info.config.max_msgs_per_subject).toBe(1);
    const message = await jsm.streams.getMessage(subjects.stream, { last_by_subj: subjects.product('TSH-1') });
    expect(message?.json()).toMatchObject({ kind: 'product', product: { sku: 'TSH-1', weightGrams: 200 } });
    expect(message?.header?.get('Nats-Msg-Id')).toMatch(/^catalogue\.product:TSH-1:\d+$/);
    const consumer = await jsm.consumers.add(subjects.stream, { ack_policy: AckPolicy.None, deliver_policy: DeliverPolicy.All });
    expect((await jsm.consumers.info(subjects.stream, consumer.name)).num_pending).toBe(1 + 1200 + 2);
  });
});
