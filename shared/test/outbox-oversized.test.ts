import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { createLogger } from '../src/logger.js';
import { enqueueEvent } from '../src/messaging/outbox.js';
import { OutboxRelay } from '../src/messaging/outbox-relay.js';
import type { MikroORM } from '../src/persistence/orm.js';
import { regionSchemaName } from '../src/region/region-app.js';
import { connectTestNats, createTestScope } from '../src/testing/harness.js';
import { openRegionStore } from './support/region-store.js';

/** An event larger than the NATS server takes must not hold up every event queued after it. */
const scope = createTestScope('outbox-oversized');
const schema = regionSchemaName('oversized');
const subject = `${scope.env.NATS_NAMESPACE}.oversized-test.events`;
const stream = `${scope.env.NATS_NAMESPACE.toUpperCase()}_OVERSIZED_TEST`;
let orm: MikroORM;
let nc: NatsConnection;

beforeAll(async () => {
  orm = await openRegionStore(scope, schema, 2);
  nc = await connectTestNats(scope.env);
  await (await jetstreamManager(nc)).streams.add({ name: stream, subjects: [`${scope.env.NATS_NAMESPACE}.oversized-test.>`] });
}, 60_000);

afterAll(async () => {
  await nc?.close();
  await orm?.close();
  await scope.dispose();
});

it('publishes the events queued after one the server would refuse, and leaves that one unpublished', async () => {
  const limit = nc.info!.max_payload;
  const em = orm.em.fork();
  enqueueEvent(em, subject, 'before', { n: 1 });
  enqueueEvent(em, subject, 'too-large', { blob: 'x'.repeat(limit) });
  for (let n = 2; n <= 150; n += 1) enqueueEvent(em, subject, `after-${n}`, { n });
  await em.flush();

  // Batches of 100: the oversized event sits in the first, and every batch after it still goes out in one drain.
  const published = await new OutboxRelay({ nc, em: orm.em, logger: createLogger('outbox-oversized', 'silent'), schema }).drain();

  expect(published).toBe(150);
  expect((await (await jetstreamManager(nc)).streams.info(stream)).state.messages).toBe(150);
  const unpublished = await orm.em
    .fork()
    .getConnection()
    .execute<Array<{ message_id: string }>>(`select message_id from "${schema}".outbox_event where published_at is null`);
  expect(unpublished).toEqual([{ message_id: 'too-large' }]);
});
