import type { NatsConnection } from '@nats-io/transport-node';
import { DomainError, ServiceUnavailableError, type ErrorCode } from '../errors.js';
import { coreReplySchema, type OrderSnapshot, type RegisterOrderRequest, type TransitionOrderRequest } from './contracts.js';
import type { Subjects } from './subjects.js';

const ATTEMPTS = 3;
/**
 * Each attempt's deadline. All attempts with their pauses (≈ 7.5 s) end before the gateway's subgraph
 * deadline (10 s), so a placement while core or NATS is down is answered SERVICE_UNAVAILABLE by the region
 * itself, and the order is registered later by the sweep.
 */
const TIMEOUT_MS = 2_000;

/**
 * A region's line to core. Every request is idempotent on core's side (idempotency key, or the target
 * status and version), so a timed-out request is simply sent again.
 */
export class CoreClient {
  constructor(private readonly nc: NatsConnection, private readonly subjects: Subjects) {}

  registerOrder(request: RegisterOrderRequest): Promise<OrderSnapshot> {
    return this.request(this.subjects.registerOrder, request);
  }

  transitionOrder(request: TransitionOrderRequest): Promise<OrderSnapshot> {
    return this.request(this.subjects.transitionOrder, request);
  }

  private async request(subject: string, body: unknown): Promise<OrderSnapshot> {
    let lastError: unknown;
    for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
      try {
        const message = await this.nc.request(subject, JSON.stringify(body), { timeout: TIMEOUT_MS });
        const reply = coreReplySchema.parse(message.json());
        if (reply.ok) return reply.order;
        throw new DomainError(reply.code as ErrorCode, reply.message, reply.details);
      } catch (error) {
        if (error instanceof DomainError) throw error;
        lastError = error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt * attempt));
      }
    }
    throw new ServiceUnavailableError('The order registry is not reachable; retry with the same idempotency key', { cause: lastError });
  }
}
