import { packageVersionBeside } from '@hub/shared/federation/schema-version';
import { createLogger } from '@hub/shared/logger';
import { runUntilSignalled } from '@hub/shared/server/run-until-signalled';
import { readSubgraphEnv } from '@hub/shared/subgraph/subgraph-app';
import { catalogueSubgraph, startCatalogue } from './app.js';

const env = readSubgraphEnv(catalogueSubgraph());
runUntilSignalled(async () => startCatalogue(env, { packageVersion: await packageVersionBeside(import.meta.url) }), createLogger('catalogue', env.LOG_LEVEL));
