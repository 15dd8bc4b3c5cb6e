import { createLogger } from '@hub/shared/logger';
import { readRegionEnv, startRegion } from '@hub/shared/region/region-app';
import { runUntilSignalled } from '@hub/shared/server/infrastructure';
import { cnRegion } from './region.js';

const env = readRegionEnv(cnRegion);
runUntilSignalled(() => startRegion(cnRegion, env), createLogger('region-cn', env.LOG_LEVEL));
