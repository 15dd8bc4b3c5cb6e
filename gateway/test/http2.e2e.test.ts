import http from 'node:http';
import http2 from 'node:http2';
import net from 'node:net';
import { once } from 'node:events';
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from 'node:zlib';
import { createTestScope, postGraphQL } from '@hub/shared/testing/harness';
import { startHubProcesses, type HubProcesses } from '@hub/shared/testing/hub-processes';
import { createGatewayApp } from '../src/app.js';
import { readGatewayEnv } from '../src/env.js';
import { CONNECTION_SPECIFIC_HEADERS } from '../src/http2/http2-express-app.js';
import { loadPersistedOperations } from '../src/persisted-operations/index.js';

/**
 * The gateway's one port speaks cleartext HTTP/2 with prior knowledge (h2c) beside HTTP/1.1, with the same routes
 * and middleware: what a mobile client gets over HTTP/2 (through an edge that passes h2 on) is what it gets over
 * HTTP/1.1, in fewer header bytes. A gateway in this process against region-sea and core started as processes.
 */
const scope = createTestScope('http2');
/** Anonymous requests one address may send per minute: small, so the test can spend it. */
const ANONYMOUS_BUDGET = 6;
let hub: HubProcesses;
let gateway: { url: string; close(): Promise<void> };
let session: http2.ClientHttp2Session;
let customer: string;
let checkoutOptionsId: string;

const startGateway = () => {
  const env = {
    ...process.env,
    ...Object.fromEntries(Object.entries(scope.env).map(([key, value]) => [key, String(value)])),
    PORT: '0',
    LOG_LEVEL: 'silent',
    SUPERGRAPH_SOURCE: 'file',
    RATE_LIMIT_ANONYMOUS_PER_MINUTE: String(ANONYMOUS_BUDGET),
    ...Object.fromEntries(Object.entries(hub.urls).map(([name, url]) => [`SUBGRAPH_URL_${name.toUpperCase().replaceAll('-', '_')}`, `${url}/graphql`])),
  };
  return createGatewayApp(readGatewayEnv(env), env);
};

beforeAll(async () => {
  // seaCheckoutOptions is region-sea's alone; core is started because a region is ready once core's registry accepted it.
  hub = await startHubProcesses(scope.env, {}, undefined, { only: ['core-orders', 'region-sea'] });
  const operations = await loadPersistedOperations(readGatewayEnv({}).PERSISTED_OPERATIONS_DIR);
  checkoutOptionsId = operations.all().find((operation) => operation.name === 'SeaCheckoutOptions')!.id;
  [gateway, customer] = await Promise.all([startGateway(), scope.token({ subject: 'cust-http2', role: 'customer', regions: ['sea'] })]);
  session = await connect(gateway.url);
}, 180_000);

afterAll(async () => {
  session?.close();
  await gateway?.close();
  await hub?.close();
  await scope.dispose();
});

async function connect(url: string, localAddress?: string): Promise<http2.ClientHttp2Session> {
  const { hostname, port } = new URL(url);
  const client = http2.connect(url, { createConnection: () => net.connect({ host: hostname, port: Number(port), localAddress }) });
  await once(client, 'connect');
  return client;
}

interface H2Exchange {
  status: number;
  headers: http2.IncomingHttpHeaders;
  /** The body as it crossed the wire (possibly compressed). */
  raw: Buffer;
  json(): any;
}

/** One HTTP/2 exchange with exactly the headers given; a body goes without Content-Length, as HTTP/2 allows. */
function h2(headers: http2.OutgoingHttpHeaders, body?: Buffer | string, on = session): Promise<H2Exchange> {
  return new Promise((resolve, reject) => {
    const stream = on.request(headers, { endStream: body === undefined });
    const chunks: Buffer[] = [];
    let head: http2.IncomingHttpHeaders = {};
    stream.on('response', (received) => (head = received));
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('error', reject);
    stream.on('end', () => {
      const raw = Buffer.concat(chunks);
      const encoding = head['content-encoding'];
      const plain = encoding === 'br' ? brotliDecompressSync(raw) : encoding === 'gzip' ? gunzipSync(raw) : raw;
      resolve({ status: Number(head[':status']), headers: head, raw, json: () => JSON.parse(plain.toString('utf8')) });
    });
    if (body !== undefined) stream.end(body);
  });
}

