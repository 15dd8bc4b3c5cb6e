import { z } from 'zod';
import { baseEnvSchema, portSchema, readEnv } from '@hub/shared/env';

export const catalogueEnvSchema = baseEnvSchema.extend({
  PORT: portSchema(4005),
  /** The URL gateways reach this subgraph at, when it differs from the address it listens on. */
  PUBLIC_URL: z.url().optional(),
});
export type CatalogueEnv = ReturnType<typeof readCatalogueEnv>;
export const readCatalogueEnv = (source: NodeJS.ProcessEnv = process.env) => readEnv(catalogueEnvSchema, source);
