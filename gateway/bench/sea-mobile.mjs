// `npm run bench:sea -w @hub/gateway` (after `npx turbo run build`): bytes on the wire and time to confirmation
// for a SEA mobile checkout followed by two status checks, on a simulated slow mobile link (150 ms round trip,
// 1.6 Mbit/s down, 750 kbit/s up). The mobile path speaks HTTP/2 and uses persisted operations, the quick order with a
// saved address's number, the compact token, a brotli request body, compressed answers and a revalidating GET (the
// same requests over HTTP/1.1 are a row of their own); the standard path sends full operation text by POST,
// uncompressed: placeSeaOrder { id }, then order { … } for the confirmation, then order { status }. Both send SKU and
// quantity only: the hub prices the order from the catalogue the bench publishes first.
// Runs the whole hub on its own test scope and removes it afterwards. Not a test: it prints figures.
import http from 'node:http';
import http2 from 'node:http2';
import os from 'node:os';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from 'node:zlib';
import { publishTestCatalogue } from '@hub/shared/catalogue/testing/test-catalogue';
import { createTestScope } from '@hub/shared/testing/harness';
import { startHubProcesses } from '@hub/shared/testing/hub-processes';
import { startSlowNetworkProxy } from './slow-network-proxy.mjs';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' }, show: { type: 'boolean', default: false } } });
const RUNS = Number(values.runs);
const PROFILE = { rttMs: 150, downBitsPerSecond: 1_600_000, upBitsPerSecond: 750_000 };

const manifest = JSON.parse(await readFile(new URL('../persisted-operations/sea-mobile.json', import.meta.url), 'utf8'));
/** The app sends the short form of an operation's id (its first 8 hex digits, unique in the gateway's manifests). */
const idOf = (name) => manifest.operations.find((operation) => operation.name === name).id.slice(0, 8);
/** The byte budget of one mobile quick order on the wire, request and response, headers included (issue 18). */
const QUICK_ORDER_BUDGET_BYTES = 600;
/** How many times fewer bytes than the standard path the mobile one should cost (issue 18). */
const FEWER_BYTES_TARGET = 5;

// What the app sends: SKU and quantity; region-sea prices the lines and shipping from its copy of the catalogue.
const LINES = [
  { sku: 'KOPI-1', quantity: 2 },
  { sku: 'TEH-2', quantity: 1 },
];
/** The catalogue region-sea prices from: Indonesian rupiah, a flat delivery fee (11 % VAT on goods and shipping). */
const CATALOGUE = [
  {
    region: 'sea',
    currencies: ['IDR'],
    items: [
      { sku: 'KOPI-1', names: { en: 'Kopi Gayo 250 g' }, category: 'GROCERY', weightGrams: 250, unitPrice: 85_000 },
      { sku: 'TEH-2', names: { en: 'Teh Melati 100 g' }, category: 'GROCERY', weightGrams: 100, unitPrice: 25_000 },
    ],
    shipping: { baseFee: 15_000, perKgFee: 0, bulkySurcharge: 0, freeFrom: null },
  },
];
const ADDRESS = {
  recipientName: 'Siti Rahayu',
  recipientPhone: '0812-3456-7890',
  line1: 'Jl. Merdeka No. 10',
  line2: 'RT 01/RW 02',
  subdistrict: 'Gambir',
  district: 'Gambir',
  city: 'Jakarta Pusat',
  province: 'DKI Jakarta',
  postalCode: '10110',
  country: 'ID',
};
const STANDARD_INPUT = (key) => ({
  idempotencyKey: key,
  channel: 'MOBILE_APP',
  currency: 'IDR',
  payment: 'COD',
  lines: LINES,
  customer: { name: ADDRESS.recipientName, phone: ADDRESS.recipientPhone },
  shippingAddress: ADDRESS,
});

