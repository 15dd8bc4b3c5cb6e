import { readFile } from 'node:fs/promises';
import { Supergraph } from '@apollo/federation-internals';
import { getOperationAST, parse } from 'graphql';
import { operationCost } from '@hub/shared/server/operation-cost';
import { operationLimitsOf } from '@hub/shared/server/operation-limits';
import { readGatewayEnv } from '../src/env.js';
import { clientOperations } from './client-operations.js';

/**
 * The cost limit against the composed API schema: every operation the hub's own clients send fits with the
 * largest pages they may ask for, and a page of orders whose items hold pages of their own does not.
 */
const env = readGatewayEnv({});
const limit = operationLimitsOf(env).cost;
let schema: ReturnType<ReturnType<ReturnType<typeof Supergraph.build>['apiSchema']>['toGraphQLJSSchema']>;

beforeAll(async () => {
  schema = Supergraph.build(await readFile(env.SUPERGRAPH_PATH, 'utf8'))
    .apiSchema()
    .toGraphQLJSSchema();
});

const costOf = (query: string, variables: Record<string, unknown> = {}) => {
  const document = parse(query);
  return operationCost({ schema, document, operation: getOperationAST(document)!, variables });
};

it('fits every console and persisted operation, each page at its largest, under the default limit', async () => {
  const operations = await clientOperations();
  expect(operations.length).toBeGreaterThan(30);
  const over = operations
    .map((operation) => ({ name: operation.name, source: operation.source, cost: operationCost({ schema, ...operation }) }))
    .filter((weighed) => weighed.cost > limit);
  expect(over).toEqual([]);
});

it.each<[string, string, Record<string, unknown>, boolean]>([
  [
    'one page of 100 orders with lines, addresses and customers fits',
    '{ orders(first: 100) { nodes { id number status totals { grandTotal } lines { sku name quantity unitPrice } cn { customer { name } shippingAddress { city } } } } }',
    {},
    true,
  ],
  [
    'two such pages do not',
    `{ ${['a', 'b'].map((alias) => `${alias}: orders(first: 100) { nodes { id number status totals { grandTotal } lines { sku name quantity unitPrice } cn { customer { name } shippingAddress { city } } } }`).join(' ')} }`,
    {},
    false,
  ],
  [
    '100 orders with 100 tracking events each do not',
    '{ orders(first: 100) { nodes { lines { sku } tracking { shipments { events(first: 100) { nodes { id kind } } } } } } }',
    {},
    false,
  ],
  [
    '5 orders with 5 events each, from variables, fit',
    'query($o: Int, $e: Int) { orders(first: $o) { nodes { lines { sku } tracking { shipments { events(first: $e) { nodes { id kind } } } } } } }',
    { o: 5, e: 5 },
    true,
  ],
  [
    '100 of each from variables do not',
    'query($o: Int, $e: Int) { orders(first: $o) { nodes { lines { sku } tracking { shipments { events(first: $e) { nodes { id kind } } } } } } }',
    { o: 100, e: 100 },
    false,
  ],
])('%s', (_name, query, variables, accepted) => {
  expect(costOf(query, variables) <= limit).toBe(accepted);
});
