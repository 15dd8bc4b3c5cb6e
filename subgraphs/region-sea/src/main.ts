import { createLogger } from '@hub/shared/logger';
import { readRegionEnv, startRegion } from '@hub/shared/region/region-app';
import { runUntilSignalled } from '@hub/shared/server/infrastructure';
import { seaRegion } from './region.js';

const env = readRegionEnv(seaRegion);
runUntilSignalled(() => startRegion(seaRegion, env), createLogger('region-sea', env.LOG_LEVEL));
