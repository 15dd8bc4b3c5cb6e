import { randomUUID } from 'node:crypto';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { enqueueCoreCommands, type QueuedCoreCommand } from '../src/commands/command-outbox.js';
import { CommandOutboxMigration } from '../src/commands/command-outbox.migration.js';
import { CoreCommandRelay, type CommandOutcome } from '../src/commands/command-relay.js';
import { CoreCommandRecord } from '../src/commands/core-command.entity.js';
import { createLogger } from '../src/logger.js';
import type { CommandReply } from '../src/messaging/contracts.js';
import { subjectsFor } from '../src/messaging/subjects.js';
import { openDatabase, type MikroORM } from '../src/persistence/orm.js';
import { connectTestNats, createTestScope } from '../src/testing/harness.js';
import { statementsSentBy } from '../src/testing/statements-sent.js';

/**
 * The command relay against a real NATS server and PostgreSQL: while core is away a pass tries one batch and the
 * relay backs off as a whole; a pass's verdicts are recorded in one transaction; when core is back every command
 * is accepted once, and its purpose's handler runs once, whatever was sent twice.
 */
const scope = createTestScope('command-relay');
const schema = 'relay_test';
const subjects = subjectsFor(scope.env.NATS_NAMESPACE);
const SOURCE = 'fulfilment';
const BATCH = 20;
let orm: MikroORM;
let nc: NatsConnection;

beforeAll(async () => {
  orm = await openDatabase({ clientUrl: scope.env.DATABASE_URL, schema, entities: [CoreCommandRecord], migrations: { CommandOutboxMigration }, poolSize: 1 });
  nc = await connectTestNats(scope.env);
});

afterAll(async () => {
  await nc?.close();
  await orm?.close();
  await scope.dispose();
});

/** A note core accepts, or (`refused`) one it refuses for good. */
const note = (orderId: string, n: number, refused = false): QueuedCoreCommand => ({
  commandId: `${refused ? 'refuse' : 'note'}-${orderId}-${n}`,
  orderId,
  kind: 'order.note',
  purpose: refused ? 'refused-note' : 'note',
  body: { event: 'REALLOCATED', occurredAt: new Date().toISOString(), actor: { type: 'system', id: SOURCE }, details: { toNodes: [] } },
});

async function rows(): Promise<Array<{ command_id: string; state: string; attempts: number; due: boolean; leased: boolean }>> {
  return orm.em
    .fork()
    .getConnection()
    .execute(
      `select command_id, state, attempts, next_attempt_at <= now() as due, lease_until is not null as leased from "${schema}".core_command order by id`,
    );
}

/**
 * Transactions the driver runs while `during` runs: a `begin` opens one, a statement outside one is one of its own.
 * Counted at the driver, not from the database's statistics, which also count autovacuum's work on the fresh tables.
 */
async function transactionsDuring(during: () => Promise<void>): Promise<number> {
  const { texts } = await statementsSentBy(during);
  let count = 0;
  let open = false;
  for (const text of texts.map((sent) => sent.trim())) {
    if (/^begin\b/i.test(text)) [count, open] = [count + 1, true];
    else if (/^(commit|rollback)\b/i.test(text)) open = false;
    else if (!open) count += 1;
  }
  return count;
}

/**
 * A stand-in for core: applies each command id once (as core's request ids do), refuses the `refuse-` ones, and
 * notes any command that arrives before an earlier one of its order was answered.
 */
function fakeCore(): { subscription: Subscription; received: Map<string, number>; applied: Set<string>; outOfOrder: string[] } {
  const received = new Map<string, number>();
  const applied = new Set<string>();
  const answered = new Map<string, number>();
  const outOfOrder: string[] = [];
  const subscription = nc.subscribe(subjects.coreCommands(SOURCE), {
    callback: (_error, message) => {
      const command = message.json<{ commandId: string; orderId: string; sequence: number }>();
      received.set(command.commandId, (received.get(command.commandId) ?? 0) + 1);
      if (command.sequence > (answered.get(command.orderId) ?? 0) + 1) outOfOrder.push(command.commandId);
      answered.set(command.orderId, Math.max(answered.get(command.orderId) ?? 0, command.sequence));
      let reply: CommandReply;
      if (command.commandId.startsWith('refuse-')) {
        reply = { outcome: 'rejected', code: 'NOT_FOUND', message: 'no such order', details: {} };
      } else {
        applied.add(command.commandId);
        const order = { orderId: command.orderId, number: 'N-1', region: 'cn', status: 'CREATED' as const, version: 1, grandTotal: 0, currency: 'CNY' };
        reply = { outcome: 'accepted', order };
      }
      message.respond(JSON.stringify(reply));
    },
  });
  return { subscription, received, applied, outOfOrder };
}

