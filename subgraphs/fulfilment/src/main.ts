import { packageVersionBeside } from '@hub/shared/federation/schema-version';
import { createLogger } from '@hub/shared/logger';
import { runUntilSignalled } from '@hub/shared/server/run-until-signalled';
import { createFulfilmentApp } from './app.js';
import { readFulfilmentEnv } from './env.js';

const env = readFulfilmentEnv();
runUntilSignalled(
  async () => createFulfilmentApp(env, { packageVersion: await packageVersionBeside(import.meta.url) }),
  createLogger('fulfilment', env.LOG_LEVEL),
);
