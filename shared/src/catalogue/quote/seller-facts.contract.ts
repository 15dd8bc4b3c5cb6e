import type { NatsConnection } from '@nats-io/transport-node';
import { z } from 'zod';
import type { EuSellerFacts } from './region-pricing.js';

/**
 * The catalogue's `quote` asks a region for the seller facts its orders are taxed with (the region's own running
 * cross-border sales for the OSS threshold, its opt-in and IOSS registration), so a quote and the order placed from
 * the same cart decide the same VAT regime. A request and reply over NATS: only the catalogue may publish under
 * `<ns>.catalogue.`, and each region answers only its own subject. The reply carries sums, no personal data.
 */
export const sellerFactsSubject = (namespace: string, region: string): string => `${namespace}.catalogue.seller-facts.v1.${region}`;

export const sellerFactsRequestSchema = z.object({
  /** The calendar day the tax is taken for, in the region's time zone: its year is the one whose sales count. */
  taxDate: z.iso.date(),
  dispatchCountry: z.string().regex(/^[A-Z]{2}$/),
});
export type SellerFactsRequest = z.infer<typeof sellerFactsRequestSchema>;

const cents = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
export const euSellerFactsSchema = z.object({
  dispatchCountry: z.string().regex(/^[A-Z]{2}$/),
  crossBorderB2cNet: z.object({ previousYear: cents, currentYear: cents }),
  optedForDestinationTaxation: z.boolean(),
  iossRegistered: z.boolean(),
}) satisfies z.ZodType<EuSellerFacts>;

export const sellerFactsReplySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), facts: euSellerFactsSchema }),
  z.object({ ok: z.literal(false), reason: z.string() }),
]);
export type SellerFactsReply = z.infer<typeof sellerFactsReplySchema>;

/** How long a quote waits for the region: a quote is interactive, and a region that does not answer fast is down. */
const SELLER_FACTS_TIMEOUT_MS = 2_000;

/** Asks `region` for its seller facts; null when it does not answer (down, unreachable) or cannot tell. */
export async function requestSellerFacts(nc: NatsConnection, namespace: string, region: string, request: SellerFactsRequest): Promise<EuSellerFacts | null> {
  try {
    const message = await nc.request(sellerFactsSubject(namespace, region), JSON.stringify(request), { timeout: SELLER_FACTS_TIMEOUT_MS });
    const reply = sellerFactsReplySchema.safeParse(message.json());
    return reply.success && reply.data.ok ? reply.data.facts : null;
  } catch {
    return null;
  }
}
