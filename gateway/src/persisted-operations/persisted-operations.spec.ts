import { buildSchema } from 'graphql';
import { cacheControlFor } from './cache-headers.plugin.js';
import { checkPersistedOperations } from './operation-rules.js';
import { operationId, PersistedOperationManifestError, PersistedOperations, type PersistedOperation } from './persisted-operations.js';

const operation = (name: string, body: string, change: Partial<PersistedOperation> = {}): PersistedOperation => ({
  id: operationId(body),
  name,
  type: 'query',
  body,
  ...change,
});
const STATUS = operation('SeaOrderStatus', 'query SeaOrderStatus($id: ID!) { order(id: $id) { status } }', { cacheControl: { maxAge: 15, scope: 'PRIVATE' } });
const manifest = (...operations: unknown[]) => ({ source: 'app.json', content: { format: 'apollo-persisted-query-manifest', version: 1, operations } });

describe('PersistedOperations', () => {
  const registry = PersistedOperations.fromManifests([manifest(STATUS)]);

  it('finds a registered operation by its id, bare or as sha256:<id>', () => {
    expect(registry.get(STATUS.id)).toEqual(STATUS);
    expect(registry.get(`sha256:${STATUS.id}`)).toEqual(STATUS);
  });

  it.each([
    ['its first 8 digits', (id: string) => id.slice(0, 8)],
    ['a longer prefix', (id: string) => id.slice(0, 20)],
    ['a prefix as sha256:<prefix>', (id: string) => `sha256:${id.slice(0, 8)}`],
  ])('finds a registered operation by %s', (_label, shorten) => {
    expect(registry.get(shorten(STATUS.id))).toEqual(STATUS);
  });

  it.each([
    ['fewer than 8 digits', (id: string) => id.slice(0, 7)],
    ['a prefix that then differs', (id: string) => `${id.slice(0, 8)}${id[8] === '0' ? '1' : '0'}`],
    ['upper-case digits', (id: string) => id.slice(0, 8).toUpperCase()],
  ])('finds nothing by %s', (_label, shorten) => {
    expect(registry.get(shorten(STATUS.id))).toBeUndefined();
  });

  it('refuses two operations whose ids share their first 8 digits', () => {
    const clash = { ...operation('Clash', 'query Clash { __typename }'), id: `${STATUS.id.slice(0, 8)}${'0'.repeat(56)}` };
    expect(() => PersistedOperations.fromManifests([manifest(STATUS, { ...clash, id: clash.id })])).toThrow(/short id would be ambiguous/);
  });

  it('knows nothing of an unknown id', () => {
    expect(registry.get(operationId('query { order(id: "1") { status } }'))).toBeUndefined();
    expect(registry.get('sha1:abc')).toBeUndefined();
  });

  it('refuses a manifest whose operation text changed without its id', () => {
    const changed = { ...STATUS, body: STATUS.body.replace('status', 'status number') };
    expect(() => PersistedOperations.fromManifests([manifest(changed)])).toThrow(PersistedOperationManifestError);
    expect(() => PersistedOperations.fromManifests([manifest(changed)])).toThrow(/SeaOrderStatus: id is not the SHA-256 of its body/);
  });

  it.each([
    ['an operation registered twice', [manifest(STATUS), manifest(STATUS)], /registered twice/],
    ['a malformed id', [manifest({ ...STATUS, id: 'abc' })], /operations\.0\.id/],
    ['a cache policy longer than a day', [manifest({ ...STATUS, cacheControl: { maxAge: 90_000, scope: 'PRIVATE' } })], /maxAge/],
    ['another manifest format', [{ source: 'x.json', content: { format: 'relay', version: 1, operations: [] } }], /format/],
  ])('refuses %s', (_label, manifests, message) => {
    expect(() => PersistedOperations.fromManifests(manifests)).toThrow(message);
  });
});

describe('cacheControlFor', () => {
  const privately = { maxAge: 15, scope: 'PRIVATE' } as const;
  const publicly = { maxAge: 3600, scope: 'PUBLIC' } as const;
  it.each([
    ['a GET of a private query', 'GET', 'query', false, privately, 'private, max-age=15'],
    ['a GET of a public query', 'GET', 'query', false, publicly, 'public, max-age=3600'],
    ['a POST of the same query', 'POST', 'query', false, publicly, 'no-store'],
    ['a GET answered with errors', 'GET', 'query', true, privately, 'no-store'],
    ['a GET of a query without policy', 'GET', 'query', false, undefined, 'no-store'],
    ['a mutation', 'POST', 'mutation', false, privately, 'no-store'],
    ['a request that never parsed', 'GET', undefined, true, undefined, 'no-store'],
  ] as const)('%s → %s', (_label, method, operationType, hasErrors, policy, expected) => {
    expect(cacheControlFor({ method, operationType, hasErrors, policy })).toBe(expected);
  });
});

describe('checkPersistedOperations', () => {
  const schema = buildSchema(`
    type Query { order(id: ID!): Order options(country: String!): Options }
    type Mutation { place(key: String!): Order }
    type Order { id: ID! status: String! }
    type Options { currency: String! }
  `);

  it('accepts operations that validate and cache only what they may', () => {
    expect(checkPersistedOperations(schema, [STATUS, operation('Place', 'mutation Place { place(key: "k") { id } }', { type: 'mutation' })])).toEqual([]);
  });

  it.each([
    ['a field the schema lacks', operation('SeaOrderStatus', 'query SeaOrderStatus { order(id: "1") { colour } }'), 'Cannot query field "colour"'],
    ["a name other than its body's", operation('Status', STATUS.body), 'is named SeaOrderStatus in its body'],
    ["a type other than its body's", operation('Place', 'mutation Place { place(key: "k") { id } }'), 'is a mutation, not a query'],
    [
      'a cached mutation',
      operation('Place', 'mutation Place { place(key: "k") { id } }', { type: 'mutation', cacheControl: { maxAge: 5, scope: 'PRIVATE' } }),
      'only queries can be cached',
    ],
    [
      'a per-caller field cached publicly',
      operation('SeaOrderStatus', STATUS.body, { cacheControl: { maxAge: 60, scope: 'PUBLIC' } }),
      'selects order, which may differ per caller',
    ],
    ['two operations in one body', operation('A', 'query A { order(id: "1") { id } } query B { order(id: "2") { id } }'), 'must hold exactly one operation'],
    ["an id that is not its body's hash", { ...STATUS, id: operationId('something else') }, 'id is not the SHA-256 of its body'],
  ])('reports %s', (_label, op, problem) => {
    expect(checkPersistedOperations(schema, [op]).join('\n')).toContain(problem);
  });
});
