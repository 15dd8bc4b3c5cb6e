import { readFile } from 'node:fs/promises';
import { Supergraph } from '@apollo/federation-internals';
import { readGatewayEnv } from '../src/env.js';
import { checkPersistedOperations, loadPersistedOperations } from '../src/persisted-operations/index.js';

/**
 * CI's check of the manifests against the supergraph the build composed: a subgraph change that breaks an
 * operation the mobile app ships with fails here, before any app in the field sees an error.
 */
it('validates every registered operation against the composed API schema', async () => {
  const env = readGatewayEnv({});
  const supergraphSdl = await readFile(env.SUPERGRAPH_PATH, 'utf8');
  const apiSchema = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
  const operations = await loadPersistedOperations(env.PERSISTED_OPERATIONS_DIR);
  expect(operations.all().map((operation) => operation.name)).toEqual(expect.arrayContaining(['SeaQuickOrder', 'SeaOrderStatus', 'SeaCheckoutOptions']));
  expect(checkPersistedOperations(apiSchema, operations.all())).toEqual([]);
});
