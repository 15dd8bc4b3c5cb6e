import { packageVersionBeside } from '@hub/shared/federation/schema-version';
import { createLogger } from '@hub/shared/logger';
import { readRegionEnv, startRegion } from '@hub/shared/region/region-app';
import { runUntilSignalled } from '@hub/shared/server/run-until-signalled';
import { __code__Region } from './region.js';

const env = readRegionEnv(__code__Region);
runUntilSignalled(async () => startRegion(__code__Region, env, { packageVersion: await packageVersionBeside(import.meta.url) }), createLogger('region-__code__', env.LOG_LEVEL));
