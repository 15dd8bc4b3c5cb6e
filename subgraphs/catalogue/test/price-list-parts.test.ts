import { Migration } from '@mikro-orm/migrations';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { PriceEntry } from '@hub/shared/catalogue/pricing/price-list.rules';
import { CatalogueReplica, CatalogueReplicaItem, CatalogueReplicaMigration } from '@hub/shared/catalogue/replication/catalogue-replica';
import {
  catalogueChangeMessageId,
  catalogueChangeSubject,
  catalogueSubjectsFor,
  type CatalogueChange,
} from '@hub/shared/catalogue/replication/catalogue-contracts';
import { priceListChanges } from '@hub/shared/catalogue/replication/price-list-parts';
import { aPriceList } from '@hub/shared/catalogue/testing/fixtures';
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

/** A price list larger than one NATS message reaches every replica whole, however it grew or shrank. */
const scope = createTestScope('catalogue-parts');
const SKUS = 60_000;
/** 64 characters, the longest SKU: the size at which a whole list passes 1 MB soonest. */
const skuOf = (n: number) => `P${String(n).padStart(6, '0')}`.padEnd(64, 'x');
const pricesFrom = (first: number, count: number, unitPrice: (n: number) => number): PriceEntry[] =>
  Array.from({ length: count }, (_, index) => ({ sku: skuOf(first + index), unitPrice: unitPrice(first + index) }));
const bySku = (prices: readonly PriceEntry[]) => [...prices].sort((a, b) => (a.sku < b.sku ? -1 : 1));
const CREATE_LIST = `mutation($input: CreatePriceListInput!) { priceListCreate(input: $input) { priceList { version } userErrors { code field } } }`;
const SET_PRICES = `mutation($input: SetPricesInput!) { priceListPricesSet(input: $input) { priceList { version } userErrors { code field } } }`;

let app: CatalogueApp;
let nc: NatsConnection;
let manager: string;
const opened: Array<{ replica: CatalogueReplica; orm: MikroORM }> = [];

beforeAll(async () => {
  app = await startCatalogue({ ...scope.env, PORT: 0 });
  // The test publishes the outbox itself (`drain`), so it can tell what the relay left unpublished.
  await app.outbox.stop();
  nc = await connectTestNats(scope.env);
  manager = await scope.token({ subject: 'cat-manager', role: 'catalogue_manager', regions: [] });
  // The products are not under test: through the API they would be 60,000 replication messages more.
  await app.orm.em.getConnection().execute(
    `insert into catalogue.product (id, sku, names, category, cn_return_class, eu_tax_class, hazardous, weight_grams, length_mm, width_mm, height_mm, status, version, catalogue_version, created_at, updated_at)
     select gen_random_uuid(), rpad('P' || lpad(n::text, 6, '0'), 64, 'x'), '{"en":"Part test"}', 'APPAREL', 'RETURNABLE', 'STANDARD', false, 100, 10, 10, 10, 'ACTIVE', 1, 0, now(), now()
       from generate_series(0, ?) as n`,
    [SKUS - 1],
  );
}, 120_000);

afterAll(async () => {
  for (const { replica, orm } of opened) {
    await replica.stop();
    await orm.close();
  }
  await nc?.close();
  await app?.close();
  await scope.dispose();
});

/** A replica in a schema of its own, with a consumer of its own: it reads the stream from its beginning. */
async function openReplica(name: string, onApplied?: (change: CatalogueChange) => void): Promise<CatalogueReplica> {
  const schema = `replica_${name}`;
  const orm = await openDatabase({
    clientUrl: scope.env.DATABASE_URL,
    schema,
    poolSize: 2,
    entities: [CatalogueReplicaItem, ProcessedMessage],
    migrations: { ProcessedMessageMigration, CatalogueReplicaMigration },
  });
  const replica = new CatalogueReplica({
    nc,
    orm,
    logger: createLogger('parts-test', 'silent'),
    namespace: scope.env.NATS_NAMESPACE,
    service: `region-${name}`,
    schema,
    ...(onApplied ? { onApplied } : {}),
  });
  opened.push({ replica, orm });
  await replica.start();
  return replica;
}

/** A replica started afterwards, once it holds everything the catalogue has committed. */
async function caughtUpReplica(name: string): Promise<CatalogueReplica> {
  const replica = await openReplica(name);
  await replica.whenAt(await app.deps.reader.version());
  return replica;
}

const pricesIn = (replica: CatalogueReplica, priceListId: string) => bySku(replica.current().priceLists.find((list) => list.id === priceListId)?.prices ?? []);

/** Each list in a region of its own: two lists of one scope in force at once are refused. */
async function createList(id: string, region: string, prices: PriceEntry[]): Promise<number> {
  const input = { id, region, channel: 'WEB', currency: 'CNY', validFrom: '2026-01-01T00:00:00Z', shipping: { baseFee: 0, perKgFee: 0, bulkySurcharge: 0 } };
  const created = await postGraphQL(app.url, CREATE_LIST, { input: { ...input, prices } }, manager);
  expect(created.data.priceListCreate.userErrors).toEqual([]);
  return created.data.priceListCreate.priceList.version;
}

async function setPrices(priceListId: string, expectedVersion: number, prices: PriceEntry[], removeSkus: string[] = []): Promise<number> {
  const result = await postGraphQL(app.url, SET_PRICES, { input: { priceListId, expectedVersion, prices, removeSkus } }, manager);
  expect(result.errors).toBeUndefined();
  expect(result.data.priceListPricesSet.userErrors).toEqual([]);
  return result.data.priceListPricesSet.priceList.version;
}

