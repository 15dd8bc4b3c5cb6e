import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { NoStreamForSubjectError, publishAcked } from '../src/messaging/jetstream-batch-publish.js';
import { declareStreams, isMissingStream } from '../src/messaging/streams.js';
import { connectTestNats, createTestScope } from '../src/testing/harness.js';

const scope = createTestScope('batchpub');
const ns = scope.env.NATS_NAMESPACE;
const stream = `${ns.toUpperCase()}_BATCHPUB`;
let nc: NatsConnection;

beforeAll(async () => {
  nc = await connectTestNats(scope.env);
  await declareStreams(nc, [{ name: stream, subjects: [`${ns}.batchpub.>`], maxAgeMs: 600_000 }]);
});

afterAll(async () => {
  await (await jetstreamManager(nc)).streams.delete(stream).catch(() => undefined);
  await nc?.close();
  await scope.dispose();
});

it('stores a batch in order with every ack, and drops a message published again under its id', async () => {
  const messages = Array.from({ length: 500 }, (_, i) => ({ subject: `${ns}.batchpub.${i % 3}`, payload: JSON.stringify({ i }), messageId: `m-${i}` }));
  const acks = await publishAcked(nc, messages);
  expect(acks).toHaveLength(500);
  expect(acks.every((ack) => ack.stream === stream && !ack.duplicate)).toBe(true);
  expect(acks.map((ack) => ack.seq)).toEqual(acks.map((_, i) => acks[0]!.seq + i));

  const again = await publishAcked(nc, [messages[7]!, { subject: `${ns}.batchpub.x`, payload: '{}', messageId: 'm-new' }]);
  expect(again.map((ack) => ack.duplicate)).toEqual([true, false]);
  const info = await (await jetstreamManager(nc)).streams.info(stream);
  expect(info.state.messages).toBe(501);
});

it('rejects with a missing-stream error when no stream stores the subject', async () => {
  const failure = await publishAcked(nc, [{ subject: `${ns}.nostream.1`, payload: '{}', messageId: 'lost-1' }]).catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(NoStreamForSubjectError);
  expect(isMissingStream(failure)).toBe(true);
});
