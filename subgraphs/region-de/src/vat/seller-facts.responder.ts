import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { sellerFactsRequestSchema, sellerFactsSubject, type SellerFactsReply } from '@hub/shared/catalogue/quote/seller-facts.contract';
import type { Logger } from '@hub/shared/logger';
import { isDirectRequest } from '@hub/shared/messaging/sender-identity';
import type { MikroORM } from '@hub/shared/persistence/orm';
import type { DeSettings } from '../settings.js';
import { deSellerFacts } from './seller-facts.js';

/**
 * Answers the catalogue's quote with region-de's seller facts (seller-facts.contract.ts), read as a placement reads
 * them, so a quote of a cross-border cart decides the OSS threshold as the order will. Sums only, no personal data.
 */
export function sellerFactsResponder(nc: NatsConnection, namespace: string, orm: MikroORM, settings: DeSettings, logger: Logger) {
  let subscription: Subscription | undefined;
  const answer = async (body: unknown): Promise<SellerFactsReply> => {
    const request = sellerFactsRequestSchema.safeParse(body);
    if (!request.success) return { ok: false, reason: 'malformed request' };
    return { ok: true, facts: await deSellerFacts(orm.em.fork(), settings, request.data.dispatchCountry, request.data.taxDate) };
  };
  return {
    async start() {
      subscription = nc.subscribe(sellerFactsSubject(namespace, 'de'), {
        queue: 'region-de',
        callback: (error, message) => {
          if (error || !isDirectRequest(message)) return;
          let body: unknown;
          try {
            body = message.json();
          } catch {
            body = undefined;
          }
          answer(body).then(
            (reply) => message.respond(JSON.stringify(reply)),
            (failure: unknown) => {
              logger.error({ err: failure }, 'seller facts request failed');
              message.respond(JSON.stringify({ ok: false, reason: 'region-de could not read its sales' } satisfies SellerFactsReply));
            },
          );
        },
      });
    },
    async stop() {
      subscription?.unsubscribe();
    },
  };
}
