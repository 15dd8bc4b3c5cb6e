// `npm run bench`: throughput and latency of placing and reading orders, through the gateway and straight
// to the owning subgraph, from one run on this machine. Not part of the tests; it prints figures.
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { createTestScope } from '@hub/shared/testing/harness';
import { startHubProcesses } from '@hub/shared/testing/hub-processes';

const { values } = parseArgs({ options: {
  duration: { type: 'string', default: '10' },
  connections: { type: 'string', default: '16' },
} });
const duration = Number(values.duration);
const connections = Number(values.connections);

const scope = createTestScope('bench');
const hub = await startHubProcesses(scope.env);
const customer = await scope.token({ subject: 'bench-customer', role: 'customer', regions: ['cn'] });
const PLACE = 'mutation($input: PlaceCnOrderInput!) { placeCnOrder(input: $input) { id } }';
const READ = 'query($id: ID!) { order(id: $id) { id number status totals { grandTotal } lines { sku quantity } cn { customer { name } shippingAddress { city } } } }';
const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { cn { customer { name } shippingAddress { city } } } } }';
const orderInput = () => ({
  idempotencyKey: randomUUID(),
  customer: { name: '测试用户', phone: '13800138000' },
  shippingAddress: { recipientName: '测试用户', recipientPhone: '13800138000', province: '浙江省', city: '杭州市', district: '西湖区', street: '文三路 1 号' },
  lines: [{ sku: 'TEA-1', name: '龙井茶', quantity: 1, unitPrice: 12800, unitTax: 1664 }, { sku: 'MUG-1', name: 'Mug', quantity: 2, unitPrice: 2500, unitTax: 325 }],
});

const placedIds = [];
async function load(title, url, body, onResponse) {
  const result = await autocannon({
    title, url: `${url}/graphql`, method: 'POST', duration, connections,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${customer}` },
    requests: [{ setupRequest: (request) => ({ ...request, body: JSON.stringify(body()) }), onResponse }],
  });
  const errors = result.errors + result.non2xx;
  return { title, 'req/s': Math.round(result.requests.average), 'p50 ms': result.latency.p50, 'p99 ms': result.latency.p99, requests: result.requests.total, errors };
}

const collect = (status, responseBody) => {
  const id = JSON.parse(responseBody).data?.placeCnOrder?.id;
  if (id) placedIds.push(id);
};
let cursor = 0;
const nextId = () => placedIds[cursor++ % placedIds.length];

console.log(`bench: ${connections} connections, ${duration} s per scenario, ${process.arch}, Node ${process.version}`);
const rows = [];
rows.push(await load('place order via gateway', hub.gatewayUrl, () => ({ query: PLACE, variables: { input: orderInput() } }), collect));
rows.push(await load('place order direct to region-cn', hub.urls['region-cn'], () => ({ query: PLACE, variables: { input: orderInput() } }), collect));
rows.push(await load('federated read via gateway', hub.gatewayUrl, () => ({ query: READ, variables: { id: nextId() } })));
rows.push(await load('read direct to core-orders (master part)', hub.urls['core-orders'], () => ({ query: READ.replace(/ cn \{.*\} \} \} \}$/, ' } }'), variables: { id: nextId() } })));
rows.push(await load('read direct to region-cn (_entities)', hub.urls['region-cn'], () => ({ query: ENTITIES, variables: { r: [{ __typename: 'Order', id: nextId() }] } })));
console.table(rows);
const ratio = (a, b) => (rows[a]['req/s'] / rows[b]['req/s']).toFixed(2);
console.log(`gateway/direct throughput ratio: placing ${ratio(0, 1)}, reading ${ratio(2, 3)} (vs core alone)`);
const memory = process.memoryUsage();
console.log(`bench process RSS ${(memory.rss / 2 ** 20).toFixed(0)} MiB; orders placed ${placedIds.length}`);
await hub.close();
await scope.dispose();
