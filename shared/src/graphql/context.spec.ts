import { buildSchema, graphql, type GraphQLObjectType } from 'graphql';
import type { Logger } from '../logger.js';
import type { Principal } from '../auth/principal.js';
import { forgetLoadsAroundMutations, loadBatched, type RequestContext } from './context.js';

/** Counters behind a batched loader; `bump` checks one through the loader, changes it, and answers its id for `value` to read. */
function counterSchema() {
  const counters = new Map([['a', 0]]);
  const batches: string[][] = [];
  const load = (context: RequestContext, id: string) =>
    loadBatched(
      context,
      'counters',
      async (ids: readonly string[]) => {
        batches.push([...ids]);
        return ids.map((key) => counters.get(key) ?? 0);
      },
      id,
    );
  const schema = buildSchema(`
    type Counter { id: ID! value: Int! }
    type Query { counter(id: ID!): Counter }
    type Mutation { bump(id: ID!): Counter }
  `);
  schema.getQueryType()!.getFields().counter!.resolve = (_, { id }) => ({ id });
  schema.getMutationType()!.getFields().bump!.resolve = async (_, { id }, context) => {
    counters.set(id, (await load(context, id)) + 1);
    return { id };
  };
  (schema.getType('Counter') as GraphQLObjectType).getFields().value!.resolve = ({ id }, _, context) => load(context, id);
  forgetLoadsAroundMutations(schema);
  return { schema, batches };
}

const run = (schema: ReturnType<typeof counterSchema>['schema'], source: string) =>
  graphql({ schema, source, contextValue: { principal: {} as Principal, logger: {} as Logger, loaders: new Map() } });

describe('forgetLoadsAroundMutations', () => {
  it('answers each mutation of a request with what its own change left', async () => {
    const { schema } = counterSchema();
    const result = await run(schema, 'mutation { first: bump(id: "a") { value } second: bump(id: "a") { value } }');
    expect(result).toEqual({ data: { first: { value: 1 }, second: { value: 2 } } });
  });

  it('leaves a query batching and caching across its fields', async () => {
    const { schema, batches } = counterSchema();
    const result = await run(schema, '{ one: counter(id: "a") { value } two: counter(id: "a") { value } three: counter(id: "b") { value } }');
    expect(result).toEqual({ data: { one: { value: 0 }, two: { value: 0 }, three: { value: 0 } } });
    expect(batches).toEqual([['a', 'b']]);
  });
});
