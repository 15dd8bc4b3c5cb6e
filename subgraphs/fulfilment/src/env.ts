import { z } from 'zod';
import { baseEnvSchema, portSchema, readEnv } from '@hub/shared/env';

export function readFulfilmentEnv(source: NodeJS.ProcessEnv = process.env) {
  return readEnv(
    baseEnvSchema.extend({
      PORT: portSchema(4006),
      PUBLIC_URL: z.url().optional(),
      /** What happens to units no node can supply: wait for stock (BACKORDER) or refuse the order (REFUSE). */
      BACKORDER_POLICY: z.enum(['BACKORDER', 'REFUSE']).default('BACKORDER'),
      /** HiGHS limits per allocation batch; the greedy plan is kept when the solver cannot beat it in time. */
      SOLVER_TIME_LIMIT_MS: z.coerce.number().int().min(10).max(60_000).default(500),
      SOLVER_MIP_REL_GAP: z.coerce.number().min(0).max(1).default(0.001),
      SOLVER_ENABLED: z
        .enum(['true', 'false'])
        .default('true')
        .transform((value) => value === 'true'),
      /**
       * Orders re-allocated per transaction when a node goes down. 1,000 costs the same CPU per order as 2,500 and
       * holds the stock rows' locks (which new placements wait on) for less than half as long.
       */
      /** How often unpaid orders whose reservation ran out (the inventory-lock rule's minutes) are released. */
      RESERVATION_SWEEP_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(15_000),
      /**
       * Orders moved per transaction when a node goes down. 2,500 rather than 1,000: 10,000 orders' notices acked in
       * 2.61–2.74 s instead of 2.89–3.12 s (bench/reallocation.mjs, PostgreSQL 0.21 instead of 0.25 ms per order), while
       * an order cancelled or picked meanwhile waits at most one chunk (about 0.65 s) for its locks; 5,000 re-plans faster
       * but its last chunk's notices leave later (2.78 s).
       */
      REALLOCATION_CHUNK: z.coerce.number().int().min(1).max(20_000).default(2_500),
      /** How often held low-carbon consignments are checked for their deadline (they never leave later than it plus this). */
      CONSOLIDATION_SWEEP_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(60_000),
    }),
    source,
  );
}
export type FulfilmentEnv = ReturnType<typeof readFulfilmentEnv>;
