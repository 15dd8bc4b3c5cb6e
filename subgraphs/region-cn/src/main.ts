import { packageVersionBeside } from '@hub/shared/federation/schema-version';
import { createLogger } from '@hub/shared/logger';
import { readRegionEnv, startRegion } from '@hub/shared/region/region-app';
import { runUntilSignalled } from '@hub/shared/server/run-until-signalled';
import { cnRegion } from './region.js';

const env = readRegionEnv(cnRegion);
runUntilSignalled(
  async () => startRegion(cnRegion, env, { packageVersion: await packageVersionBeside(import.meta.url) }),
  createLogger('region-cn', env.LOG_LEVEL),
);
