import http from 'node:http';
import http2 from 'node:http2';
import { randomUUID } from 'node:crypto';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { createTestScope, eventually, postGraphQL } from '@hub/shared/testing/harness';
import { publishTestCatalogue } from '@hub/shared/catalogue/testing/test-catalogue';
import { startHubProcesses, type HubProcesses } from '@hub/shared/testing/hub-processes';
import { loadPersistedOperations, operationId, type PersistedOperations } from '../src/persisted-operations/index.js';
import { readGatewayEnv } from '../src/env.js';

/** The SEA mobile path through the whole hub: persisted operations, HTTP caching, compression and safe retries. */
const scope = createTestScope('sea-mobile');
let hub: HubProcesses;
let operations: PersistedOperations;
let customer: string;

beforeAll(async () => {
  // region-sea prices these from its copy of the catalogue, with Viet Nam's 10 % VAT and no shipping.
  await publishTestCatalogue(scope.env, [
    {
      region: 'sea',
      currencies: ['VND'],
      items: [
        { sku: 'CAPHE-1', unitPrice: 180_000 },
        { sku: 'TV-1', unitPrice: 12_000_000 },
        ...Array.from({ length: 40 }, (_, i) => ({ sku: `SKU-${i}`, unitPrice: 1_000 + i })),
      ],
    },
  ]);
  [hub, operations, customer] = await Promise.all([
    // Only what the mobile path reaches: all nine services took over 180 s to start beside a second copy of the suite.
    startHubProcesses(scope.env, {}, undefined, { only: ['core-orders', 'region-sea', 'gateway'] }),
    loadPersistedOperations(readGatewayEnv({}).PERSISTED_OPERATIONS_DIR),
    scope.token({ subject: 'cust-sea-mobile', role: 'customer', regions: ['sea'] }),
  ]);
}, 180_000);

afterAll(async () => {
  await hub?.close();
  await scope.dispose();
});

interface WireResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body as it crossed the wire (possibly compressed). */
  raw: Buffer;
  json(): any;
}

