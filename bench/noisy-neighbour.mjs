// `npm run bench:noisy`: what one client's heaviest operation does to another client's reads.
//
//   node bench/noisy-neighbour.mjs [--duration 10] [--victims 4] [--attackers 4]
//
// A victim customer reads its own orders by id through the gateway, first alone, then while an operator of the
// same region sends, over `--attackers` connections, the heaviest operation the operation limits still accept
// (aliased `orders(first: 100)` pages with as many fields and aliases as the depth, alias and cost limits allow).
// Prints the victim's p99 in both phases and their ratio, CPU ms per operation by service, the load average, and
// how fast a refused operation (5,000 aliases, as an attacker once sent) is answered. Rate limits are off here:
// this measures the operation limits.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { createTestScope } from '@hub/shared/testing/harness';
import { discoverHubServices } from '@hub/shared/workspace/hub-workspaces';
import { cpuPerOperation, cpuSnapshot, serviceProcesses } from './cpu.mjs';
import { startHubProcesses } from '@hub/shared/testing/hub-processes';
import { BENCH_LINES, seedDemoCatalogue } from './demo-catalogue.mjs';
import { closedLoop, newAgent } from './load.mjs';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    victims: { type: 'string', default: '4' },
    attackers: { type: 'string', default: '4' },
  },
});
const duration = Number(values.duration);
const victims = Number(values.victims);
const attackers = Number(values.attackers);
const ORDERS = 200;

const PLACE = 'mutation($input: PlaceCnOrderInput!) { placeCnOrder(input: $input) { id } }';
const READ = 'query($id: ID!) { order(id: $id) { id number status totals { grandTotal } lines { sku quantity } cn { customer { name } } } }';
// Order pages from the richest selection down: the heaviest accepted operation keeps 100 orders per page and gives up
// aliases, then fields, until the cost limit (which counts each page's selection once per item) accepts it.
const SHAPES = [
  'id number status totals { grandTotal } lines { sku name quantity unitPrice } cn { customer { name } shippingAddress { city } }',
  'id number status totals { grandTotal } lines { sku name quantity unitPrice } cn { customer { name } }',
  'id number status totals { grandTotal } lines { sku quantity }',
  'id number status',
];
const page = (alias, shape) => `${alias}: orders(first: 100) { nodes { ${shape} } }`;
const heavy = (aliases, shape) => `{ ${Array.from({ length: aliases }, (_, i) => page(`p${i}`, shape)).join(' ')} }`;
const orderInput = () => ({
  idempotencyKey: randomUUID(),
  customer: { name: '测试用户', phone: '13800138000' },
  shippingAddress: { recipientName: '测试用户', recipientPhone: '13800138000', province: '浙江省', city: '杭州市', district: '西湖区', street: '文三路 1 号' },
  lines: BENCH_LINES,
});