const json = (token) => ({ 'content-type': 'application/json', authorization: `Bearer ${token}` });
/** What the app's HTTP stack sends: compressed answers welcome, and the header Apollo's CSRF check wants on a GET. */
const mobile = (token) => ({ authorization: `Bearer ${token}`, 'accept-encoding': 'br, gzip' });
const post = (headers, body) => ({ method: 'POST', headers, body: Buffer.from(JSON.stringify(body)) });
const postBrotli = (headers, body) => ({
  method: 'POST',
  headers: { ...headers, 'content-type': 'application/json', 'content-encoding': 'br' },
  body: brotliCompressSync(JSON.stringify(body)),
});
const statusPost = (token, order) => post(json(token), { query: 'query SeaOrderStatus($id: ID!) { order(id: $id) { status } }', variables: { id: order.id } });

/**
 * The confirmation as region-sea states it: core registers the order after the region has taken it in, so its own
 * `order(id)` fields may not answer yet (edge autonomy); an order the region took in and core has not refused is CREATED.
 */
const regionConfirmation = (order) => ({
  id: order.id,
  number: order.sea.number,
  total: order.sea.grandTotal,
  status: order.sea.registration === 'REJECTED' ? 'REJECTED' : 'CREATED',
});

/** What the app sends to look up its order's status: a persisted GET its HTTP cache can keep and revalidate. */
const statusGet = (token, order) => ({
  method: 'GET',
  headers: { ...mobile(token), 'apollo-require-preflight': '1' },
  search: `?documentId=${idOf('SeaOrderStatus')}&variables=${encodeURIComponent(JSON.stringify({ id: order.id }))}`,
});
/** What the checkout screen asks first: the payment methods and COD limit for the delivery country. */
const checkoutOptionsGet = (token) => ({
  method: 'GET',
  headers: { ...mobile(token), 'apollo-require-preflight': '1' },
  search: `?documentId=${idOf('SeaCheckoutOptions')}&variables=${encodeURIComponent(JSON.stringify({ country: ADDRESS.country }))}`,
});
/** The app's idempotency key: 128 random bits in 22 characters (a UUID's text is 36). */
const appKey = () => randomBytes(16).toString('base64url');

/**
 * Each path: how it connects, the token it sends, the requests of a checkout (done when the app can show number,
 * total and status) and of the status checks that follow, each step reading what it needs from the answers before it.
 * The mobile path sends the compact token, its saved address's number and a short key, over HTTP/2; the same
 * requests over HTTP/1.1 show what the transport alone is worth. The standard paths are a web client's.
 */
const pathsFor = ({ jwt, compact, savedAddress }) => {
  const quickOrder = {
    token: compact,
    idempotencyKey: appKey,
    checkout: [(token, key) => postBrotli(mobile(token), { documentId: idOf('SeaCheckoutV2'), variables: { k: key, l: LINES, a: savedAddress, p: 'COD' } })],
    // The operation's one-letter aliases (persisted-operations/README.md), as the app reads them.
    confirmation: (answers) => {
      const { i, n, t, s } = answers[0].body.data.o.c;
      return { id: i, number: n, total: t, status: s };
    },
    track: [
      statusGet,
      // Later, with max-age passed: the app's HTTP cache revalidates, and an unchanged status comes back as 304.
      (token, order, previous) => {
        const request = statusGet(token, order);
        return { ...request, headers: { ...request.headers, 'if-none-match': previous.headers.etag } };
      },
    ],
  };
  return {
    mobile: { ...quickOrder, connect: http2Connection },
    // Not the headline: the checkout screen has already asked for its options on the connection, so the setup is
    // behind it and HPACK indexes the token and the other headers the quick order repeats.
    'mobile, connection open': { ...quickOrder, connect: http2Connection, opening: [checkoutOptionsGet] },
    'mobile, HTTP/1.1': { ...quickOrder, connect: http1Connection },
    standard: {
      connect: http1Connection,
      token: jwt,
      idempotencyKey: randomUUID,
      checkout: [
        (token, key) =>
          post(json(token), {
            query: 'mutation PlaceSeaOrder($input: PlaceSeaOrderInput!) { placeSeaOrder(input: $input) { id } }',
            variables: { input: STANDARD_INPUT(key) },
          }),
        (token, key, answers) =>
          post(json(token), {
            query: 'query Order($id: ID!) { seaOrder(id: $id) { id sea { number registration grandTotal } } }',
            variables: { id: answers[0].body.data.placeSeaOrder.id },
          }),
      ],
      confirmation: (answers) => regionConfirmation(answers[1].body.data.seaOrder),
      track: [statusPost, statusPost],
    },
    'standard, one request': {
      connect: http1Connection,
      token: jwt,
      idempotencyKey: randomUUID,
      checkout: [
        (token, key) =>
          post(json(token), {
            query: 'mutation PlaceSeaOrder($input: PlaceSeaOrderInput!) { placeSeaOrder(input: $input) { id sea { number registration grandTotal } } }',
            variables: { input: STANDARD_INPUT(key) },
          }),
      ],
      confirmation: (answers) => regionConfirmation(answers[0].body.data.placeSeaOrder),
      track: [statusPost, statusPost],
    },
  };
};

