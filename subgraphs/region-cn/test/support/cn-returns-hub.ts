import { randomUUID } from 'node:crypto';
import type { NatsConnection } from '@nats-io/transport-node';
import { createCoreApp } from '@hub/core-orders/app';
import type { Principal } from '@hub/shared/auth/principal';
import type { CommandReply, OrderStatus } from '@hub/shared/messaging/contracts';
import { subjectsFor } from '@hub/shared/messaging/subjects';
import { startRegion, type RegionApp } from '@hub/shared/region/region-app';
import { connectTestNats, createTestScope, postGraphQL, waitFor, type TestScope } from '@hub/shared/testing/harness';
import { createCnRegion } from '../../src/region.js';
import { regionTestEnv } from './region-test-env.js';
import { publishTestCatalogue } from '@hub/shared/catalogue/testing/test-catalogue';

type Settled = { messageId: string; outcome: string };
type GraphQLResult = Awaited<ReturnType<typeof postGraphQL<any>>>;

export interface CnReturnsHub {
  scope: TestScope;
  core: { url: string; orm: RegionApp['orm'] };
  region: RegionApp;
  /** Sends a status step to core as another subgraph (fulfilment, a carrier) would, through core's command endpoint. */
  sendToCore(orderId: string, to: OrderStatus, commandId?: string, occurredAt?: Date): Promise<CommandReply>;
  /** Resolves once region-cn's commands have all reached core (accepted or refused). */
  commandsSettled(): Promise<void>;
  /** Moves region-cn's clock forward; `resetClock` brings it back to real time. */
  advance(ms: number): void;
  resetClock(): void;
  customer(subject: string): Promise<string>;
  staff(role: Principal['role'], subject?: string, regions?: string[]): Promise<string>;
  gql(query: string, variables: Record<string, unknown>, bearer: string): Promise<GraphQLResult>;
  coreGql(query: string, variables: Record<string, unknown>, bearer: string): Promise<GraphQLResult>;
  place(customer: string, input: Record<string, unknown>): Promise<string>;
  deliver(orderId: string, signedAt?: Date): Promise<void>;
  settledEvent(messageId: string): Promise<Settled>;
  /** Resolves once region-cn's copy of the order rules holds this publication of the rule set (already held counts). */
  rulesApplied(ruleSet: string, publication: number): Promise<void>;
  close(): Promise<void>;
}

const TO_SIGNED: OrderStatus[] = ['PAID', 'PICKED', 'PACKED', 'OUTBOUND', 'FIRST_SCAN', 'OUT_FOR_DELIVERY', 'SIGNED'];

export const ADDRESS = {
  recipientName: '王芳',
  recipientPhone: '13900139000',
  province: '浙江省',
  city: '杭州市',
  district: '西湖区',
  street: '文三路 100 号',
};

/**
 * Real core and region-cn in this process, on the test's own database and NATS namespace, with a clock the
 * test can move forward (`advance`) to cross deadlines without waiting.
 */
