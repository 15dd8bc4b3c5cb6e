import { packageVersionBeside } from '@hub/shared/federation/schema-version';
import { createLogger } from '@hub/shared/logger';
import { startRegion } from '@hub/shared/region/region-app';
import { runUntilSignalled } from '@hub/shared/server/run-until-signalled';
import { readDeEnv } from './env.js';
import { deRegion } from './region.js';

const env = readDeEnv();
runUntilSignalled(
  async () => startRegion(deRegion, env, { packageVersion: await packageVersionBeside(import.meta.url) }),
  createLogger('region-de', env.LOG_LEVEL),
);
