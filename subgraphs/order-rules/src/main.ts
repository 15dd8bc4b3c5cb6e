import { packageVersionBeside } from '@hub/shared/federation/schema-version';
import { createLogger } from '@hub/shared/logger';
import { runUntilSignalled } from '@hub/shared/server/run-until-signalled';
import { readSubgraphEnv } from '@hub/shared/subgraph/subgraph-app';
import { orderRulesSubgraph, startOrderRules } from './app.js';

const env = readSubgraphEnv(orderRulesSubgraph());
runUntilSignalled(
  async () => startOrderRules(env, { packageVersion: await packageVersionBeside(import.meta.url) }),
  createLogger('order-rules', env.LOG_LEVEL),
);
