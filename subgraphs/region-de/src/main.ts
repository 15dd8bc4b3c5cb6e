import { createLogger } from '@hub/shared/logger';
import { runUntilSignalled } from '@hub/shared/server/infrastructure';
import { startDeApp } from './app.js';
import { readDeEnv } from './env.js';

const env = readDeEnv();
runUntilSignalled(() => startDeApp(env), createLogger('region-de', env.LOG_LEVEL));
