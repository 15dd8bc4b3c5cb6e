import { createLogger } from '@hub/shared/logger';
import { runUntilSignalled } from '@hub/shared/server/run-until-signalled';
import { createGatewayApp } from './app.js';
import { readGatewayEnv } from './env.js';

const env = readGatewayEnv();
runUntilSignalled(() => createGatewayApp(env), createLogger('gateway', env.LOG_LEVEL));
