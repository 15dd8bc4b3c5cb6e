import { randomUUID } from 'node:crypto';
import type { NatsConnection } from '@nats-io/transport-node';
import type { CommandReply, OrderNoteEvent, RegisterOrderRequest } from '@hub/shared/messaging/contracts';
import { connectTestNats, createTestScope, eventually } from '@hub/shared/testing/harness';
import { createCoreApp } from '../src/app.js';
import { OrderNoteService } from '../src/orders/order-note.service.js';
import type { NoteToRecord } from '../src/orders/order-note-step.js';
import { registerInCore, sendCoreCommand } from './order-fixtures.js';

/**
 * Timeline notes (fulfilment's re-allocations after an outage) arrive in bursts and are recorded a burst at a time:
 * each note still gets its own answer, the one it would get alone, and is recorded once however often it comes.
 */
const scope = createTestScope('core-notes');
let app: Awaited<ReturnType<typeof createCoreApp>>;
let nc: NatsConnection;
let service: OrderNoteService;

beforeAll(async () => {
  app = await createCoreApp({ ...scope.env, PORT: 0 });
  nc = await connectTestNats(scope.env);
  service = new OrderNoteService(app.orm);
});

afterAll(async () => {
  await nc?.close();
  await app?.close();
  await scope.dispose();
});

async function placed(overrides: Partial<RegisterOrderRequest> = {}): Promise<string> {
  return (await registerInCore(nc, scope.env.NATS_NAMESPACE, overrides)).id;
}

interface Note {
  orderId: string;
  commandId: string;
  event?: OrderNoteEvent;
  toNode?: string;
  occurredAt?: Date;
}

function noteBody({ event = 'REALLOCATED', toNode = 'cn-hgh-fw', occurredAt = new Date() }: Note) {
  return {
    event,
    occurredAt: occurredAt.toISOString(),
    actor: { type: 'user' as const, id: 'op-outage' },
    details: { fromNode: 'cn-sha-dc', toNodes: [toNode] },
  };
}

/** Sends the notes as fulfilment's relay does, all at once: published in this order, they arrive as one burst. */
function burst(notes: Note[]): Promise<CommandReply[]> {
  return Promise.all(
    notes.map((note) =>
      sendCoreCommand(nc, scope.env.NATS_NAMESPACE, 'fulfilment', {
        commandId: note.commandId,
        orderId: note.orderId,
        kind: 'order.note',
        body: noteBody(note),
      }),
    ),
  );
}

/** A note as the command handler hands it to the service, for senders no NATS subject of the test can prove. */
function toRecord(note: Note, sender: string): NoteToRecord {
  const { event, occurredAt, details } = noteBody(note);
  return {
    actor: { type: 'user', id: 'op-outage' },
    command: { orderId: note.orderId, event, occurredAt: new Date(occurredAt), details, requestId: note.commandId, sender },
  };
}

interface StepRow {
  order_id: string;
  sequence: number;
  event: string | null;
  request_id: string | null;
  note: string | null;
  at: string;
}

async function steps(orderId: string): Promise<StepRow[]> {
  return app.orm.em
    .fork()
    .getConnection()
    .execute<StepRow[]>(`select order_id, sequence, event, request_id, note, at from core_orders.order_status_change where order_id = ? order by sequence`, [
      orderId,
    ]);
}

const id = (label: string) => `${label}-${randomUUID()}`;

it('records a burst of notes for several orders, one step each, numbered per order in arrival order, in few transactions', async () => {
  const [a, b, c] = [await placed(), await placed(), await placed()];
  const notes: Note[] = [
    { orderId: a, commandId: id('a1'), toNode: 'n-a1' },
    { orderId: b, commandId: id('b1'), toNode: 'n-b1' },
    { orderId: a, commandId: id('a2'), toNode: 'n-a2' },
    { orderId: c, commandId: id('c1'), toNode: 'n-c1', event: 'BACKORDERED' },
    { orderId: a, commandId: id('a3'), toNode: 'n-a3' },
    { orderId: b, commandId: id('b2'), toNode: 'n-b2' },
  ];
  const replies = await burst(notes);
  notes.forEach((note, index) =>
    expect(replies[index]).toEqual({ outcome: 'accepted', order: expect.objectContaining({ orderId: note.orderId, status: 'CREATED', version: 1 }) }),
  );
  const timelines = { a: await steps(a), b: await steps(b), c: await steps(c) };
  const sent = (orderId: string) => [null, ...notes.filter((note) => note.orderId === orderId).map((note) => note.commandId)];
  expect(timelines.a.map((step) => step.request_id)).toEqual(sent(a));
  expect(timelines.b.map((step) => step.request_id)).toEqual(sent(b));
  expect(timelines.c.map((step) => step.request_id)).toEqual(sent(c));
  for (const timeline of Object.values(timelines)) expect(timeline.map((step) => step.sequence)).toEqual(timeline.map((_, index) => index + 1));
  expect(timelines.a.slice(1).map((step) => step.note)).toEqual(['n-a1', 'n-a2', 'n-a3'].map((node) => `Re-allocated from cn-sha-dc to ${node}`));
  expect(timelines.c[1]).toMatchObject({ event: 'BACKORDERED', note: 'Backordered from cn-sha-dc to n-c1' });
  // A batch records its steps at one instant: six notes in fewer transactions than notes.
  const noted = Object.values(timelines).flatMap((timeline) => timeline.slice(1));
  expect(new Set(noted.map((step) => step.at)).size).toBeLessThan(notes.length);
});

