import { packageVersionBeside } from '@hub/shared/federation/schema-version';
import { createLogger } from '@hub/shared/logger';
import { runUntilSignalled } from '@hub/shared/server/infrastructure';
import { startDeApp } from './app.js';
import { readDeEnv } from './env.js';

const env = readDeEnv();
runUntilSignalled(async () => startDeApp(env, { packageVersion: await packageVersionBeside(import.meta.url) }), createLogger('region-de', env.LOG_LEVEL));
