import { z } from 'zod';
import { baseEnvSchema, portSchema, readEnv } from '@hub/shared/env';

export const coreEnvSchema = baseEnvSchema.extend({
  PORT: portSchema(4001),
  /** The URL gateways reach this subgraph at, when it differs from the address it listens on. */
  PUBLIC_URL: z.url().optional(),
});
export type CoreEnv = ReturnType<typeof readCoreEnv>;
export const readCoreEnv = (source: NodeJS.ProcessEnv = process.env) => readEnv(coreEnvSchema, source);
