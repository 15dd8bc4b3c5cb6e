import { randomUUID } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { createCoreApp } from '@hub/core-orders/app';
import { enqueueCoreCommand } from '@hub/shared/commands/command-outbox';
import { startRegion, type RegionApp } from '@hub/shared/region/region-app';
import { connectTestNats, createTestScope, postGraphQL, waitFor } from '@hub/shared/testing/harness';
import { cnRegion } from '../src/region.js';
import { regionTestEnv } from './support/region-test-env.js';
import { publishTestCatalogue } from '@hub/shared/catalogue/testing/test-catalogue';

/** Core's outbox and region-cn's consumer across crashes at the two dangerous moments of publishing. */
const scope = createTestScope('outbox');
type Settled = { messageId: string; outcome: string };
const outcomes: Settled[] = [];
const listeners = new Set<(outcome: Settled) => void>();
let region: RegionApp;
let nc: NatsConnection;

beforeAll(async () => {
  const catalogueVersion = await publishTestCatalogue(scope.env, [
    { region: 'cn', currencies: ['CNY'], items: [{ sku: 'CUP-1', unitPrice: 3000, category: 'HOME' }] },
  ]);
  const bootstrapCore = await createCoreApp({ ...scope.env, PORT: 0 }); // creates the schema and the stream
  region = await startRegion(cnRegion, regionTestEnv(scope.env), {
    onOrderEventSettled: (outcome) => {
      outcomes.push(outcome);
      listeners.forEach((listener) => listener(outcome));
    },
  });
  await region.catalogue.whenAt(catalogueVersion);
  await bootstrapCore.close();
  nc = await connectTestNats(scope.env);
});

afterAll(async () => {
  await nc?.close();
  await region?.close();
  await scope.dispose();
});

async function placeOrder(): Promise<string> {
  const token = await scope.token({ subject: `cust-${randomUUID()}`, role: 'customer', regions: ['cn'] });
  const result = await postGraphQL(
    region.url,
    `mutation($input: PlaceCnOrderInput!) { placeCnOrder(input: $input) { id } }`,
    {
      input: {
        idempotencyKey: randomUUID(),
        customer: { name: '赵六', phone: '13700137000' },
        shippingAddress: {
          recipientName: '赵六',
          recipientPhone: '13700137000',
          province: '广东省',
          city: '深圳市',
          district: '南山区',
          street: '科技园 1 号',
        },
        // The deprecated shape with the amounts the client showed still places the order when they agree with the catalogue.
        lines: [{ sku: 'CUP-1', name: '杯子', quantity: 1, unitPrice: 3000, unitTax: 390 }],
      },
    },
    token,
  );
  expect(result.errors).toBeUndefined();
  return result.data.placeCnOrder.id;
}

async function storedMessages(): Promise<number> {
  const jsm = await jetstreamManager(nc);
  return (await jsm.streams.info(`${scope.env.NATS_NAMESPACE.toUpperCase()}_ORDERS`)).state.messages;
}

function nextApplied(orderId: string) {
  const waiter = waitFor<Settled>((o) => o.messageId === `order.placed:${orderId}:1`);
  listeners.add(waiter.push);
  return waiter.done;
}

it('delivers an event committed by a core that died before publishing it, exactly once', async () => {
  const core = await createCoreApp({ ...scope.env, PORT: 0 });
  await core.relay.stop(); // the process "dies" between commit and publish: the relay never runs
  const before = await storedMessages();
  const orderId = await placeOrder();
  await region.commands.whenIdle();
  expect(await storedMessages()).toBe(before);
  await core.close();

  const delivered = nextApplied(orderId);
  const restarted = await createCoreApp({ ...scope.env, PORT: 0 });
  expect((await delivered).outcome).toBe('applied');
  await restarted.close();
  expect(await storedMessages()).toBe(before + 1);
  expect(outcomes.filter((o) => o.messageId === `order.placed:${orderId}:1`)).toEqual([{ messageId: `order.placed:${orderId}:1`, outcome: 'applied' }]);
});

it('publishes an event once when core dies after publishing but before marking it published', async () => {
  let crashes = 1;
  const core = await createCoreApp(
    { ...scope.env, PORT: 0 },
    {
      afterOutboxPublish: () => {
        if (crashes-- > 0) throw new Error('simulated crash after publish');
      },
    },
  );
  await core.relay.stop(); // this test drives the relay's passes itself
  const before = await storedMessages();
  const orderId = await placeOrder();
  await region.commands.whenIdle();
  const delivered = nextApplied(orderId);
  await expect(core.relay.drain()).rejects.toThrow('simulated crash');
  const [{ published }] = await core.orm.em
    .fork()
    .getConnection()
    .execute<any[]>(`select count(*)::int as published from core_orders.outbox_event where published_at is not null and message_id = ?`, [
      `order.placed:${orderId}:1`,
    ]);
  expect(published).toBe(0); // the mark was rolled back with the "crash"
  await core.relay.drain(); // the next pass publishes the same message id again
  expect((await delivered).outcome).toBe('applied');
  await core.close();
  expect(await storedMessages()).toBe(before + 1); // JetStream dropped the second copy
  const rows = await region.orm.em
    .fork()
    .getConnection()
    .execute<any[]>(`select version from region_cn.regional_order_status_event where order_id = ?`, [orderId]);
  expect(rows).toEqual([{ version: 1 }]);
});

it("sends an order's commands queued while core was away once it is back, each once and in order", async () => {
  const orderId = await placeOrder(); // no core is running: region-cn answers from its own records
  await region.orm.em.fork().transactional(async (em) => {
    for (const to of ['PAID', 'PICKED'] as const) {
      await enqueueCoreCommand(em, {
        commandId: `test-step:${orderId}:${to}`,
        orderId,
        kind: 'order.transition',
        purpose: 'test.step',
        body: { to, occurredAt: new Date().toISOString(), actor: { type: 'system', id: 'fulfilment-test' } },
      });
    }
  });
  region.commands.nudge();
  const queued = await region.orm.em
    .fork()
    .getConnection()
    .execute<any[]>(`select sequence, kind, state from region_cn.core_command where order_id = ? order by sequence`, [orderId]);
  expect(queued).toEqual([
    { sequence: 1, kind: 'order.register', state: 'PENDING' },
    { sequence: 2, kind: 'order.transition', state: 'PENDING' },
    { sequence: 3, kind: 'order.transition', state: 'PENDING' },
  ]);

  const core = await createCoreApp({ ...scope.env, PORT: 0 }); // announces itself: the relay sends at once
  await region.commands.whenIdle();
  const steps = await core.orm.em
    .fork()
    .getConnection()
    .execute<any[]>(`select to_status from core_orders.order_status_change where order_id = ? order by sequence`, [orderId]);
  expect(steps.map((step) => step.to_status)).toEqual(['CREATED', 'PAID', 'PICKED']);
  await region.orm.em
    .fork()
    .getConnection()
    .execute(`update region_cn.core_command set state = 'PENDING', next_attempt_at = now() where order_id = ? and sequence = 2`, [orderId]);
  await region.commands.whenIdle(); // sent again: core answers from the step it has, adding nothing
  const [{ n }] = await core.orm.em
    .fork()
    .getConnection()
    .execute<any[]>(`select count(*)::int as n from core_orders.order_status_change where order_id = ?`, [orderId]);
  expect(n).toBe(3);
  await core.close();
});
