import { randomUUID } from 'node:crypto';
import type { NatsConnection } from '@nats-io/transport-node';
import type { CommandReply, RegisterOrderRequest } from '@hub/shared/messaging/contracts';
import { subjectsFor } from '@hub/shared/messaging/subjects';

let numbers = 0;

/** A valid registration of a new region-cn order, as the region's relay sends it. */
export function registration(overrides: Partial<RegisterOrderRequest> = {}): RegisterOrderRequest {
  return {
    idempotencyKey: randomUUID(),
    orderId: randomUUID(),
    number: `CN-261202-${String(++numbers).padStart(6, '0')}`,
    region: 'cn',
    channel: 'WEB',
    currency: 'CNY',
    customerRef: 'cust-1',
    shippingTotal: 0,
    discountTotal: 0,
    paymentTerms: 'PREPAID',
    placedAt: new Date().toISOString(),
    actor: { type: 'user', id: 'cust-1' },
    lines: [{ sku: 'TEA-1', name: 'Longjing tea', quantity: 2, unitPrice: 5000, unitTax: 650, attributes: { category: 'food' } }],
    ...overrides,
  };
}

/** Sends a command on `sender`'s core subject, as that sender's relay does, and returns core's reply. */
export async function sendCoreCommand(nc: NatsConnection, namespace: string, sender: string, command: Record<string, unknown>): Promise<CommandReply> {
  const reply = await nc.request(subjectsFor(namespace).coreCommands(sender), JSON.stringify({ source: sender, sequence: 1, ...command }), { timeout: 10_000 });
  return reply.json<CommandReply>();
}

/** Registers a new order as its region's relay does; core must accept it. */
export async function registerInCore(
  nc: NatsConnection,
  namespace: string,
  overrides: Partial<RegisterOrderRequest> = {},
): Promise<{ id: string; number: string }> {
  const request = registration(overrides);
  const command = { commandId: `order.register:${request.orderId}`, orderId: request.orderId, kind: 'order.register', body: request };
  const reply = await sendCoreCommand(nc, namespace, `region-${request.region}`, command);
  if (reply.outcome !== 'accepted') throw new Error(`core did not accept the registration: ${JSON.stringify(reply)}`);
  return { id: request.orderId, number: reply.order.number };
}
