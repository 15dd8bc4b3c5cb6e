import { fileURLToPath } from 'node:url';
import { composeSupergraph, CompositionError, discoverSubgraphs } from '@hub/shared/federation/composition';

const subgraphsDir = fileURLToPath(new URL('../../subgraphs', import.meta.url));

it('composes every subgraph of the repository without errors or unaccepted hints', async () => {
  const subgraphs = await discoverSubgraphs(subgraphsDir);
  expect(subgraphs.map((s) => s.name)).toEqual(['core-orders', 'fulfilment', 'region-cn', 'region-de', 'region-sea', 'tracking']);
  const supergraph = composeSupergraph(subgraphs);
  const orderType = /type Order\b[^{]*\{([^}]*)\}/.exec(supergraph)?.[1] ?? '';
  const fields = [...orderType.matchAll(/^\s*(\w+)[(:]/gm)].map((match) => match[1]);
  expect(fields).toEqual(expect.arrayContaining(['id', 'status', 'timeline', 'cn', 'de', 'sea', 'shipments', 'fulfilment', 'tracking']));
});

it('fails on a subgraph that contradicts another', async () => {
  const subgraphs = await discoverSubgraphs(subgraphsDir);
  const broken = {
    name: 'region-xx',
    url: 'http://127.0.0.1:1/graphql',
    sdl: `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
      type Order @key(fields: "id") { id: ID! status: Int }`,
  };
  expect(() => composeSupergraph([...subgraphs, broken])).toThrow(CompositionError);
});