console.log(
  `noisy neighbour: Node ${process.version}, ${os.availableParallelism()} cores, load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
console.log(`  ${victims} victim connections, ${attackers} attacker connections, ${duration} s per phase; compare the ratio, not the figures\n`);

const scope = createTestScope('noisy');
let hub;
try {
  hub = await startHubProcesses(scope.env, { RATE_LIMIT_ENABLED: 'false' });
  await seedDemoCatalogue(hub, scope.env);
  const victim = await scope.token({ subject: 'noisy-victim', role: 'customer', regions: ['cn'] });
  const attacker = await scope.token({ subject: 'noisy-operator', role: 'operator', regions: ['cn'] });
  const request = (token, query, variables = {}) => ({
    url: `${hub.gatewayUrl}/graphql`,
    headers: { authorization: `Bearer ${token}` },
    body: { query, variables },
  });
  const post = async (token, query) => {
    const started = performance.now();
    const response = await fetch(`${hub.gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query }),
    });
    const body = await response.json();
    return { ms: performance.now() - started, bytes: JSON.stringify(body).length, code: body.errors?.[0]?.extensions?.code };
  };

  const ids = [];
  process.stdout.write(`placing ${ORDERS} orders for the victim... `);
  await closedLoop({
    seconds: Infinity,
    limit: ORDERS,
    connections: 4,
    operation: () => request(victim, PLACE, { input: orderInput() }),
    onData: (data) => ids.push(data.placeCnOrder.id),
  });
  console.log(`${ids.length} placed`);

  // The heaviest accepted: the largest page size, then the most aliases, that the cost and alias limits still accept.
  let aliases = 30;
  let shape = SHAPES[0];
  let probe;
  for (shape of SHAPES) {
    aliases = 30;
    probe = await post(attacker, heavy(aliases, shape));
    while (probe.code && aliases > 1) probe = await post(attacker, heavy(--aliases, shape));
    if (!probe.code) break;
  }
  if (probe.code) console.log(`!! even the smallest page is answered with ${probe.code}: the attacker's figures below are of that answer`);
  console.log(
    `heaviest accepted operation: ${aliases} aliased pages of orders(first: 100) { nodes { ${shape} } }; one takes ${probe.ms.toFixed(0)} ms, ${(probe.bytes / 1024).toFixed(0)} KiB`,
  );
  const refused = await post(attacker, `{ ${Array.from({ length: 5000 }, (_, i) => `r${i}: regions { code }`).join(' ')} }`);
  console.log(`5,000 aliases of regions: refused with ${refused.code} in ${refused.ms.toFixed(1)} ms\n`);

  let next = 0;
  const read = () => request(victim, READ, { id: ids[next++ % ids.length] });
  const agent = newAgent(victims);
  await closedLoop({ seconds: 2, connections: victims, operation: read, agent });
  const processes = serviceProcesses(Object.fromEntries(discoverHubServices().map((service) => [service.name, service.dir])));
  const aloneCpu = cpuSnapshot(processes);
  const alone = await closedLoop({ seconds: duration, connections: victims, operation: read, agent });
  alone.cpu = cpuPerOperation(aloneCpu, cpuSnapshot(processes), alone.ok);
  const loadAlone = os.loadavg()[0];
  const noiseCpu = cpuSnapshot(processes);
  const noise = closedLoop({ seconds: duration + 1, connections: attackers, operation: () => request(attacker, heavy(aliases, shape)) });
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const crowded = await closedLoop({ seconds: duration, connections: victims, operation: read, agent });
  const attack = await noise;
  // Both clients' CPU in the second phase, charged to the attacker's operations: the victim's share is known from phase one.
  attack.cpu = cpuPerOperation(noiseCpu, cpuSnapshot(processes), attack.ok + attack.errors);
  const loadCrowded = os.loadavg()[0];
  agent.destroy();

  const row = (label, r) =>
    console.log(
      `${label.padEnd(34)} ${r.perSecond.toFixed(1).padStart(8)} ok/s  p50 ${r.p50.toFixed(1).padStart(7)} ms  p99 ${r.p99.toFixed(1).padStart(8)} ms  errors ${r.errors}`,
    );
  row('victim order(id) alone', alone);
  row('victim order(id) beside attacker', crowded);
  row('attacker heaviest allowed', attack);
  const cpu = (label, r) =>
    console.log(
      `${label.padEnd(34)} ${[...r.cpu].map(([name, ms]) => `${name} ${ms.toFixed(2)}`).join(', ')}; total ${[...r.cpu.values()].reduce((sum, ms) => sum + ms, 0).toFixed(2)}`,
    );
  for (const [message, count] of [...(attack.messages ?? new Map())].sort((a, b) => b[1] - a[1]).slice(0, 2))
    console.log(`attacker errors: ${count} × ${message}`);
  console.log(`\nCPU ms per operation, by service (from /proc/<pid>/stat)`);
  cpu('victim order(id) alone', alone);
  cpu('attacker phase, per attacker request', attack);
  console.log(`load average (1 min) after the victim alone ${loadAlone.toFixed(2)}, after the attacker phase ${loadCrowded.toFixed(2)}`);
  console.log(`\nvictim p99 ratio (beside attacker / alone): ${(crowded.p99 / alone.p99).toFixed(2)}; p50 ratio ${(crowded.p50 / alone.p50).toFixed(2)}`);
} finally {
  await hub?.close();
  await scope.dispose();
}