/** One HTTP exchange with exactly the headers given: fetch would add Accept-Encoding and decompress on its own. */
function send(method: 'GET' | 'POST', path: string, headers: Record<string, string>, body?: unknown): Promise<WireResponse> {
  const payload = body === undefined ? undefined : Buffer.isBuffer(body) ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${hub.gatewayUrl}${path}`,
      {
        method,
        headers: { ...headers, ...(payload ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) } : {}) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const raw = Buffer.concat(chunks);
          const encoding = response.headers['content-encoding'];
          const plain = encoding === 'br' ? brotliDecompressSync(raw) : encoding === 'gzip' ? gunzipSync(raw) : raw;
          resolve({ status: response.statusCode ?? 0, headers: response.headers, raw, json: () => JSON.parse(plain.toString('utf8')) });
        });
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

const idOf = (name: string) => operations.all().find((operation) => operation.name === name)!.id;
const auth = (token = customer) => ({ authorization: `Bearer ${token}` });
/** What the app sends with every GET: Apollo's CSRF prevention lets a GET through only with a header a browser form cannot set. */
const mobileGet = (token = customer) => ({ ...auth(token), 'apollo-require-preflight': '1', 'accept-encoding': 'br, gzip' });
const getPath = (documentId: string, variables: Record<string, unknown>) =>
  `/graphql?documentId=${documentId}&variables=${encodeURIComponent(JSON.stringify(variables))}`;

const ADDRESS = {
  recipientName: 'Nguyen Van An',
  recipientPhone: '0912 345 678',
  line1: '12 Ly Thuong Kiet',
  subdistrict: 'Phuong Hang Bai',
  district: 'Hoan Kiem',
  city: 'Ha Noi',
  province: 'Ha Noi',
  postalCode: '100000',
  country: 'VN',
};
const quickOrderInput = (change: Record<string, unknown> = {}) => ({
  idempotencyKey: randomUUID(),
  address: ADDRESS,
  payment: 'COD',
  lines: [{ sku: 'CAPHE-1', quantity: 2 }],
  ...change,
});
const quickOrder = (input: unknown, token = customer) => send('POST', '/graphql', auth(token), { documentId: idOf('SeaCheckout'), variables: { input } });
/** What the app shows, under the checkout operation's one-letter aliases (`o` the mutation, `c` its confirmation, `e` its refusals). */
const confirmationOf = (response: { json(): any }) => response.json().data?.o.c;

describe('persisted operations', () => {
  it('places an order by operation id and reads its status by GET, with the id and variables only', async () => {
    const placed = await quickOrder(quickOrderInput());
    expect(placed.status).toBe(200);
    const confirmation = confirmationOf(placed);
    expect(confirmation).toEqual({ id: expect.any(String), number: expect.stringMatching(/^SEA-/), total: 396_000, status: 'CREATED' });
    expect(placed.headers['cache-control']).toBe('no-store');

    // Core registers the order after region-sea answered; the app reads core's status once it has.
    const status = await eventually(
      () => send('GET', getPath(idOf('SeaOrderStatus'), { id: confirmation.id }), mobileGet()),
      (response) => !response.json().errors,
    );
    expect(status.status).toBe(200);
    expect(status.json()).toEqual({ data: { order: { status: 'CREATED' } } });
  });

  it('records the delivery option the app sends with the quick order, and reads it back by id', async () => {
    const placed = await quickOrder(quickOrderInput({ delivery: 'CONSOLIDATED' }));
    expect(placed.json().errors).toBeUndefined();
    const { id } = confirmationOf(placed);
    const read = await eventually(
      () => send('GET', getPath(idOf('SeaOrderDelivery'), { id }), mobileGet()),
      (response) => !response.json().errors,
    );
    expect(read.json().data.order.delivery).toEqual({ option: 'CONSOLIDATED', promisedBy: expect.any(String) });
    expect(read.headers['cache-control']).toContain('private');

    const unknown = await quickOrder(quickOrderInput({ delivery: 'BY_DRONE' }));
    expect(unknown.json().errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it.each([
    ['GET', 'an unknown id', operationId('query { order(id: "x") { status } }')],
    ['POST', 'an unknown id', operationId('query { order(id: "x") { status } }')],
    ['GET', 'the id of a changed operation text', operationId('query SeaOrderStatus($id: ID!) { order(id: $id) { status number } }')],
  ] as const)('answers %s of %s with PERSISTED_QUERY_NOT_FOUND, never cached', async (method, _label, documentId) => {
    const response =
      method === 'GET'
        ? await send('GET', getPath(documentId, { id: randomUUID() }), mobileGet())
        : await send('POST', '/graphql', auth(), { documentId, variables: { id: randomUUID() } });
    expect(response.status).toBe(400);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.json().errors[0]).toMatchObject({
      message: expect.stringContaining('No persisted operation'),
      extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' },
    });
  });

  it("takes a returning customer's checkout as the app sends it: compact token, saved address number, brotli body, over HTTP/2", async () => {
    // The app trades the identity provider's JWT for the compact form once.
    const jwt = await scope.token({ subject: 'cust-sea-returning', role: 'customer', regions: ['sea'] });
    const exchange = await send('POST', '/token/compact', auth(jwt));
    expect(exchange.status).toBe(200);
    const compact = exchange.json().token as string;
    expect(compact.length).toBeLessThan(jwt.length / 2);
    expect((await send('POST', '/token/compact', {})).status).toBe(401);
    const saved = await send('POST', '/graphql', auth(compact), {
      documentId: idOf('SeaAddressSave'),
      variables: { input: { label: 'Home', address: ADDRESS } },
    });
    expect(saved.json().data.seaAddressSave).toEqual({ savedAddress: { number: 1, label: 'Home' }, userErrors: [] });

    const session = http2.connect(hub.gatewayUrl);
    const answer = await new Promise<{ status: number; encoding: unknown; body: any }>((resolve, reject) => {
      // SeaCheckoutV2: the input's fields as top-level one-letter variables, the confirmation's under one-letter aliases.
      const { idempotencyKey, lines, payment } = quickOrderInput();
      const body = brotliCompressSync(
        JSON.stringify({ documentId: idOf('SeaCheckoutV2').slice(0, 8), variables: { k: idempotencyKey, l: lines, a: 1, p: payment } }),
      );
      const stream = session.request({
        ':method': 'POST',
        ':path': '/graphql',
        ...auth(compact),
        'accept-encoding': 'br, gzip',
        'content-type': 'application/json',
        'content-encoding': 'br',
      });
      const chunks: Buffer[] = [];
      let head: http2.IncomingHttpHeaders = {};
      stream.on('response', (headers) => (head = headers));
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        const plain = head['content-encoding'] === 'br' ? brotliDecompressSync(raw) : raw;
        resolve({ status: Number(head[':status']), encoding: head['content-encoding'], body: JSON.parse(plain.toString('utf8')) });
      });
      stream.on('error', reject);
      stream.end(body);
    }).finally(() => session.close());
    expect(answer.status).toBe(200);
    expect(answer.body.data.o).toEqual({ c: { i: expect.any(String), n: expect.stringMatching(/^SEA-/), t: 396_000, s: 'CREATED' }, e: [] });
    // The ~120-byte confirmation shrinks by more than `content-encoding: br` costs over HTTP/2.
    expect(answer.encoding).toBe('br');

    // The order went to the saved address, and the same compact token reads it back through the gateway.
    const order = await postGraphQL(
      hub.gatewayUrl,
      'query($id: ID!) { seaOrder(id: $id) { sea { shippingAddress { line1 city postalCode } } } }',
      { id: answer.body.data.o.c.i },
      compact,
    );
    expect(order.data.seaOrder.sea.shippingAddress).toEqual({ line1: ADDRESS.line1, city: ADDRESS.city, postalCode: ADDRESS.postalCode });
  });

  it('refuses an id sent together with operation text', async () => {
    const response = await send('POST', '/graphql', auth(), { documentId: idOf('SeaOrderStatus'), query: '{ __typename }' });
    expect(response.status).toBe(400);
    expect(response.json().errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('serves automatic persisted queries to other clients: a miss, the registration, then the hash alone', async () => {
    const query = 'query Regions { regions { code } }';
    const extensions = { persistedQuery: { version: 1, sha256Hash: operationId(query) } };
    const miss = await send('POST', '/graphql', auth(), { extensions });
    expect(miss.json().errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = await send('POST', '/graphql', auth(), { query, extensions });
    expect(registered.json().data.regions).toEqual(expect.arrayContaining([{ code: 'sea' }]));
    const hit = await send('GET', `/graphql?extensions=${encodeURIComponent(JSON.stringify(extensions))}`, mobileGet());
    expect(hit.json()).toEqual(registered.json());
  });
});

/** The order is taken at the edge; core answers reads of it once the region's command outbox delivered the registration. */
const registeredAtCore = (id: string) =>
  eventually(
    () => send('POST', '/graphql', auth(), { query: 'query($id: ID!) { order(id: $id) { id } }', variables: { id } }),
    (response) => Boolean(response.json().data?.order),
  );

describe('HTTP caching of reads', () => {
  it("lets the customer's own client keep an order read briefly (private) and revalidate it with its ETag", async () => {
    const { id } = confirmationOf(await quickOrder(quickOrderInput()));
    await registeredAtCore(id);
    const path = getPath(idOf('SeaOrderSummary'), { id });
    const first = await send('GET', path, mobileGet());
    expect(first.json().data.order).toEqual({
      number: expect.any(String),
      status: 'CREATED',
      totals: { grandTotal: 396_000 },
      sea: { payment: { method: 'COD', amountDue: 396_000 }, deliveryRefusal: null },
    });
    expect(first.headers['cache-control']).toBe('private, max-age=15');
    expect(first.headers.vary).toBe('Authorization, Accept-Encoding');
    const revalidated = await send('GET', path, { ...mobileGet(), 'if-none-match': String(first.headers.etag) });
    expect(revalidated.status).toBe(304);
    expect(revalidated.raw.length).toBe(0);
  });

  it('lets shared caches keep answers that are the same for everyone (public), and those only', async () => {
    const options = await send('GET', getPath(idOf('SeaCheckoutOptions'), { country: 'VN' }), mobileGet());
    expect(options.headers['cache-control']).toBe('public, max-age=3600');
    expect(options.headers.vary).toBe('Authorization, Accept-Encoding');
    expect(options.json()).toEqual({
      data: {
        seaCheckoutOptions: { currency: 'VND', minorUnitsPerMajor: 1, paymentMethods: ['COD', 'CARD', 'E_WALLET', 'BANK_TRANSFER'], codLimit: 10_000_000 },
      },
    });
    expect(options.raw.toString()).not.toContain('cust-sea-mobile');
  });

  it.each([
    ['the same read sent by POST', () => send('POST', '/graphql', auth(), { documentId: idOf('SeaCheckoutOptions'), variables: { country: 'VN' } })],
    ['an ad-hoc GET query', () => send('GET', `/graphql?query=${encodeURIComponent('{ regions { code } }')}`, mobileGet())],
    ['a GET answered with an error', () => send('GET', getPath(idOf('SeaCheckoutOptions'), { country: 'MM' }), mobileGet())],
  ])('marks %s no-store', async (_label, request) => {
    const response = await request();
    expect(response.status).toBeLessThan(500);
    expect(response.headers['cache-control']).toBe('no-store');
    expect({ etag: response.headers.etag, vary: response.headers.vary }).toEqual({ etag: undefined, vary: undefined });
  });

  it('takes a quick order by the first 8 digits of its id, as the app sends it', async () => {
    const response = await send('POST', '/graphql', auth(), { documentId: idOf('SeaCheckout').slice(0, 8), variables: { input: quickOrderInput() } });
    expect(confirmationOf(response)).toMatchObject({ status: 'CREATED' });
  });

  it('still takes the quick order as app versions before SeaCheckout send it (the deprecated `seaQuickOrder`)', async () => {
    const response = await send('POST', '/graphql', auth(), { documentId: idOf('SeaQuickOrder').slice(0, 8), variables: { input: quickOrderInput() } });
    expect(response.json().data.seaQuickOrder).toMatchObject({ status: 'CREATED', total: 396_000 });
  });

  it("refuses a mutation sent by GET, and a GET without the app's preflight header", async () => {
    const mutation = await send('GET', getPath(idOf('SeaCheckout'), { input: quickOrderInput() }), mobileGet());
    expect(mutation.status).toBe(405);
    const withoutHeader = await send('GET', getPath(idOf('SeaCheckoutOptions'), { country: 'TH' }), auth());
    expect(withoutHeader.status).toBe(400);
    expect(withoutHeader.raw.toString()).toMatch(/CSRF|preflight/i);
  });
});

describe('compression', () => {
  let bigRead: { query: string; variables: { id: string } };
  beforeAll(async () => {
    const lines = Array.from({ length: 40 }, (_, i) => ({ sku: `SKU-${i}`, quantity: 1 }));
    const { id } = confirmationOf(await quickOrder(quickOrderInput({ payment: 'BANK_TRANSFER', lines })));
    bigRead = { query: 'query($id: ID!) { order(id: $id) { lines { lineNo sku name quantity unitPrice unitTax lineTotal } } }', variables: { id } };
    // The order is taken at the edge; core has it once the region's command outbox has delivered the registration.
    await eventually(
      () => send('POST', '/graphql', auth(), bigRead),
      (response) => !response.json().errors,
    );
  });

  it.each([
    ['gzip', 'gzip'],
    ['br', 'br'],
    ['gzip, deflate, br', 'br'],
    ['br;q=0.5, gzip;q=1', 'gzip'],
    ['identity', undefined],
    [undefined, undefined],
  ])('answers Accept-Encoding %s with %s', async (acceptEncoding, expected) => {
    const response = await send('POST', '/graphql', { ...auth(), ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}) }, bigRead);
    expect(response.headers['content-encoding']).toBe(expected);
    // A POST answer is no-store: no cache keeps it, so it carries no Vary (nor ETag) for one.
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers.vary).toBeUndefined();
    expect(response.json().data.order.lines).toHaveLength(40);
    if (expected) expect(response.raw.length).toBeLessThan(Buffer.byteLength(JSON.stringify(response.json())) / 3);
    else expect(JSON.parse(response.raw.toString('utf8'))).toEqual(response.json());
  });

  it.each([
    ['br', brotliCompressSync],
    ['gzip', gzipSync],
  ] as const)('takes a request body compressed with %s', async (encoding, compress) => {
    const body = compress(JSON.stringify({ documentId: idOf('SeaCheckout'), variables: { input: quickOrderInput() } }));
    const response = await send('POST', '/graphql', { ...auth(), 'content-encoding': encoding }, body);
    expect(confirmationOf(response)).toMatchObject({ status: 'CREATED', total: 396_000 });
  });

  it('leaves a small answer as it is when compressing it would not pay for the header (compression.spec.ts has the rule)', async () => {
    const response = await send('GET', getPath(idOf('SeaOrderStatus'), bigRead.variables), mobileGet());
    expect(response.json().data.order.status).toBeDefined();
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(Number(response.headers['content-length'])).toBe(response.raw.length);
  });
});

describe('safe retries', () => {
  it('turns racing retries of one checkout into exactly one order', async () => {
    const token = await scope.token({ subject: 'cust-sea-retry', role: 'customer', regions: ['sea'] });
    const input = quickOrderInput();
    const responses = await Promise.all(Array.from({ length: 6 }, () => quickOrder(input, token)));
    const confirmations = responses.map(confirmationOf);
    expect(new Set(confirmations.map((c) => JSON.stringify(c))).size).toBe(1);
    expect(confirmations[0]).toMatchObject({ number: expect.stringMatching(/^SEA-/), total: 396_000 });
    const again = confirmationOf(await quickOrder(input, token));
    expect(again).toEqual(confirmations[0]);
    // Core registers the order after region-sea answered (a clean-clone run at load 12 read the list before it had).
    const list = await eventually(
      () => postGraphQL(hub.gatewayUrl, '{ orders(first: 100) { nodes { id } } }', {}, token),
      (read) => read.data?.orders.nodes.length > 0,
    );
    expect(list.data.orders.nodes).toEqual([{ id: confirmations[0].id }]);
  });

  it("passes region-sea's rule errors through the gateway with their field and rule", async () => {
    const refused = await quickOrder(quickOrderInput({ lines: [{ sku: 'TV-1', quantity: 1 }] }));
    expect(refused.json()).toEqual({ data: { o: { c: null, e: [{ code: 'COD_LIMIT_EXCEEDED', field: ['input', 'payment'] }] } } });
    // The deprecated operation refuses the whole response instead.
    const old = await send('POST', '/graphql', auth(), {
      documentId: idOf('SeaQuickOrder'),
      variables: { input: quickOrderInput({ lines: [{ sku: 'TV-1', quantity: 1 }] }) },
    });
    expect(old.json().errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'payment', rule: 'COD_LIMIT_EXCEEDED', limit: 10_000_000 });
  });
});