export async function startCnReturnsHub(label: string): Promise<CnReturnsHub> {
  const scope = createTestScope(label);
  const catalogueVersion = await publishTestCatalogue(scope.env, [
    {
      region: 'cn',
      currencies: ['CNY'],
      items: [
        { sku: 'TEA-1', unitPrice: 5000, category: 'GROCERY' },
        { sku: 'CUP-1', unitPrice: 3000, category: 'HOME' },
        { sku: 'CAKE-1', unitPrice: 2000, category: 'FRESH_FOOD', cnReturnClass: 'FRESH_PERISHABLE', euTaxClass: 'REDUCED' },
        { sku: 'CREAM-1', unitPrice: 20000, category: 'COSMETICS', cnReturnClass: 'UNSEALING_AFFECTS_SAFETY_OR_QUALITY' },
        { sku: 'EAR-1', unitPrice: 20000, category: 'ELECTRONICS', cnReturnClass: 'ACTIVATION_OR_TRIAL_DEVALUES' },
      ],
    },
  ]);
  let offsetMs = 0;
  const history: Settled[] = [];
  const listeners = new Set<(outcome: Settled) => void>();
  const core = await createCoreApp({ ...scope.env, PORT: 0 });
  const clock = () => new Date(Date.now() + offsetMs);
  const definition = createCnRegion({ clock });
  const applied: Array<{ ruleSet: string; publication: number }> = [];
  const appliedListeners = new Set<(held: { ruleSet: string; publication: number }) => void>();
  const region: RegionApp = await startRegion(definition, regionTestEnv(scope.env), {
    clock,
    onRulesApplied: ({ ruleSet, publication }) => {
      applied.push({ ruleSet, publication });
      appliedListeners.forEach((listener) => listener({ ruleSet, publication }));
    },
    onOrderEventSettled: (outcome) => {
      history.push(outcome);
      listeners.forEach((listener) => listener(outcome));
    },
  });
  await region.catalogue.whenAt(catalogueVersion);
  const nc: NatsConnection = await connectTestNats(scope.env);
  const subjects = subjectsFor(scope.env.NATS_NAMESPACE);
  const sendToCore = async (orderId: string, to: OrderStatus, commandId = randomUUID(), occurredAt = new Date()): Promise<CommandReply> => {
    const command = {
      commandId,
      source: 'fulfilment-test',
      orderId,
      sequence: 1,
      kind: 'order.transition',
      body: { to, occurredAt: occurredAt.toISOString(), actor: { type: to === 'SIGNED' ? 'carrier' : 'system', id: 'fulfilment' } },
    };
    return (await nc.request(subjects.coreCommands(command.source), JSON.stringify(command), { timeout: 5_000 })).json<CommandReply>();
  };
  const tokens = new Map<string, string>();

  const token = async (principal: Principal) => {
    const key = JSON.stringify(principal);
    if (!tokens.has(key)) tokens.set(key, await scope.token(principal));
    return tokens.get(key)!;
  };

  /** Resolves once region-cn has applied the event with this message id (already applied counts). */
  const settledEvent = (messageId: string) => {
    const waiter = waitFor<Settled>((outcome) => outcome.messageId === messageId);
    listeners.add(waiter.push);
    history.forEach(waiter.push);
    return waiter.done.finally(() => listeners.delete(waiter.push));
  };

  return {
    scope,
    core,
    region,
    sendToCore,
    commandsSettled: () => region.commands.whenIdle(),
    advance(ms: number) {
      offsetMs += ms;
    },
    resetClock() {
      offsetMs = 0;
    },
    customer: (subject: string) => token({ subject, role: 'customer', regions: ['cn'] }),
    staff: (role: Principal['role'], subject = `${role}-1`, regions = ['cn']) => token({ subject, role, regions }),
    gql: (query, variables, bearer) => postGraphQL(region.url, query, variables, bearer),
    coreGql: (query, variables, bearer) => postGraphQL(core.url, query, variables, bearer),

    async place(customer: string, input: Record<string, unknown>): Promise<string> {
      const result = await postGraphQL(
        region.url,
        `mutation($input: PlaceCnOrderInput!) { placeCnOrder(input: $input) { id } }`,
        {
          input: { idempotencyKey: randomUUID(), customer: { name: '王芳', phone: '13900139000' }, shippingAddress: ADDRESS, ...input },
        },
        await token({ subject: customer, role: 'customer', regions: ['cn'] }),
      );
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      return result.data.placeCnOrder.id;
    },

    /**
     * Moves an order through fulfilment to SIGNED as core's carriers and warehouse would, once core has
     * registered it, and waits until region-cn knows. With `signedAt`, the steps are reported as having
     * happened a minute apart up to that moment (a carrier uploading its scans later).
     */
    async deliver(orderId: string, signedAt?: Date): Promise<void> {
      await region.commands.whenIdle();
      const signed = settledEvent(`order.status-changed:${orderId}:${TO_SIGNED.length + 1}`);
      for (const [index, to] of TO_SIGNED.entries()) {
        const occurredAt = signedAt && new Date(signedAt.getTime() - (TO_SIGNED.length - 1 - index) * 60_000);
        const reply = await sendToCore(orderId, to, undefined, occurredAt);
        if (reply.outcome !== 'accepted') throw new Error(`core did not move ${orderId} to ${to}: ${JSON.stringify(reply)}`);
      }
      await signed;
    },

    settledEvent,

    async rulesApplied(ruleSet: string, publication: number): Promise<void> {
      const waiter = waitFor<{ ruleSet: string; publication: number }>((held) => held.ruleSet === ruleSet && held.publication >= publication);
      appliedListeners.add(waiter.push);
      applied.forEach(waiter.push);
      await waiter.done.finally(() => appliedListeners.delete(waiter.push));
    },

    async close() {
      await nc.close();
      await region.close();
      await core.close();
      await scope.dispose();
    },
  };
}
