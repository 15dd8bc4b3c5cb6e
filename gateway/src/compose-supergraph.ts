import { writeFile } from 'node:fs/promises';
import { composeSupergraph, discoverSubgraphs } from '@hub/shared/federation/composition';

/**
 * Writes `supergraph.graphql` from the SDL of every subgraph in the workspace, failing on any composition
 * error or hint. Run after all subgraphs are built (they print their SDL), so not part of the gateway's
 * own build: turbo only orders builds by declared dependencies, and the gateway declares none on subgraphs.
 */
const subgraphs = await discoverSubgraphs();
await writeFile(new URL('../supergraph.graphql', import.meta.url), composeSupergraph(subgraphs));
console.log(`supergraph composed from ${subgraphs.map((s) => s.name).join(', ')}`);
