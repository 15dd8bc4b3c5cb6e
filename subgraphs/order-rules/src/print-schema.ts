import { writeFile } from 'node:fs/promises';
import { buildSubgraphSchemaOf } from '@hub/shared/subgraph/subgraph-app';
import { orderRulesSubgraph, type OrderRulesDeps } from './app.js';

/** Writes the subgraph's SDL beside its code, where the gateway's composition step reads it. */
const { sdl } = await buildSubgraphSchemaOf(orderRulesSubgraph(), { clock: () => new Date() } as OrderRulesDeps);
await writeFile(new URL('../schema.graphql', import.meta.url), `${sdl}\n`);