async function unpublishedEvents(): Promise<string[]> {
  const rows = await app.orm.em
    .fork()
    .getConnection()
    .execute<Array<{ subject: string }>>('select subject from catalogue.outbox_event where published_at is null');
  return rows.map((row) => row.subject);
}

it('replicates a list of 60,000 prices, grown 5,000 at a time, to a replica that holds every one of them', async () => {
  const prices = pricesFrom(0, SKUS, (n) => 1_000 + n);
  let version = await createList('big-list', 'cn', prices.slice(0, 5_000));
  for (let first = 5_000; first < SKUS; first += 5_000) version = await setPrices('big-list', version, prices.slice(first, first + 5_000));

  await app.outbox.drain();
  expect(await unpublishedEvents()).toEqual([]);
  const replica = await caughtUpReplica('big');
  expect(pricesIn(replica, 'big-list')).toEqual(prices);
}, 600_000);

it('ends a list that grew from one message to parts, then shrank to fewer parts and to one message, with its newest prices', async () => {
  const id = 'shrinking-list';
  const following = await openReplica('following');
  let version = await createList(
    id,
    'sea',
    pricesFrom(0, 1_000, (n) => 500 + n),
  );
  version = await setPrices(
    id,
    version,
    pricesFrom(1_000, 5_000, (n) => 500 + n),
  );
  version = await setPrices(
    id,
    version,
    pricesFrom(6_000, 3_000, (n) => 500 + n),
  );
  // 9,000 prices in five parts, then 4,000 repriced in two: parts 2 to 4 of the longer version stay in the stream.
  const fewer = pricesFrom(0, 4_000, (n) => 600 + n);
  version = await setPrices(
    id,
    version,
    fewer,
    pricesFrom(4_000, 5_000, () => 0).map((price) => price.sku),
  );
  await app.outbox.drain();
  const subjects = catalogueSubjectsFor(scope.env.NATS_NAMESPACE);
  const stale = await (await jetstreamManager(nc)).streams.getMessage(subjects.stream, { last_by_subj: subjects.priceListPart(id, 4) });
  expect(stale?.json<CatalogueChange>()).toMatchObject({ kind: 'price-list-part', part: 4, parts: 5 });
  expect(pricesIn(await caughtUpReplica('after-fewer-parts'), id)).toEqual(fewer);

  // 1,500 repriced: one message again, beside the parts of both longer versions.
  const whole = pricesFrom(0, 1_500, (n) => 700 + n);
  await setPrices(
    id,
    version,
    whole,
    fewer.slice(1_500).map((price) => price.sku),
  );
  await app.outbox.drain();
  expect(await unpublishedEvents()).toEqual([]);
  expect(pricesIn(await caughtUpReplica('after-whole'), id)).toEqual(whole);
  await following.whenAt(await app.deps.reader.version());
  expect(pricesIn(following, id)).toEqual(whole);
}, 300_000);

it('assembles parts delivered out of order and twice into the same list, the previous version in force until the last part, also after a restart', async () => {
  const id = 'reordered-list';
  const applied = new Set<(change: CatalogueChange) => void>();
  const onApplied = (change: CatalogueChange) => applied.forEach((listener) => listener(change));
  let replica = await openReplica('reordered', onApplied);
  await replica.whenAt(await app.deps.reader.version());
  const js = jetstream(nc);
  const subjects = catalogueSubjectsFor(scope.env.NATS_NAMESPACE);
  /** Without a message id: the replica applies the part a second time instead of skipping it as processed. */
  const deliver = async (change: CatalogueChange) => {
    const seen = waitFor<CatalogueChange>((other) => catalogueChangeMessageId(other) === catalogueChangeMessageId(change));
    applied.add(seen.push);
    await js.publish(catalogueChangeSubject(subjects, change), JSON.stringify(change));
    await seen.done;
    applied.delete(seen.push);
  };
  const at = 1_000_000;
  const first = aPriceList({ id, prices: pricesFrom(0, 10, (n) => 100 + n) });
  const second = aPriceList({ id, version: 2, prices: pricesFrom(0, 11, (n) => 200 + n) });
  const v1 = priceListChanges(first, at + 1, 4); // three parts
  const v2 = priceListChanges(second, at + 2, 3); // four parts

  for (const part of [v1[2]!, v1[0]!, v1[0]!]) await deliver(part);
  expect(pricesIn(replica, id)).toEqual([]);
  await deliver(v1[1]!);
  expect(pricesIn(replica, id)).toEqual(first.prices);
  expect(replica.heldVersion).toBe(at + 1);

  for (const part of [v2[3]!, v2[1]!, v1[1]!, v2[3]!, v2[0]!]) await deliver(part);
  expect(pricesIn(replica, id)).toEqual(first.prices);
  expect(replica.heldVersion).toBe(at + 1);

  // Restarted on its stored copy, it still prices with the complete version and waits for the missing part.
  await replica.stop();
  replica = await openReplica('reordered', onApplied);
  expect(pricesIn(replica, id)).toEqual(first.prices);
  expect(replica.heldVersion).toBe(at + 1);
  await deliver(v2[2]!);
  await replica.whenAt(at + 2);
  expect(pricesIn(replica, id)).toEqual(second.prices);
  for (const part of [v2[2]!, v1[0]!]) await deliver(part);
  expect(pricesIn(replica, id)).toEqual(second.prices);
  expect(replica.heldVersion).toBe(at + 2);
}, 120_000);
