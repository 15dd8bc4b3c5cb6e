import { z } from 'zod';
import { baseEnvSchema, portSchema, readEnv } from '@hub/shared/env';

export const trackingEnvSchema = baseEnvSchema.extend({
  PORT: portSchema(4007),
  /** The URL gateways reach this subgraph at, when it differs from the address it listens on. */
  PUBLIC_URL: z.url().optional(),
  /** Days of events kept; older partitions are dropped by the maintenance pass. */
  EVENT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** Days a parked event waits for its parcel to appear before it is moved to `parked_event_expired`. */
  PARKED_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(14),
  /** Carrier clocks drift: events up to this far in the future are accepted. */
  CLOCK_SKEW_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(5 * 60_000),
  /** How often ETAs, delay warnings, dwell alerts and task escalation are swept. */
  SWEEP_INTERVAL_MS: z.coerce.number().int().min(100).default(60_000),
  /** Most shipments one sweep pass looks at, so a backlog never turns into one huge transaction. */
  SWEEP_BATCH: z.coerce.number().int().min(1).max(10_000).default(500),
  /** Fallback poll of the command relay that sends milestones to core (a commit nudges it at once). */
  MILESTONE_SWEEP_MS: z.coerce.number().int().min(100).default(5_000),
  /** Transit assumed for a lane with no history. */
  DEFAULT_LEG_HOURS: z.coerce.number().min(0.1).default(8),
  /** Most events accepted in one HTTP or NATS batch. */
  MAX_BATCH_EVENTS: z.coerce.number().int().min(1).max(100_000).default(10_000),
});
export type TrackingEnv = ReturnType<typeof readTrackingEnv>;
export const readTrackingEnv = (source: NodeJS.ProcessEnv = process.env) => readEnv(trackingEnvSchema, source);
