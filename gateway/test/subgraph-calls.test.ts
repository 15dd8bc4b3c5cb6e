import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayContext } from '../src/context.js';
import { AuthForwardingDataSource } from '../src/auth-forwarding.data-source.js';

/**
 * The gateway's subgraph calls against a stub subgraph that counts what reaches it: identical queries in flight
 * at once make one call, nothing is shared across callers, operations, variables or mutations, and a subgraph that
 * is frozen, failing or gone becomes SERVICE_UNAVAILABLE, while its refusal of the caller's input or credentials keeps
 * its own code.
 */
let server: http.Server;
let url: string;
const received: Array<{ authorization: string | undefined; trace: string | undefined; body: string }> = [];

beforeAll(async () => {
  server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      if (body.includes('frozen')) return; // never answers: the caller's deadline has to end the call
      if (body.includes('broken')) return void response.writeHead(502).end('<html>bad gateway</html>');
      received.push({ authorization: request.headers.authorization, trace: request.headers['apollo-federation-include-trace'] as string | undefined, body });
      const { variables } = JSON.parse(body) as { variables?: { id?: string } };
      const canned = CANNED[variables?.id ?? ''];
      if (canned) return void response.writeHead(canned.status, { 'content-type': canned.type ?? 'application/json' }).end(canned.body);
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ data: { order: { id: variables?.id ?? 'none', status: 'PLACED' } } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  received.length = 0;
});

/** Answers the stub gives for these order ids instead of an order. */
const CANNED: Record<string, { status: number; body: string; type?: string }> = {
  refused: { status: 400, body: JSON.stringify({ errors: [{ message: 'id is malformed', extensions: { code: 'BAD_USER_INPUT', field: 'id' } }] }) },
  'refused-by-a-failing-subgraph': { status: 500, body: JSON.stringify({ errors: [{ message: 'id is malformed', extensions: { code: 'BAD_USER_INPUT' } }] }) },
  anonymous: { status: 401, body: '' },
  forbidden: { status: 403, body: 'no', type: 'text/plain' },
  'partly-failed': {
    status: 200,
    body: JSON.stringify({ data: { order: null }, errors: [{ message: 'Order not found', path: ['order'], extensions: { code: 'NOT_FOUND' } }] }),
  },
  'not-graphql': { status: 200, body: '<html>hello</html>', type: 'text/html' },
};

const READ = 'query($id:ID!){order(id:$id){id status}}';
const WRITE = 'mutation($id:ID!){cancelOrder(id:$id){id status}}';

function call(source: AuthForwardingDataSource, { query = READ, id = 'o-1', token = 'token-a' } = {}) {
  const context = { authorization: `Bearer ${token}` } as GatewayContext;
  const options = {
    kind: 'incoming operation',
    request: { query, variables: { id } },
    context,
    incomingRequestContext: { context },
  } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>;
  return source.process(options);
}

const newSource = () => new AuthForwardingDataSource({ name: 'stub', url, timeoutMs: 5_000 });

it('makes one subgraph call for identical queries in flight at once, and gives each caller its own copy', async () => {
  const source = newSource();
  const answers = await Promise.all(Array.from({ length: 20 }, () => call(source)));
  expect(received).toHaveLength(1);
  expect(received[0]!.authorization).toBe('Bearer token-a');
  expect(answers.map((answer) => answer.data)).toEqual(Array(20).fill({ order: { id: 'o-1', status: 'PLACED' } }));
  // The gateway writes into what a subgraph answered (entity type names, merged fields): callers must not see each other's.
  (answers[0]!.data as { order: { status: string } }).order.status = 'CHANGED';
  expect(answers[1]!.data).toEqual({ order: { id: 'o-1', status: 'PLACED' } });
});

it('never shares between different tokens, variables or operations', async () => {
  const source = newSource();
  await Promise.all([
    call(source, { token: 'token-a' }),
    call(source, { token: 'token-b' }),
    call(source, { token: 'token-a', id: 'o-2' }),
    call(source, { token: 'token-a', query: 'query($id:ID!){order(id:$id){id}}' }),
  ]);
  expect(received.map((request) => request.authorization).sort()).toEqual(['Bearer token-a', 'Bearer token-a', 'Bearer token-a', 'Bearer token-b']);
});

it.each([
  ['a mutation', WRITE],
  ['a document that starts with a fragment', 'fragment f on Order{id} mutation($id:ID!){cancelOrder(id:$id){...f}}'],
])('never shares %s', async (_, query) => {
  const source = newSource();
  await Promise.all(Array.from({ length: 3 }, () => call(source, { query })));
  expect(received).toHaveLength(3);
});

it('shares the short form of a query', async () => {
  const source = newSource();
  await Promise.all(Array.from({ length: 3 }, () => call(source, { query: '{order(id:"o-1"){id status}}' })));
  expect(received).toHaveLength(1);
});

