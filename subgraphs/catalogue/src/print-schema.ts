import { writeFile } from 'node:fs/promises';
import { buildSubgraphSchemaOf } from '@hub/shared/subgraph/subgraph-app';
import { catalogueSubgraph, type CatalogueDeps } from './app.js';

/** Writes the subgraph's SDL beside its code, where the gateway's composition step reads it. */
const { sdl } = await buildSubgraphSchemaOf(catalogueSubgraph(), { services: {} } as CatalogueDeps);
await writeFile(new URL('../schema.graphql', import.meta.url), `${sdl}\n`);
