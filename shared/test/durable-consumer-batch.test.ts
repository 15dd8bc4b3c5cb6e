import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Migration } from '@mikro-orm/migrations';
import { z } from 'zod';
import { ConflictError } from '../src/errors.js';
import { createLogger } from '../src/logger.js';
import { publishAcked } from '../src/messaging/jetstream-batch-publish.js';
import { DurableConsumer } from '../src/messaging/durable-consumer.js';
import { ProcessedMessage } from '../src/messaging/processed-message.entity.js';
import { declareStreams } from '../src/messaging/streams.js';
import { openDatabase, type MikroORM } from '../src/persistence/orm.js';
import { connectTestNats, createTestScope } from '../src/testing/harness.js';

class BatchTestSchema extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "batch_test"."processed_message" ("consumer" varchar(100) not null, "message_id" varchar(200) not null, "processed_at" timestamptz not null, primary key ("consumer", "message_id"))`,
    );
    this.addSql(`create table "batch_test"."applied" ("id" bigserial primary key, "n" int not null, "tx" bigint not null)`);
    this.addSql(`create table "batch_test"."kept" ("n" int primary key)`);
  }
}

/**
 * A consumer on the placement path applies the messages that arrive together in one transaction, and each message
 * still settles on its own: a refused one is terminated alone, one applied before is not applied again, and the
 * effects land in the stream's order.
 */
const scope = createTestScope('consumer-batch');
const ns = scope.env.NATS_NAMESPACE;
const stream = `${ns.toUpperCase()}_CONSUMER_BATCH`;
const COUNT = 200;
const REFUSED = 50;
const APPLIED_BEFORE = 5;
let orm: MikroORM;
let nc: NatsConnection;

beforeAll(async () => {
  orm = await openDatabase({ clientUrl: scope.env.DATABASE_URL, schema: 'batch_test', entities: [ProcessedMessage], migrations: { BatchTestSchema } });
  nc = await connectTestNats(scope.env);
  await declareStreams(nc, [{ name: stream, subjects: [`${ns}.batch.>`], maxAgeMs: 600_000 }]);
});

afterAll(async () => {
  await (await jetstreamManager(nc)).streams.delete(stream).catch(() => undefined);
  await nc?.close();
  await orm?.close();
  await scope.dispose();
});

it('applies a burst in a few transactions, in order, each message settled on its own', async () => {
  await publishAcked(
    nc,
    Array.from({ length: COUNT }, (_, n) => ({ subject: `${ns}.batch.${n % 4}`, payload: JSON.stringify({ n }), messageId: `m-${n}` })),
  );
  // As if a process had applied it and died before its ack: the redelivery must change nothing.
  await orm.em
    .getConnection()
    .execute(`insert into batch_test.processed_message (consumer, message_id, processed_at) values ('batch', ?, now())`, [`m-${APPLIED_BEFORE}`]);
  const outcomes = new Map<string, string>();
  let allSettled!: () => void;
  const settled = new Promise<void>((resolve) => (allSettled = resolve));
  const consumer = new DurableConsumer({
    nc,
    em: orm.em,
    logger: createLogger('consumer-batch', 'silent'),
    stream,
    durableName: 'batch',
    filterSubject: `${ns}.batch.>`,
    schema: z.object({ n: z.number() }),
    maxBatch: 64,
    handle: async ({ n }, em) => {
      await em.getConnection().execute(`insert into batch_test.applied (n, tx) values (?, txid_current())`, [n], 'run', em.getTransactionContext());
      if (n === REFUSED) throw new ConflictError('refused by a domain rule');
    },
    onSettled: ({ messageId, outcome }) => {
      outcomes.set(messageId, outcome);
      if (outcomes.size === COUNT) allSettled();
    },
  });
  await consumer.start();
  try {
    await settled;
  } finally {
    await consumer.stop();
  }

  const applied = await orm.em.getConnection().execute<Array<{ n: number; tx: string }>>(`select n, tx from batch_test.applied order by id`);
  const expected = Array.from({ length: COUNT }, (_, n) => n).filter((n) => n !== REFUSED && n !== APPLIED_BEFORE);
  expect(applied.map((row) => row.n)).toEqual(expected);
  expect(outcomes.get(`m-${REFUSED}`)).toBe('terminated');
  expect(outcomes.get(`m-${APPLIED_BEFORE}`)).toBe('duplicate');
  expect([...outcomes.values()].filter((outcome) => outcome === 'applied')).toHaveLength(COUNT - 2);
  // One message per transaction would be 198; the batch holding the refused message is applied one by one.
  expect(new Set(applied.map((row) => row.tx)).size).toBeLessThanOrEqual(80);
  const processed = await orm.em.getConnection().execute<Array<{ count: number }>>(`select count(*)::int as count from batch_test.processed_message`);
  expect(processed[0]!.count).toBe(COUNT - 1);
});

it('leaves a handler idempotent by itself to its own statements: no processed-message rows, each message applied once', async () => {
  const count = 100;
  // Every message twice under distinct ids, so JetStream's duplicate window keeps both: the handler's insert skips the second.
  await publishAcked(
    nc,
    Array.from({ length: count * 2 }, (_, i) => ({ subject: `${ns}.batch.idem`, payload: JSON.stringify({ n: i % count }), messageId: `i-${i}` })),
  );
  const outcomes: string[] = [];
  let allSettled!: () => void;
  const settled = new Promise<void>((resolve) => (allSettled = resolve));
  const keep = (em: EntityManager, values: number[]) =>
    em
      .getConnection()
      .execute(`insert into batch_test.kept (n) select jsonb_array_elements_text(?::jsonb)::int on conflict do nothing`, [JSON.stringify(values)], 'run');
  const consumer = new DurableConsumer({
    nc,
    em: orm.em,
    logger: createLogger('consumer-batch', 'silent'),
    stream,
    durableName: 'idempotent',
    filterSubject: `${ns}.batch.idem`,
    schema: z.object({ n: z.number() }),
    maxBatch: 64,
    idempotent: true,
    handle: ({ n }, em) => keep(em, [n]),
    handleBatch: (messages, em) =>
      keep(
        em,
        messages.map(({ n }) => n),
      ),
    onSettled: ({ outcome }) => {
      outcomes.push(outcome);
      if (outcomes.length === count * 2) allSettled();
    },
  });
  await consumer.start();
  try {
    await settled;
  } finally {
    await consumer.stop();
  }
  expect(outcomes.every((outcome) => outcome === 'applied')).toBe(true);
  const [kept] = await orm.em.getConnection().execute<Array<{ count: number }>>(`select count(*)::int as count from batch_test.kept`);
  expect(kept!.count).toBe(count);
  const [claims] = await orm.em
    .getConnection()
    .execute<Array<{ count: number }>>(`select count(*)::int as count from batch_test.processed_message where consumer = 'idempotent'`);
  expect(claims!.count).toBe(0);
});
