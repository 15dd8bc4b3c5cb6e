import { createLogger } from '@hub/shared/logger';
import { readRegionEnv, startRegion } from '@hub/shared/region/region-app';
import { runUntilSignalled } from '@hub/shared/server/infrastructure';
import { deRegion } from './region.js';

const env = readRegionEnv(deRegion);
runUntilSignalled(() => startRegion(deRegion, env), createLogger('region-de', env.LOG_LEVEL));