it('records a note delivered twice once, whether the copy comes in the same burst or a later one, and refuses its id for another note', async () => {
  const order = await placed();
  const twice = { orderId: order, commandId: id('twice') };
  const other = { orderId: order, commandId: id('other') };
  const [first, copy, otherReply] = await burst([twice, twice, other]);
  expect(first).toEqual({ outcome: 'accepted', order: expect.objectContaining({ orderId: order, version: 1 }) });
  expect(copy).toEqual(first);
  expect(otherReply).toMatchObject({ outcome: 'accepted' });
  const conflict = { outcome: 'rejected', code: 'CONFLICT', details: { field: 'commandId' } };
  // Later: the same note again is answered the same; its id with another event, or for another order, is refused.
  const another = await placed();
  const [later, reused, elsewhere] = await burst([twice, { ...twice, event: 'BACKORDERED' }, { ...twice, orderId: another }]);
  expect(later).toEqual(first);
  expect(reused).toMatchObject(conflict);
  expect(elsewhere).toMatchObject(conflict);
  // In one burst: the id's first use is recorded, a second use for another event is refused.
  const fresh = { orderId: order, commandId: id('fresh') };
  const [applied, refused] = await burst([fresh, { ...fresh, event: 'BACKORDERED' }]);
  expect(applied).toMatchObject({ outcome: 'accepted' });
  expect(refused).toMatchObject(conflict);
  expect((await steps(order)).map((step) => step.request_id)).toEqual([null, twice.commandId, other.commandId, fresh.commandId]);
  expect(await steps(another)).toHaveLength(1);
});

it('refuses an unknown order and an impossible event time each alone, recording the rest of the burst', async () => {
  const order = await placed();
  const unknown = randomUUID();
  const notes: Note[] = [
    { orderId: order, commandId: id('before') },
    { orderId: unknown, commandId: id('unknown') },
    { orderId: order, commandId: id('future'), occurredAt: new Date(Date.now() + 60 * 60 * 1000) },
    { orderId: order, commandId: id('after') },
  ];
  const [before, missing, future, after] = await burst(notes);
  expect(before).toMatchObject({ outcome: 'accepted' });
  expect(missing).toMatchObject({ outcome: 'rejected', code: 'NOT_FOUND' });
  expect(future).toMatchObject({ outcome: 'rejected', code: 'BAD_USER_INPUT', details: { field: 'occurredAt' } });
  expect(after).toMatchObject({ outcome: 'accepted' });
  expect((await steps(order)).map((step) => [step.sequence, step.request_id])).toEqual([
    [1, null],
    [2, notes[0]!.commandId],
    [3, notes[3]!.commandId],
  ]);
});

it("refuses a region's note on another region's order, also on a known command id, recording the rest of the batch", async () => {
  const cn = await placed();
  const de = await placed({ region: 'de', currency: 'EUR' });
  const recorded = { orderId: cn, commandId: id('recorded') };
  const [accepted] = await burst([recorded]);
  expect(accepted).toMatchObject({ outcome: 'accepted' });
  // Only fulfilment may send notes over NATS; the rule behind it holds for any sender the service is handed.
  const outcomes = await service.noteAll([
    toRecord({ orderId: cn, commandId: id('neighbour') }, 'region-de'),
    toRecord({ orderId: de, commandId: id('own') }, 'region-de'),
    toRecord(recorded, 'region-de'),
    toRecord({ orderId: cn, commandId: id('fulfilment') }, 'fulfilment'),
  ]);
  const refused = { ok: false, error: expect.objectContaining({ code: 'FORBIDDEN', details: { refusal: 'NOT_THE_ORDERS_REGION' } }) };
  expect(outcomes).toEqual([
    refused,
    { ok: true, value: expect.objectContaining({ orderId: de, region: 'de' }) },
    refused,
    { ok: true, value: expect.objectContaining({ orderId: cn, region: 'cn' }) },
  ]);
  expect((await steps(cn)).map((step) => step.request_id)).toEqual([null, recorded.commandId, expect.stringMatching(/^fulfilment-/)]);
  expect(await steps(de)).toHaveLength(2);
});

it('records each note alone when its batch fails as a whole, as when a copy racing in another transaction takes a command id', async () => {
  const [raced, bystander] = [await placed(), await placed()];
  const twin = { orderId: raced, commandId: id('twin') };
  const other = { orderId: bystander, commandId: id('bystander') };
  let outcomes: ReturnType<OrderNoteService['noteAll']> | undefined;
  await app.orm.em.fork().transactional(async (em) => {
    const connection = em.getConnection();
    // The twin's step, written and not yet committed: the batch does not see it, and waits for this transaction.
    await connection.execute(
      `insert into core_orders.order_status_change (order_id, sequence, from_status, to_status, at, occurred_at, actor_type, actor_id, note, event, details, request_id, order_version)
       values (?, 2, 'CREATED', 'CREATED', now(), now(), 'user', 'op-outage', 'twin', 'REALLOCATED', '{"toNodes":[]}', ?, 1)`,
      [raced, twin.commandId],
      'run',
      em.getTransactionContext(),
    );
    outcomes = service.noteAll([toRecord(twin, 'fulfilment'), toRecord(other, 'fulfilment')]);
    const waiting = () =>
      app.orm.em
        .fork()
        .getConnection()
        .execute<Array<{ n: number }>>(`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`);
    await eventually(waiting, ([row]) => row!.n > 0);
  });
  expect(await outcomes).toEqual([
    { ok: true, value: expect.objectContaining({ orderId: raced }) },
    { ok: true, value: expect.objectContaining({ orderId: bystander }) },
  ]);
  expect((await steps(raced)).map((step) => [step.sequence, step.request_id, step.note])).toEqual([
    [1, null, null],
    [2, twin.commandId, 'twin'],
  ]);
  expect((await steps(bystander)).map((step) => step.request_id)).toEqual([null, other.commandId]);
});
