import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { ZodType } from 'zod';
import type { Principal } from '@hub/shared/auth/principal';
import { DomainError } from '@hub/shared/errors';
import type { Logger } from '@hub/shared/logger';
import { registerOrderRequestSchema, transitionOrderRequestSchema, type CoreReply, type OrderSnapshot } from '@hub/shared/messaging/contracts';
import type { Subjects } from '@hub/shared/messaging/subjects';
import type { OrderRegistrationService } from '../order-registration.service.js';
import type { OrderTransitionService } from '../order-transition.service.js';

const QUEUE_GROUP = 'core-orders';

/** Regions act on core as the system: the region's own subgraph has already authorised its caller. */
const REGION_SERVICE: Principal = { subject: 'region-service', role: 'service', regions: [] };

/**
 * Core's request/reply endpoints for regions. Replies are data, never exceptions: a domain error becomes
 * `{ ok: false, code }` the region can pass on to its caller; anything else is logged and reported as
 * INTERNAL_SERVER_ERROR, and the region retries with the same idempotency key.
 */
export function subscribeOrderRequests(
  nc: NatsConnection,
  subjects: Subjects,
  logger: Logger,
  registration: OrderRegistrationService,
  transitions: OrderTransitionService,
): Subscription[] {
  return [
    serve(nc, subjects.registerOrder, registerOrderRequestSchema, logger, (request) => registration.register(request)),
    serve(nc, subjects.transitionOrder, transitionOrderRequestSchema, logger, ({ actor, ...command }) =>
      transitions.transition(REGION_SERVICE, actor, command)),
  ];
}

function serve<T>(nc: NatsConnection, subject: string, schema: ZodType<T>, logger: Logger, handle: (request: T) => Promise<OrderSnapshot>): Subscription {
  return nc.subscribe(subject, {
    queue: QUEUE_GROUP,
    callback: (error, message) => {
      if (error) {
        logger.error({ err: error, subject }, 'request subscription failed');
        return;
      }
      void (async () => {
        let reply: CoreReply;
        const parsed = schema.safeParse(message.json());
        if (!parsed.success) {
          const field = parsed.error.issues[0]?.path.join('.') ?? '';
          reply = { ok: false, code: 'BAD_USER_INPUT', message: `Invalid request: ${field}`, details: { field } };
        } else {
          try {
            reply = { ok: true, order: await handle(parsed.data) };
          } catch (failure) {
            if (failure instanceof DomainError) {
              reply = { ok: false, code: failure.code, message: failure.message, details: failure.details };
            } else {
              logger.error({ err: failure, subject }, 'request failed');
              reply = { ok: false, code: 'INTERNAL_SERVER_ERROR', message: 'Internal error', details: {} };
            }
          }
        }
        message.respond(JSON.stringify(reply));
      })();
    },
  });
}
