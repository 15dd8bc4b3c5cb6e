// `node bench/quote.mjs [--quotes 2000] [--concurrency 4]`: the checkout quote's latency (p50/p99) over HTTP against
// the catalogue subgraph holding the demo catalogue, the catalogue process's CPU per quote, and the CPU that pricing a
// cart from an in-memory catalogue adds to an order placement (what a region pays when it prices at the edge).
// Prints figures from one run on this machine; not a test.
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { calculateTotals } from '@hub/shared/money/order-totals';
import { computeQuote } from '@hub/shared/catalogue/quote/quote.rules';
import { mintToken } from '@hub/shared/auth/jwt';
import { createTestScope } from '@hub/shared/testing/harness';
import { startCatalogue } from '@hub/catalogue/app';
import { createDemoSeedContext } from '@hub/shared/demo/demo-seed';
import { seedDemo as seedDemoCatalogue } from '../subgraphs/catalogue/demo-seed.mjs';

const { values } = parseArgs({ options: { quotes: { type: 'string', default: '2000' }, concurrency: { type: 'string', default: '4' } } });
const quotes = Number(values.quotes);
const concurrency = Number(values.concurrency);

const QUOTE = `query($input: QuoteInput!) { quote(input: $input) { quote { totals { grandTotal } lines { unitPrice unitTax rate } } userErrors { code } } }`;
const CART = {
  region: 'de',
  channel: 'WEB',
  currency: 'EUR',
  destination: { country: 'DE', postalCode: '10115' },
  lines: [
    { sku: 'BOOK-01-1', quantity: 2 },
    { sku: 'TSH-01-1', quantity: 1 },
    { sku: 'FRESH-02-3', quantity: 3 },
    { sku: 'SOFA-01-2', quantity: 1 },
    { sku: 'ELEC-01-1', quantity: 1 },
  ],
};

const scope = createTestScope('bench-quote');
const app = await startCatalogue({ ...scope.env, PORT: 0, LOG_LEVEL: 'silent' });
try {
  const jwt = { secret: scope.env.JWT_SECRET, issuer: scope.env.JWT_ISSUER, audience: scope.env.JWT_AUDIENCE };
  await seedDemoCatalogue(createDemoSeedContext(`${app.url}/graphql`, jwt, () => {}));
  const token = await mintToken(jwt, { subject: 'bench-customer', role: 'customer', regions: ['de'] });
  const ask = async () => {
    const response = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: QUOTE, variables: { input: CART } }),
    });
    const body = await response.json();
    if (!body.data?.quote?.quote) throw new Error(`quote failed: ${JSON.stringify(body)}`);
  };
  for (let i = 0; i < 200; i += 1) await ask(); // warm-up: JIT, caches, connection pool

  const latencies = [];
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < quotes) {
        next += 1;
        const t = performance.now();
        await ask();
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(2);

  // Pricing at the edge: the same cart priced from the in-memory catalogue, against the old path (totals of client prices).
  const catalogue = await app.deps.reader.current();
  const request = { ...CART, customerType: 'CONSUMER', vatIdCountry: null, at: new Date() };
  const priced = computeQuote(catalogue, request);
  if (!priced.ok) throw new Error(JSON.stringify(priced.problems));
  const clientLines = priced.quote.lines.map(({ quantity, unitPrice, unitTax }) => ({ quantity, unitPrice, unitTax }));
  const perCall = (fn, n = 20_000) => {
    for (let i = 0; i < 2_000; i += 1) fn();
    const before = process.cpuUsage();
    for (let i = 0; i < n; i += 1) fn();
    const used = process.cpuUsage(before);
    return (used.user + used.system) / n / 1000;
  };
  const clientPriced = perCall(() => calculateTotals(clientLines, priced.quote.totals.shippingTotal, 0));
  const serverPriced = perCall(() => computeQuote(catalogue, request));

  console.log(
    `catalogue: ${catalogue.products.size} SKUs, ${catalogue.priceLists.length} price lists; cart of ${CART.lines.length} lines (DE, books at 7 %, shipping split by rate)`,
  );
  console.log(
    `quote over HTTP, ${quotes} quotes, ${concurrency} concurrent: p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, ${(quotes / (elapsed / 1000)).toFixed(0)} quotes/s`,
  );
  console.log(`  CPU per quote (catalogue process incl. the in-process client): ${((cpu.user + cpu.system) / quotes / 1000).toFixed(3)} ms`);
  console.log(
    `placement pricing CPU per order: client prices (totals only) ${(clientPriced * 1000).toFixed(2)} µs; priced from the local catalogue ${(serverPriced * 1000).toFixed(2)} µs (+${((serverPriced - clientPriced) * 1000).toFixed(2)} µs)`,
  );
} finally {
  await app.close();
  await scope.dispose();
}