it('keeps nothing once the call returned: the same query asked again reaches the subgraph again', async () => {
  const source = newSource();
  await call(source);
  await call(source);
  expect(received).toHaveLength(2);
});

it('ends a call at its deadline, for every caller sharing it, as SERVICE_UNAVAILABLE', async () => {
  const source = new AuthForwardingDataSource({ name: 'stub', url, timeoutMs: 200 });
  const calls = await Promise.allSettled([call(source, { id: 'frozen' }), call(source, { id: 'frozen' })]);
  for (const result of calls) {
    expect(result).toMatchObject({ status: 'rejected', reason: { extensions: { code: 'SERVICE_UNAVAILABLE' } } });
    expect((result as PromiseRejectedResult).reason.message).toContain('did not answer within 200 ms');
  }
});

it.each([
  ['answers 502', () => url, { id: 'broken' }, 'answered 502'],
  ['is not listening', () => 'http://127.0.0.1:1/graphql', {}, 'is not reachable'],
])('turns a subgraph that %s into SERVICE_UNAVAILABLE', async (_, target, request, why) => {
  const source = new AuthForwardingDataSource({ name: 'stub', url: target(), timeoutMs: 5_000 });
  await expect(call(source, request)).rejects.toMatchObject({ message: expect.stringContaining(why), extensions: { code: 'SERVICE_UNAVAILABLE' } });
});

it.each([
  ['refuses the input (4xx with a coded error)', 'refused', { message: 'id is malformed', extensions: { code: 'BAD_USER_INPUT', field: 'id' } }],
  ['answers 401', 'anonymous', { extensions: { code: 'UNAUTHENTICATED' } }],
  ['answers 403', 'forbidden', { extensions: { code: 'FORBIDDEN' } }],
  [
    'fails with a coded error (5xx)',
    'refused-by-a-failing-subgraph',
    { message: expect.stringContaining('answered 500'), extensions: { code: 'SERVICE_UNAVAILABLE' } },
  ],
  ['answers 200 with no GraphQL response', 'not-graphql', { message: expect.stringContaining('answered 200'), extensions: { code: 'SERVICE_UNAVAILABLE' } }],
])("maps a subgraph that %s to the caller's error", async (_, id, error) => {
  await expect(call(newSource(), { id })).rejects.toMatchObject(error);
});

it("hands the gateway a subgraph's GraphQL errors with its data, for the gateway to place in the answer", async () => {
  const answer = await call(newSource(), { id: 'partly-failed' });
  expect(answer).toEqual({ data: { order: null }, errors: [{ message: 'Order not found', path: ['order'], extensions: { code: 'NOT_FOUND' } }] });
});

it("sends the operation, its name and variables as JSON, with the gateway's own headers for the call", async () => {
  const context = { authorization: 'Bearer token-a' } as GatewayContext;
  await newSource().process({
    kind: 'incoming operation',
    request: {
      query: READ,
      operationName: 'Read',
      variables: { id: 'o-1' },
      http: { method: 'POST', url, headers: new Headers({ 'Apollo-Federation-Include-Trace': 'ftv1' }) },
    },
    context,
    incomingRequestContext: { context },
  } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>);
  expect(JSON.parse(received[0]!.body)).toEqual({ query: READ, operationName: 'Read', variables: { id: 'o-1' } });
  expect(received[0]!.trace).toBe('ftv1');
});

it('sends a call again, once, on a new connection when the subgraph closed the kept-alive one as the call went out', async () => {
  // Drops the second request each connection carries, unanswered, as a server whose keep-alive timer fired first does.
  const requestsOn = new WeakMap<object, number>();
  let reached = 0;
  const closing = http.createServer((request, response) => {
    reached += 1;
    const count = (requestsOn.get(request.socket) ?? 0) + 1;
    requestsOn.set(request.socket, count);
    if (count === 2) return void request.socket.destroy();
    request.resume().on('end', () => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ data: { order: { id: 'o-1', status: 'PLACED' } } }));
    });
  });
  await new Promise<void>((resolve) => closing.listen(0, '127.0.0.1', resolve));
  try {
    const source = new AuthForwardingDataSource({
      name: 'closing',
      url: `http://127.0.0.1:${(closing.address() as AddressInfo).port}/graphql`,
      timeoutMs: 5_000,
    });
    await call(source);
    const again = await call(source); // on the kept-alive connection, which is dropped: sent again on a new one
    expect(again.data).toEqual({ order: { id: 'o-1', status: 'PLACED' } });
    expect(reached).toBe(3);
  } finally {
    closing.closeAllConnections();
    await new Promise<void>((resolve) => closing.close(() => resolve()));
  }
});
