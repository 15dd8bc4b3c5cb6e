import { randomUUID } from 'node:crypto';
import type { NatsConnection } from '@nats-io/transport-node';
import { createCoreApp } from '@hub/core-orders/app';
import type { Principal } from '@hub/shared/auth/principal';
import type { CommandReply, OrderSnapshot, OrderStatus } from '@hub/shared/messaging/contracts';
import { subjectsFor } from '@hub/shared/messaging/subjects';
import { connectTestNats, createTestScope, type TestScope } from '@hub/shared/testing/harness';
import { createTrackingApp, type TrackingApp } from '../src/app.js';
import { readTrackingEnv } from '../src/env.js';

/** core-orders and tracking in this process on one test scope, with ways to wait for what tracking applied. */
export interface TrackingTestHub {
  scope: TestScope;
  core: Awaited<ReturnType<typeof createCoreApp>>;
  tracking: TrackingApp;
  nc: NatsConnection;
  /** Registers an order with core (as a region would) and resolves once tracking has applied core's event. */
  placeOrder(options?: { region?: string; customerRef?: string; orderId?: string }): Promise<string>;
  /** Moves the master order through the given statuses as the region's system actor. */
  moveOrder(orderId: string, statuses: OrderStatus[]): Promise<void>;
  token(principal: Partial<Principal> & Pick<Principal, 'role'>): Promise<string>;
  /** Resolves with the totals of carrier NATS rounds until `predicate` holds for their sum. */
  carrierRounds(predicate: (totals: CarrierTotals) => boolean): Promise<CarrierTotals>;
  close(): Promise<void>;
}

/** What the carrier-event consumer has settled so far (messages, events stored, messages terminated). */
export interface CarrierTotals {
  messages: number;
  stored: number;
  terminated: number;
}

export async function startTrackingTestHub(label: string): Promise<TrackingTestHub> {
  const scope = createTestScope(label);
  const applied = new Set<string>();
  const waiting = new Map<string, () => void>();
  const core = await createCoreApp({ ...scope.env, PORT: 0 });
  const env = readTrackingEnv(
    Object.fromEntries(Object.entries({ ...scope.env, PORT: 0, SWEEP_INTERVAL_MS: 3_600_000, MILESTONE_SWEEP_MS: 3_600_000 }).map(([k, v]) => [k, String(v)])),
  );
  const totals: CarrierTotals = { messages: 0, stored: 0, terminated: 0 };
  const roundWaiters = new Set<() => void>();
  const tracking = await createTrackingApp(env, {
    onCarrierBatchSettled: (outcome) => {
      totals.messages += outcome.messages;
      totals.stored += outcome.stored;
      totals.terminated += outcome.terminated;
      roundWaiters.forEach((wake) => wake());
    },
    onOrderEventSettled: ({ messageId }) => {
      applied.add(messageId);
      waiting.get(messageId)?.();
    },
  });
  const nc = await connectTestNats(scope.env);
  const coreSubjects = subjectsFor(scope.env.NATS_NAMESPACE);
  const regionOf = new Map<string, string>();
  /** Sends one command to core the way a region's command relay does; anything but an acceptance fails the test. */
  const sendToCore = async (command: { orderId: string; kind: string; body: Record<string, unknown> }): Promise<OrderSnapshot> => {
    // As the order's region: only a region's own identity may register or move its orders.
    const region = String(command.body.region ?? regionOf.get(command.orderId) ?? 'test');
    regionOf.set(command.orderId, region);
    const source = `region-${region}`;
    const envelope = { commandId: randomUUID(), source, sequence: ++commandSequence, ...command };
    const reply = (await nc.request(coreSubjects.coreCommands(source), JSON.stringify(envelope), { timeout: 5_000 })).json<CommandReply>();
    if (reply.outcome !== 'accepted') throw new Error(`core did not accept ${command.kind}: ${reply.code} ${reply.message}`);
    return reply.order;
  };
  let commandSequence = 0;
  const appliedEvent = (messageId: string) =>
    applied.has(messageId)
      ? Promise.resolve()
      : new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`${messageId} not applied in time`)), 15_000);
          waiting.set(messageId, () => {
            clearTimeout(timer);
            resolve();
          });
        });
  return {
    scope,
    core,
    tracking,
    nc,
    async placeOrder({ region = 'cn', customerRef = 'cust-1', orderId = randomUUID() } = {}) {
      await sendToCore({
        orderId,
        kind: 'order.register',
        body: {
          idempotencyKey: randomUUID(),
          orderId,
          number: `${region.toUpperCase()}-261202-${String(++orderNumbers).padStart(6, '0')}`,
          region,
          channel: 'WEB',
          currency: 'CNY',
          customerRef,
          shippingTotal: 0,
          discountTotal: 0,
          paymentTerms: 'PREPAID',
          placedAt: stepTime(),
          actor: { type: 'user', id: customerRef },
          lines: [{ sku: 'TEA-1', name: 'Longjing tea', quantity: 1, unitPrice: 5000, unitTax: 650, attributes: {} }],
        },
      });
      await appliedEvent(`order.placed:${orderId}:1`);
      return orderId;
    },
    async moveOrder(orderId, statuses) {
      for (const to of statuses) {
        const order = await sendToCore({ orderId, kind: 'order.transition', body: { to, occurredAt: stepTime(), actor: { type: 'system', id: 'test' } } });
        await appliedEvent(`order.status-changed:${orderId}:${order.version}`);
      }
    },
    carrierRounds(predicate) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('carrier rounds did not settle in time')), 15_000);
        const check = () => {
          if (!predicate(totals)) return;
          clearTimeout(timer);
          roundWaiters.delete(check);
          resolve({ ...totals });
        };
        roundWaiters.add(check);
        check();
      });
    },
    token: (principal) => scope.token({ subject: 'someone', regions: [], ...principal }),
    async close() {
      await nc.close();
      await tracking?.close();
      await core?.close();
      await scope.dispose();
    },
  };
}

/** Posts a carrier batch the way a carrier's system does. */
export async function postCarrierEvents(url: string, token: string | undefined, body: unknown) {
  const response = await fetch(`${url}/carrier-events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

let orderNumbers = 0;
let steps = 0;
/** Order steps happen two hours ago, a second apart: before the carrier events, which core refuses to record before an order's previous step. */
const stepTime = () => new Date(Date.now() - 7_200_000 + ++steps * 1000).toISOString();
let sequence = 0;
/** A carrier event with a fresh id, an hour ago unless said otherwise. */
export function carrierEvent(change: Record<string, unknown> = {}) {
  sequence += 1;
  return {
    eventId: `ev-${Date.now()}-${sequence}`,
    kind: 'ARRIVED_AT_NODE',
    occurredAt: new Date(Date.now() - 3_600_000 + sequence * 1000).toISOString(),
    ...change,
  };
}
