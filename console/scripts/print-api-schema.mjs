// Writes schema.graphql: the API schema clients see through the gateway (the composed supergraph without
// its federation machinery and @inaccessible parts), composed from every subgraph's schema.graphql exactly
// as the gateway composes it. GraphQL Code Generator reads it.
import { writeFile } from 'node:fs/promises';
import { Supergraph } from '@apollo/federation-internals';
import { composeSupergraph, discoverSubgraphs } from '@hub/shared/federation/composition';
import { lexicographicSortSchema, printSchema } from 'graphql';

const supergraphSdl = composeSupergraph(await discoverSubgraphs());
const api = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
await writeFile(new URL('../schema.graphql', import.meta.url), printSchema(lexicographicSortSchema(api)));
