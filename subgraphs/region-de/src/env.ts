import { z } from 'zod';
import { readRegionEnv } from '@hub/shared/region/region-app';

const flag = z
  .enum(['true', 'false'])
  .default('false')
  .transform((value) => value === 'true');
const cents = z.coerce.number().int().min(0).default(0);

/** region-de's own settings, beside every region's. */
export const deEnvSchema = z.object({
  /** Cross-border B2C net sales of the seller outside this service (other shops, before go-live), in cents. */
  DE_DISTANCE_SALES_PREVIOUS_YEAR_CENTS: cents,
  DE_DISTANCE_SALES_CURRENT_YEAR_CENTS: cents,
  /** The seller waived the EUR 10,000 threshold (§3c(4) S. 2 UStG). */
  DE_OSS_DESTINATION_TAXATION: flag,
  /** The seller's IOSS number (IM + 10 digits); without it imports never use the IOSS. */
  DE_IOSS_NUMBER: z
    .string()
    .regex(/^IM\d{10}$/)
    .optional(),
  DE_RETENTION_JOB_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .default(6 * 3600 * 1000),
});

export const DE_DEFAULT_PORT = 4003;

/** Parses the shared region settings and region-de's own together and reports every problem at once. */
export const readDeEnv = (source: NodeJS.ProcessEnv = process.env) => readRegionEnv({ defaultPort: DE_DEFAULT_PORT, settings: deEnvSchema }, source);
export type DeEnv = ReturnType<typeof readDeEnv>;
