import 'reflect-metadata';
import { createLogger } from '@hub/shared/logger';
import { runUntilSignalled } from '@hub/shared/server/run-until-signalled';
import { createTrackingApp } from './app.js';
import { readTrackingEnv } from './env.js';

const env = readTrackingEnv();
runUntilSignalled(() => createTrackingApp(env), createLogger('tracking', env.LOG_LEVEL));
