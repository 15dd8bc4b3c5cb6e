import { createLogger } from '@hub/shared/logger';
import { runUntilSignalled } from '@hub/shared/server/run-until-signalled';
import { createCoreApp } from './app.js';
import { readCoreEnv } from './env.js';

const env = readCoreEnv();
runUntilSignalled(() => createCoreApp(env), createLogger('core-orders', env.LOG_LEVEL));
