import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { composeSupergraph, discoverSubgraphs } from '@hub/shared/federation/composition';

/** Build step: writes `supergraph.graphql` from the subgraphs' SDL, failing on any composition error or hint. */
const subgraphs = await discoverSubgraphs(fileURLToPath(new URL('../../subgraphs', import.meta.url)));
await writeFile(new URL('../supergraph.graphql', import.meta.url), composeSupergraph(subgraphs));
console.log(`supergraph composed from ${subgraphs.map((s) => s.name).join(', ')}`);
