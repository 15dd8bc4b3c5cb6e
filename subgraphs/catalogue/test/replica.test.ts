import { Migration } from '@mikro-orm/migrations';
import type { NatsConnection } from '@nats-io/transport-node';
import { computeQuote, type QuoteRequest } from '@hub/shared/catalogue/quote/quote.rules';
import { CatalogueReplica, CatalogueReplicaItem, CatalogueReplicaMigration } from '@hub/shared/catalogue/replication/catalogue-replica';
import type { CatalogueChange } from '@hub/shared/catalogue/replication/catalogue-contracts';
import { createLogger } from '@hub/shared/logger';
import { ProcessedMessage } from '@hub/shared/messaging/processed-message.entity';
import { openDatabase, type MikroORM } from '@hub/shared/persistence/orm';
import { connectTestNats, createTestScope, postGraphQL, waitFor } from '@hub/shared/testing/harness';
import { startCatalogue, type CatalogueApp } from '../src/app.js';

class ProcessedMessageMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "processed_message" ("consumer" varchar(100) not null, "message_id" varchar(200) not null, "processed_at" timestamptz not null, primary key ("consumer", "message_id"));`,
    );
  }
}

const scope = createTestScope('catalogue-replica');
const at = new Date('2026-03-10T12:00:00Z');
let app: CatalogueApp;
let nc: NatsConnection;
let orm: MikroORM;
let manager: string;

const openReplica = (onApplied?: (change: CatalogueChange) => void) =>
  new CatalogueReplica({
    nc,
    orm,
    logger: createLogger('replica-test', 'silent'),
    namespace: scope.env.NATS_NAMESPACE,
    service: 'region-test',
    schema: 'replica_test',
    ...(onApplied ? { onApplied } : {}),
  });

beforeAll(async () => {
  app = await startCatalogue({ ...scope.env, PORT: 0 }, { clock: () => at });
  nc = await connectTestNats(scope.env);
  orm = await openDatabase({
    clientUrl: scope.env.DATABASE_URL,
    schema: 'replica_test',
    entities: [CatalogueReplicaItem, ProcessedMessage],
    migrations: { ProcessedMessageMigration, CatalogueReplicaMigration },
  });
  manager = await scope.token({ subject: 'cat-manager', role: 'catalogue_manager', regions: [] });
  const product = (sku: string, category: string, euTaxClass: string, cnReturnClass = 'RETURNABLE') =>
    postGraphQL(
      app.url,
      `mutation($input: ProductInput!) { productUpsert(input: $input) { userErrors { code } } }`,
      {
        input: { sku, names: [{ locale: 'en', value: sku }], category, euTaxClass, cnReturnClass, weightGrams: 400, lengthMm: 200, widthMm: 100, heightMm: 50 },
      },
      manager,
    );
  await product('BOOK-1', 'BOOKS', 'REDUCED');
  await product('FISH-1', 'FRESH_FOOD', 'REDUCED', 'FRESH_PERISHABLE');
  await postGraphQL(
    app.url,
    `mutation($input: CreatePriceListInput!) { priceListCreate(input: $input) { userErrors { code } } }`,
    {
      input: {
        id: 'cn-web-2026',
        region: 'cn',
        channel: 'WEB',
        currency: 'CNY',
        validFrom: '2026-01-01T00:00:00Z',
        shipping: { baseFee: 800, perKgFee: 200, bulkySurcharge: 0 },
        prices: [
          { sku: 'BOOK-1', unitPrice: 4500 },
          { sku: 'FISH-1', unitPrice: 16800 },
        ],
      },
    },
    manager,
  );
});

afterAll(async () => {
  await nc?.close();
  await orm?.close();
  await app?.close();
  await scope.dispose();
});

const cart: QuoteRequest = {
  region: 'cn',
  channel: 'WEB',
  currency: 'CNY',
  destination: { country: 'CN' },
  customerType: 'CONSUMER',
  vatIdCountry: null,
  lines: [
    { sku: 'BOOK-1', quantity: 2 },
    { sku: 'FISH-1', quantity: 1 },
  ],
  at,
};

it('holds the catalogue locally and prices a cart exactly as the catalogue does, with no request to it', async () => {
  const expected = await app.deps.reader.current();
  const caughtUp = waitFor<number>((version) => version === expected.version);
  const replica = openReplica((change) => caughtUp.push(change.catalogueVersion));
  await replica.start();
  await caughtUp.done;
  const local = computeQuote(replica.current(), cart);
  expect(local).toEqual(computeQuote(expected, cart));
  // 1.2 kg: base fee and one more kilogram, shipping at 9 % like the goods
  expect(local.ok && local.quote.totals.grandTotal).toBe(2 * (4500 + 405) + 16800 + 1512 + 1000 + 90);

  // A price change arrives as one more message, and only the newer version is kept.
  const changed = waitFor<CatalogueChange>((change) => change.kind === 'price-list');
  const replica2 = openReplica((change) => changed.push(change));
  await replica.stop();
  await replica2.start();
  await postGraphQL(
    app.url,
    `mutation($input: SetPricesInput!) { priceListPricesSet(input: $input) { userErrors { code } } }`,
    { input: { priceListId: 'cn-web-2026', expectedVersion: 1, prices: [{ sku: 'BOOK-1', unitPrice: 3900 }] } },
    manager,
  );
  await changed.done;
  const repriced = computeQuote(replica2.current(), cart);
  expect(repriced.ok && repriced.quote.lines[0]!.unitPrice).toBe(3900);
  await replica2.stop();

  // Restarted, a service prices from the copy in its own database before (and without) any new message.
  const offline = new CatalogueReplica({
    nc,
    orm,
    logger: createLogger('replica-test', 'silent'),
    namespace: scope.env.NATS_NAMESPACE,
    service: 'region-test',
    schema: 'replica_test',
  });
  const stored = await orm.em.fork().count(CatalogueReplicaItem, {});
  expect(stored).toBe(3);
  await offline.start();
  const fromStore = computeQuote(offline.current(), cart);
  expect(fromStore.ok && fromStore.quote.lines[0]!.unitPrice).toBe(3900);
  await offline.stop();
});
