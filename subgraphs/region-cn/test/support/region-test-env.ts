import { readRegionEnv } from '@hub/shared/region/region-app';

/** The region's full environment for a test scope, with every other setting the starter reads at its default. */
export function regionTestEnv(env: Record<string, unknown>) {
  return readRegionEnv({ defaultPort: 0 }, { ...env, PORT: '0', REGISTRATION_SWEEP_MS: '60000' } as NodeJS.ProcessEnv);
}
