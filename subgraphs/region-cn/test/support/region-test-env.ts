import { readRegionEnv } from '@hub/shared/region/region-app';

/** The region's full environment for a test scope, with every other setting the starter reads at its default. */
export function regionTestEnv(env: Record<string, unknown>) {
  return readRegionEnv({ defaultPort: 0 }, { ...env, PORT: '0', COMMAND_RETRY_MAX_MS: '1000' } as NodeJS.ProcessEnv);
}
