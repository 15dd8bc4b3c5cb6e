import { z } from 'zod';
import { baseEnvSchema, EnvironmentError, readEnv } from '@hub/shared/env';
import { readRegionEnv } from '@hub/shared/region/region-app';

const flag = z.enum(['true', 'false']).default('false').transform((value) => value === 'true');
const cents = z.coerce.number().int().min(0).default(0);

/** region-de's own settings, beside every region's. */
export const deEnvSchema = baseEnvSchema.pick({ NODE_ENV: true }).extend({
  /** Cross-border B2C net sales of the seller outside this service (other shops, before go-live), in cents. */
  DE_DISTANCE_SALES_PREVIOUS_YEAR_CENTS: cents,
  DE_DISTANCE_SALES_CURRENT_YEAR_CENTS: cents,
  /** The seller waived the EUR 10,000 threshold (§3c(4) S. 2 UStG). */
  DE_OSS_DESTINATION_TAXATION: flag,
  /** The seller's IOSS number (IM + 10 digits); without it imports never use the IOSS. */
  DE_IOSS_NUMBER: z.string().regex(/^IM\d{10}$/).optional(),
  DE_RETENTION_JOB_INTERVAL_MS: z.coerce.number().int().min(1_000).default(6 * 3600 * 1000),
});

/** Parses the shared region settings and region-de's own together and reports every problem at once. */
export function readDeEnv(source: NodeJS.ProcessEnv = process.env) {
  const problems: string[] = [];
  const attempt = <T>(read: () => T): T | undefined => {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof EnvironmentError)) throw error;
      problems.push(...error.problems);
      return undefined;
    }
  };
  const region = attempt(() => readRegionEnv({ defaultPort: 4003 }, source));
  const own = attempt(() => readEnv(deEnvSchema, source));
  if (problems.length > 0 || !region || !own) throw new EnvironmentError(problems);
  return { ...region, ...own };
}
export type DeEnv = ReturnType<typeof readDeEnv>;
export const DEFAULT_DE_ENV = deEnvSchema.parse({});