/** A message's header lines as sent (`--show`), to see where a path's bytes go. */
const rawHead = (message) =>
  message.rawHeaders
    ? message.rawHeaders.reduce((lines, value, i) => (i % 2 ? [...lines, `${message.rawHeaders[i - 1]}: ${value}`] : lines), []).join('\n')
    : // The client request's head exactly as written, with the headers Node adds (Host, Connection).
      message._header.trim();

/** The answer as the app reads it: 304 without a body, else the JSON decoded from whatever encoding came back. */
function answerOf(status, headers, raw) {
  if (status === 304) return { status, headers, body: null };
  const encoding = headers['content-encoding'];
  const parsed = JSON.parse((encoding === 'br' ? brotliDecompressSync(raw) : encoding === 'gzip' ? gunzipSync(raw) : raw).toString('utf8'));
  if (parsed.errors) throw new Error(JSON.stringify(parsed.errors));
  return { status, headers, body: parsed };
}

/** HTTP/1.1 over one kept-alive connection, as a browser or a plain HTTP client sends. */
function http1Connection(port) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  return {
    exchange: ({ method, headers, body, search = '' }) =>
      new Promise((resolve, reject) => {
        const request = http.request(
          { host: '127.0.0.1', port, path: `/graphql${search}`, method, agent, headers: { ...headers, ...(body ? { 'content-length': body.length } : {}) } },
          (response) => {
            if (values.show) console.log(`${request.method} ${request.path}\n${rawHead(request)}\n→ ${response.statusCode}\n${rawHead(response)}\n`);
            const chunks = [];
            response.on('data', (chunk) => chunks.push(chunk));
            response.on('end', () => {
              try {
                resolve(answerOf(response.statusCode, response.headers, Buffer.concat(chunks)));
              } catch (error) {
                reject(error);
              }
            });
          },
        );
        request.on('error', reject);
        request.end(body);
      }),
    close: () => agent.destroy(),
  };
}

/**
 * HTTP/2 with prior knowledge (h2c), as a phone's HTTP stack speaks to the edge: HPACK sends a header once per
 * connection and then an index. TLS is not counted on either transport.
 */
function http2Connection(port) {
  const session = http2.connect(`http://127.0.0.1:${port}`);
  return {
    exchange: ({ method, headers, body, search = '' }) =>
      new Promise((resolve, reject) => {
        const stream = session.request({
          ':method': method,
          ':path': `/graphql${search}`,
          ...Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value])),
          ...(body ? { 'content-length': body.length } : {}),
        });
        const chunks = [];
        let head;
        stream.on('response', (headers) => {
          head = headers;
          if (values.show) console.log(`HTTP/2 ${method} /graphql${search}\n→ ${JSON.stringify(headers)}\n`);
        });
        stream.on('data', (chunk) => chunks.push(chunk));
        stream.on('end', () => {
          try {
            resolve(answerOf(head[':status'], head, Buffer.concat(chunks)));
          } catch (error) {
            reject(error);
          }
        });
        stream.on('error', reject);
        stream.end(body);
      }),
    close: () => session.close(),
  };
}