it('backs off as a whole while core is away, records a pass in one transaction, and delivers everything once when core is back', async () => {
  const orderIds = Array.from({ length: 30 }, () => randomUUID());
  // Two commands per order: the second may only go once the first is settled.
  const queued = orderIds.flatMap((orderId, i) => [note(orderId, 1, i % 5 === 0), note(orderId, 2)]);
  await orm.em.fork().transactional((em) => enqueueCoreCommands(em, queued));

  const handled = new Map<string, number>();
  const outcomes = new Map<string, CommandOutcome[]>();
  const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  const relay = new CoreCommandRelay({
    nc,
    orm,
    subjects,
    logger: createLogger('relay-test', 'silent'),
    schema,
    source: SOURCE,
    batchSize: BATCH,
    retry: { baseMs: 60_000, maxMs: 60_000 },
    handlers: {
      note: { onAccepted: async (_em, accepted) => accepted.forEach(({ command }) => void count(handled, command.commandId)) },
      'refused-note': { onRejected: async (_em, command) => void count(handled, command.commandId) },
    },
    onSettled: (command, outcome) => outcomes.set(command.commandId, [...(outcomes.get(command.commandId) ?? []), outcome]),
  });

  // Core away: one pass of one batch, recorded in one transaction, then the drain stops instead of trying the rest.
  const transactions = await transactionsDuring(async () => {
    expect(await relay.drain()).toBe(BATCH);
    expect(await relay.drain()).toBe(0);
  });
  // The claim and the verdicts: two transactions, none per command.
  expect(transactions).toBe(2);
  const away = await rows();
  expect(away.every((row) => row.state === 'PENDING' && !row.leased)).toBe(true);
  expect(away.filter((row) => row.attempts === 1 && !row.due)).toHaveLength(BATCH);
  expect(away.filter((row) => row.attempts === 0 && row.due)).toHaveLength(queued.length - BATCH);
  expect([...outcomes.values()].flat()).toEqual(Array(BATCH).fill('retry'));

  // Core comes back and says so: what waited is due at once, and every command is settled by core, once.
  const core = fakeCore();
  try {
    relay.start();
    await nc.flush();
    nc.publish(subjects.coreAvailable, '{}');
    await relay.whenIdle(60_000);
    await relay.stop();
    // A command whose answer was lost is sent again and answered from what core has: nothing is applied twice.
    await orm.em
      .fork()
      .getConnection()
      .execute(`update "${schema}".core_command set state = 'PENDING', settled_at = null, next_attempt_at = now() where command_id = ?`, [
        queued[3]!.commandId,
      ]);
    await relay.drain();
  } finally {
    core.subscription.unsubscribe();
  }

  const done = await rows();
  const rejected = queued.filter((command) => command.purpose === 'refused-note').map((command) => command.commandId);
  expect(done.filter((row) => row.state === 'REJECTED').map((row) => row.command_id)).toEqual(rejected);
  expect(done.filter((row) => row.state === 'ACCEPTED')).toHaveLength(queued.length - rejected.length);
  expect(core.applied.size).toBe(queued.length - rejected.length);
  for (const command of queued) {
    expect(core.received.get(command.commandId)).toBeGreaterThanOrEqual(1);
    expect(outcomes.get(command.commandId)!.filter((outcome) => outcome !== 'retry')).toHaveLength(command === queued[3] ? 2 : 1);
  }
  expect(core.received.get(queued[3]!.commandId)).toBe(2);
  expect(core.outOfOrder).toEqual([]);
  // Each handler ran once per settlement: the command sent again after its reset ran its handler with the new verdict.
  expect(handled.size).toBe(queued.length);
  expect([...handled.entries()].filter(([, times]) => times > 1).map(([id]) => id)).toEqual([queued[3]!.commandId]);
}, 90_000);