const auth = (token = customer) => ({ authorization: `Bearer ${token}` });
const post = (body: unknown, headers: http2.OutgoingHttpHeaders = auth()) =>
  h2({ ':method': 'POST', ':path': '/graphql', 'content-type': 'application/json', ...headers }, Buffer.isBuffer(body) ? body : JSON.stringify(body));
const OPTIONS = '{ seaCheckoutOptions(country: "VN") { currency paymentMethods codLimit } }';
/** Twelve copies of the options: an answer of about 1.5 KiB, over the 1 KiB below which nothing is compressed. */
const BIG_READ = `{ ${Array.from({ length: 12 }, (_, i) => `o${i}: seaCheckoutOptions(country: "${['ID', 'TH', 'MY', 'PH', 'VN', 'SG'][i % 6]}") { currency minorUnitsPerMajor paymentMethods codLimit }`).join(' ')} }`;
const persistedGet = (headers: http2.OutgoingHttpHeaders) =>
  h2({ ':path': `/graphql?documentId=${checkoutOptionsId}&variables=${encodeURIComponent(JSON.stringify({ country: 'VN' }))}`, ...headers });

describe('GraphQL over HTTP/2', () => {
  it('answers a query with the same data as over HTTP/1.1 on the same port', async () => {
    const overHttp1 = await postGraphQL(gateway.url, OPTIONS, {}, customer);
    expect(overHttp1.data).toEqual({
      seaCheckoutOptions: { currency: 'VND', paymentMethods: ['COD', 'CARD', 'E_WALLET', 'BANK_TRANSFER'], codLimit: 10_000_000 },
    });
    const overHttp2 = await post({ query: OPTIONS });
    expect(overHttp2.status).toBe(200);
    expect(overHttp2.json()).toEqual({ data: overHttp1.data });
  });

  it.each([
    ['without Content-Length (HTTP/2 frames delimit the body)', {}],
    ['with Content-Length', { 'content-length': String(Buffer.byteLength(JSON.stringify({ query: OPTIONS }))) }],
  ])('reads a POST body sent %s', async (_label, length) => {
    const response = await post({ query: OPTIONS }, { ...auth(), ...length });
    expect(response.json().data.seaCheckoutOptions.currency).toBe('VND');
  });

  it('refuses a body over the limit with 413 though no Content-Length announced it', async () => {
    const response = await post({ query: OPTIONS, padding: 'x'.repeat(2 * 1024 * 1024) });
    expect(response.status).toBe(413);
    expect(response.json().errors[0].message).toBe('The request body is too large');
  });

  it('takes a request body compressed with brotli', async () => {
    const response = await post(brotliCompressSync(JSON.stringify({ query: OPTIONS })), { ...auth(), 'content-encoding': 'br' });
    expect(response.status).toBe(200);
    expect(response.json().data.seaCheckoutOptions.currency).toBe('VND');
  });

  it('compresses a large answer with brotli when asked, and leaves it no-store without ETag or Vary', async () => {
    const plain = await post({ query: BIG_READ });
    const compressed = await post({ query: BIG_READ }, { ...auth(), 'accept-encoding': 'br' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.raw.length).toBeGreaterThan(1024);
    expect(compressed.headers['content-encoding']).toBe('br');
    expect(compressed.raw.length).toBeLessThan(plain.raw.length / 3);
    expect(compressed.json()).toEqual(plain.json());
    expect(Object.keys(compressed.json().data)).toHaveLength(12);
    expect(compressed.headers['cache-control']).toBe('no-store');
    expect({ etag: compressed.headers.etag, vary: compressed.headers.vary }).toEqual({ etag: undefined, vary: undefined });
  });

  it('serves a persisted query by GET with its ETag, and answers 304 to If-None-Match', async () => {
    const headers = { ...auth(), 'apollo-require-preflight': '1' };
    const first = await persistedGet(headers);
    expect(first.status).toBe(200);
    expect(first.json().data.seaCheckoutOptions.currency).toBe('VND');
    expect(first.headers['cache-control']).toBe('public, max-age=3600');
    expect(first.headers.vary).toBe('Authorization, Accept-Encoding');
    expect(first.headers.etag).toEqual(expect.any(String));
    const revalidated = await persistedGet({ ...headers, 'if-none-match': String(first.headers.etag) });
    expect(revalidated.status).toBe(304);
    expect(revalidated.raw.length).toBe(0);
  });

  it("refuses a GET without the app's preflight header (Apollo's CSRF prevention)", async () => {
    const response = await persistedGet(auth());
    expect(response.status).toBe(400);
    expect(response.raw.toString()).toMatch(/CSRF|preflight/i);
  });

  it('refuses a request without a token with the same 401 and UNAUTHENTICATED error as HTTP/1.1', async () => {
    const overHttp1 = await postGraphQL(gateway.url, '{ __typename }');
    const overHttp2 = await post({ query: '{ __typename }' }, {});
    expect(overHttp1.status).toBe(401);
    expect(overHttp1.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(overHttp2.status).toBe(401);
    expect(overHttp2.json()).toEqual({ errors: overHttp1.errors });
  });
});

describe('the routes beside GraphQL over HTTP/2', () => {
  it('answers /health, and an unknown path with the JSON 404', async () => {
    const health = await h2({ ':path': '/health' });
    expect(health.json()).toEqual({ status: 'ok' });
    const unknown = await h2({ ':path': '/nowhere' });
    expect(unknown.status).toBe(404);
    expect(unknown.json().errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it("reads the client's address: one address's anonymous budget is spent, another's is not, and /metrics admits loopback only", async () => {
    const [spender, other] = await Promise.all([connect(gateway.url, '127.0.0.2'), connect(gateway.url, '127.0.0.3')]);
    try {
      const anonymous = (on: http2.ClientHttp2Session) =>
        h2({ ':method': 'POST', ':path': '/graphql', 'content-type': 'application/json' }, JSON.stringify({ query: '{ __typename }' }), on);
      const statuses: number[] = [];
      for (let i = 0; i <= ANONYMOUS_BUDGET; i += 1) statuses.push((await anonymous(spender)).status);
      expect(statuses).toEqual([...Array<number>(ANONYMOUS_BUDGET).fill(401), 429]);
      expect((await anonymous(other)).status).toBe(401);
      // METRICS_ALLOW_FROM defaults to 127.0.0.1/32 and ::1/128.
      expect((await h2({ ':path': '/metrics' })).status).toBe(200);
      expect((await h2({ ':path': '/metrics' }, undefined, spender)).status).toBe(403);
    } finally {
      spender.close();
      other.close();
    }
  });

  it('sends no connection-specific header field in any answer (RFC 9113 §8.2.2)', async () => {
    const answers = await Promise.all([
      post({ query: BIG_READ }, { ...auth(), 'accept-encoding': 'br' }),
      post({ query: '{ __typename }' }, {}),
      persistedGet({ ...auth(), 'apollo-require-preflight': '1' }),
      h2({ ':path': '/health' }),
      h2({ ':path': '/nowhere' }),
      h2({ ':method': 'POST', ':path': '/graphql', 'content-type': 'application/json', ...auth() }, '{ not json'),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 401, 200, 200, 404, 400]);
    for (const answer of answers) expect(Object.keys(answer.headers).filter((name) => CONNECTION_SPECIFIC_HEADERS.has(name))).toEqual([]);
  });
});

describe('closing', () => {
  it('closes at once with an HTTP/2 session, a kept-alive HTTP/1.1 connection and a silent connection open', async () => {
    const second = await startGateway();
    const { hostname, port } = new URL(second.url);
    /** Resolves when the gateway has ended the connection, whether by FIN or by reset. */
    const closing = (connection: net.Socket | http2.ClientHttp2Session) =>
      new Promise<void>((resolve) => connection.on('error', () => undefined).once('close', () => resolve()));
    // Connected first: the gateway accepts connections in order, so it holds this one by the time it answers the others.
    const silent = net.connect({ host: hostname, port: Number(port) });
    await once(silent, 'connect');
    const h2Session = await connect(second.url);
    expect((await h2({ ':path': '/health' }, undefined, h2Session)).status).toBe(200);
    const agent = new http.Agent({ keepAlive: true });
    const keptAlive = await new Promise<net.Socket>((resolve, reject) => {
      const request = http.get(`${second.url}/health`, { agent }, (response) => {
        response.resume();
        response.on('end', () => resolve(request.socket as net.Socket));
      });
      request.on('error', reject);
    });
    const closed = Promise.all([closing(silent), closing(h2Session), closing(keptAlive)]);
    await second.close();
    await closed;
    agent.destroy();
  });
});