/**
 * One checkout on a fresh connection (the app was in the background), then the status checks on the same connection.
 * A path's `opening` requests go first on that connection and are not counted.
 */
async function run(proxy, path) {
  const connection = path.connect(proxy.port);
  for (const step of path.opening ?? []) await connection.exchange(step(path.token));
  proxy.reset();
  const key = path.idempotencyKey();
  const started = performance.now();
  const answers = [];
  for (const step of path.checkout) answers.push(await connection.exchange(step(path.token, key, answers)));
  const confirmation = path.confirmation(answers);
  const confirmedMs = performance.now() - started;
  const checkout = { ...proxy.counters };
  // The status checks come later in the app's life: by then core has registered the order (on a loaded machine
  // that can take longer than the checkout did). Asked straight of the gateway, off the link and off the clock.
  await registeredByCore(confirmation.id, path.token);
  const trackStarted = performance.now();
  let previous;
  for (const step of path.track) {
    previous = await connection.exchange(step(path.token, confirmation, previous));
    if (previous.status !== 304 && previous.body.data.order.status !== 'CREATED') throw new Error(`unexpected status ${JSON.stringify(previous.body)}`);
  }
  const trackedMs = performance.now() - trackStarted;
  const counters = { ...proxy.counters };
  connection.close();
  if (!confirmation.number || confirmation.status !== 'CREATED') throw new Error(`unexpected confirmation ${JSON.stringify(confirmation)}`);
  return {
    confirmedMs,
    trackedMs,
    requests: path.checkout.length + path.track.length,
    checkoutUp: checkout.up,
    checkoutDown: checkout.down,
    trackUp: counters.up - checkout.up,
    trackDown: counters.down - checkout.down,
  };
}

/** Saves the bench customer's address in region-sea, as the app does at the first checkout; answers its number. */
async function saveAddress(token) {
  const response = await fetch(hub.gatewayUrl + '/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query: 'mutation($input: SeaAddressSaveInput!) { seaAddressSave(input: $input) { savedAddress { number } userErrors { code field } } }',
      variables: { input: { label: 'Home', address: ADDRESS } },
    }),
  });
  const { data, errors } = await response.json();
  if (!data?.seaAddressSave?.savedAddress) throw new Error(`could not save the address: ${JSON.stringify(errors ?? data)}`);
  return data.seaAddressSave.savedAddress.number;
}

/** The compact token the app trades its JWT for, once (gateway/src/compact-token.route.ts). */
async function compactFormOf(token) {
  const response = await fetch(hub.gatewayUrl + '/token/compact', { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`no compact token: ${response.status} ${await response.text()}`);
  return (await response.json()).token;
}

/** Resolves once core answers `order(id)` for the order (registration is asynchronous: edge autonomy). */
async function registeredByCore(id, token) {
  for (let attempt = 0; attempt < 600; attempt += 1) {
    const response = await fetch(hub.gatewayUrl + '/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: 'query($id: ID!) { order(id: $id) { status } }', variables: { id } }),
    });
    if ((await response.json()).data?.order) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`core did not register order ${id} within a minute`);
}

const median = (numbers) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)];

