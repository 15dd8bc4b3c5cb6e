import { packageVersionBeside } from '@hub/shared/federation/schema-version';
import { createLogger } from '@hub/shared/logger';
import { readRegionEnv, startRegion } from '@hub/shared/region/region-app';
import { runUntilSignalled } from '@hub/shared/server/run-until-signalled';
import { seaRegion } from './region.js';

const env = readRegionEnv(seaRegion);
runUntilSignalled(
  async () => startRegion(seaRegion, env, { packageVersion: await packageVersionBeside(import.meta.url) }),
  createLogger('region-sea', env.LOG_LEVEL),
);
