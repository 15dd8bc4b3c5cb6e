import { createLogger } from '@hub/shared/logger';
import { runUntilSignalled } from '@hub/shared/server/run-until-signalled';
import { createCatalogueApp } from './app.js';
import { readCatalogueEnv } from './env.js';

const env = readCatalogueEnv();
runUntilSignalled(() => createCatalogueApp(env), createLogger('catalogue', env.LOG_LEVEL));