const scope = createTestScope('bench-sea');
let hub;
let proxy;
let cleaning;
/** Stops the hub and removes its database and streams, whatever failed before; once, also on Ctrl-C. */
const cleanUp = () =>
  (cleaning ??= (async () => {
    const steps = [() => proxy?.close(), () => hub?.close(), () => scope.dispose()];
    const failures = [];
    for (const step of steps)
      await Promise.resolve()
        .then(step)
        .catch((error) => failures.push(error));
    const left = await scope.leftovers().catch((error) => [`(could not check: ${error.message})`]);
    console.log(`clean-up: ${left.length === 0 ? 'database and JetStream streams removed' : `LEFT BEHIND ${left.join(', ')}`}`);
    if (failures.length > 0) throw new AggregateError(failures, 'clean-up failed');
  })());
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    console.log(`${signal}: cleaning up`);
    cleanUp().finally(() => process.exit(130));
  });
}
try {
  // Published before the regions start, so region-sea's copy holds it when it begins taking orders.
  await publishTestCatalogue(scope.env, CATALOGUE);
  hub = await startHubProcesses(scope.env);
  proxy = await startSlowNetworkProxy({ targetPort: Number(new URL(hub.gatewayUrl).port), ...PROFILE });
  const customer = { subject: 'bench-sea-customer', role: 'customer', regions: ['sea'] };
  const jwt = await scope.token(customer);
  // Once, when the customer first checks out: the address is saved in region-sea, and later checkouts name its number.
  const savedAddress = await saveAddress(jwt);
  const paths = pathsFor({ jwt, compact: await compactFormOf(jwt), savedAddress });
  // Warm-up: the gateway's first query plans and the services' first queries are not what a customer waits for.
  for (const path of Object.values(paths)) await run(proxy, path);
  const rows = [];
  for (const [name, path] of Object.entries(paths)) {
    const runs = [];
    for (let i = 0; i < RUNS; i += 1) runs.push(await run(proxy, path));
    const [first] = runs;
    rows.push({
      path: name,
      requests: first.requests,
      'checkout ↑ B': first.checkoutUp,
      'checkout ↓ B': first.checkoutDown,
      'checkout B': first.checkoutUp + first.checkoutDown,
      'status ×2 ↑ B': first.trackUp,
      'status ×2 ↓ B': first.trackDown,
      'total B': first.checkoutUp + first.checkoutDown + first.trackUp + first.trackDown,
      'to confirmation ms': Math.round(median(runs.map((r) => r.confirmedMs))),
      'status ×2 ms': Math.round(median(runs.map((r) => r.trackedMs))),
    });
  }
  console.log(
    `sea-mobile bench: ${RUNS} runs per path (medians; bytes of one run) over a simulated link of ${PROFILE.rttMs} ms RTT, ` +
      `${PROFILE.downBitsPerSecond / 1e6} Mbit/s down, ${PROFILE.upBitsPerSecond / 1e3} kbit/s up. A new TCP connection per checkout ` +
      '(handshake counted in time, no TLS); bytes are the TCP payload both ways as it crossed the link: for HTTP/1.1 request and ' +
      'status lines, headers and (compressed) bodies; for HTTP/2 (cleartext, prior knowledge) the connection preface, SETTINGS ' +
      'and their acknowledgements, frame headers, HPACK-compressed headers and bodies; TCP/IP framing not counted.',
  );
  console.log(
    `machine: ${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.table(rows);
  const rowOf = (name) => rows.find((row) => row.path === name);
  const [mobileRow, standardRow] = [rowOf('mobile'), rowOf('standard')];
  const less = (key) => `${Math.round((1 - mobileRow[key] / standardRow[key]) * 100)} %`;
  const times = (key) => `${(standardRow[key] / mobileRow[key]).toFixed(1)} ×`;
  console.log(
    `mobile quick order: ${mobileRow['checkout B']} B request + response in ${paths.mobile.checkout.length} round trip ` +
      `(budget ${QUICK_ORDER_BUDGET_BYTES} B: ${mobileRow['checkout B'] <= QUICK_ORDER_BUDGET_BYTES ? 'within' : 'OVER'}), ` +
      `${times('checkout B')} fewer bytes than the standard checkout (${standardRow['checkout B']} B; issue 18 asks ${FEWER_BYTES_TARGET} ×)`,
  );
  const openRow = rowOf('mobile, connection open');
  console.log(
    `the same quick order on a connection the checkout screen opened (its options asked first, not counted): ${openRow['checkout B']} B, ` +
      `${(standardRow['checkout B'] / openRow['checkout B']).toFixed(1)} × fewer (not the headline: an app back from the background has no connection)`,
  );
  console.log(
    `mobile vs standard, checkout and two status checks: ${less('total B')} fewer bytes (${mobileRow['total B']} vs ${standardRow['total B']}, ${times('total B')}), ` +
      `confirmation ${less('to confirmation ms')} sooner (${mobileRow['to confirmation ms']} vs ${standardRow['to confirmation ms']} ms)`,
  );
} finally {
  await cleanUp();
}
