import { createLogger } from '@hub/shared/logger';
import { startRegion, type RegionAppOptions } from '@hub/shared/region/region-app';
import type { DeEnv } from './env.js';
import { scheduleRetentionJob } from './erasure/retention-job.js';
import { createDeRegion } from './region.js';
import { deSettingsFrom, type DeSettingsOverrides } from './settings.js';

export type DeAppOptions = RegionAppOptions & DeSettingsOverrides;

/** region-de's composition root: the shared regional starter with region-de's definition, plus the retention job. */
export async function startDeApp(env: DeEnv, options: DeAppOptions = {}) {
  const settings = deSettingsFrom(env, options);
  const region = await startRegion(createDeRegion(settings), env, options);
  const retention = scheduleRetentionJob(region.orm, createLogger('region-de', env.LOG_LEVEL), env.DE_RETENTION_JOB_INTERVAL_MS, settings.clock);
  return {
    ...region,
    settings,
    async close() {
      await retention.stop();
      await region.close();
    },
  };
}
export type DeApp = Awaited<ReturnType<typeof startDeApp>>;
