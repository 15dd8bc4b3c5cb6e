import { z } from 'zod';

/** A subgraph announcing itself to core's registry: who it is, where it listens, and the schema it serves. */
export const registerSubgraphRequestSchema = z.object({
  /** Region code for regions; the service name for non-regional subgraphs (core-orders itself). */
  name: z.string().regex(/^[a-z][a-z0-9-]{1,30}$/),
  region: z
    .object({
      code: z.string().regex(/^[a-z]{2,16}$/),
      displayName: z.string().min(1).max(100),
      defaultCurrency: z.string().regex(/^[A-Z]{3}$/),
      timeZone: z.string().min(1).max(64),
    })
    .optional(),
  url: z.url(),
  sdl: z.string().min(1).max(1_000_000),
  version: z.string().min(1).max(100),
});
export type RegisterSubgraphRequest = z.infer<typeof registerSubgraphRequestSchema>;

export const registerSubgraphReplySchema = z.discriminatedUnion('accepted', [
  z.object({ accepted: z.literal(true), supergraphVersion: z.number().int(), changed: z.boolean() }),
  z.object({ accepted: z.literal(false), problems: z.array(z.string()) }),
]);
export type RegisterSubgraphReply = z.infer<typeof registerSubgraphReplySchema>;

export const supergraphSchema = z.object({ version: z.number().int(), sdl: z.string() });
export type Supergraph = z.infer<typeof supergraphSchema>;

export const heartbeatSchema = z.object({
  name: z.string(),
  version: z.string(),
  at: z.iso.datetime(),
  /** What the sender's own `/ready` would answer now (absent from senders older than this field: taken as ready). */
  ready: z.boolean().optional(),
  /** The sender's recent longest event-loop delay: how starved of CPU it is. */
  eventLoopDelayMs: z.number().int().min(0).max(3_600_000).optional(),
});
export type Heartbeat = z.infer<typeof heartbeatSchema>;
