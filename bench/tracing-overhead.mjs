// `node bench/tracing-overhead.mjs [--placements 200] [--connections 4]`: the CPU tracing adds to a placement, per
// service. The gateway, core-orders and region-cn run as processes three times: tracing off, on without an exporter
// (the default), and on exporting over OTLP/HTTP to a collector in this process. Each run places the same number of
// orders through the gateway and counts each service's CPU (/proc) until region-cn has consumed core's "placed" event
// of every one of them, so the NATS hops and their spans are in the figure. Prints figures; not a test.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { publishTestCatalogue } from '@hub/shared/catalogue/testing/test-catalogue';
import { createTestScope } from '@hub/shared/testing/harness';
import { startHubProcesses } from '@hub/shared/testing/hub-processes';
import { startOtlpReceiver } from '@hub/shared/testing/otlp-receiver';
import { discoverHubServices } from '@hub/shared/workspace/hub-workspaces';
import { cpuPerOperation, cpuSnapshot, serviceProcesses } from './cpu.mjs';
import { closedLoop, newAgent } from './load.mjs';

const { values } = parseArgs({ options: { placements: { type: 'string', default: '200' }, connections: { type: 'string', default: '4' } } });
const placements = Number(values.placements);
const connections = Number(values.connections);
const WARM_UP = 20;
const SERVICES = ['core-orders', 'region-cn', 'gateway'];
const HUB_SERVICES = Object.fromEntries(discoverHubServices().map((service) => [service.name, service.dir]));
const PLACE = 'mutation PlaceOrder($input: PlaceCnOrderInput!) { placeCnOrder(input: $input) { id } }';
const orderInput = () => ({
  idempotencyKey: randomUUID(),
  lines: [{ sku: 'SKU-1', quantity: 1 }],
  customer: { name: '测试用户', phone: '13800138000' },
  shippingAddress: { recipientName: '测试用户', recipientPhone: '13800138000', province: '浙江省', city: '杭州市', district: '西湖区', street: '文三路 1 号' },
});
const load = () =>
  os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

async function measure(label, tracingEnv) {
  const scope = createTestScope('bench-tracing');
  const receiver = tracingEnv.OTEL_EXPORTER_OTLP_ENDPOINT === 'receiver' ? await startOtlpReceiver() : undefined;
  const env = { ...tracingEnv, ...(receiver ? { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint } : {}) };
  let hub;
  const database = new pg.Client({ connectionString: scope.env.DATABASE_URL });
  try {
    await publishTestCatalogue(scope.env, [{ region: 'cn', currencies: ['CNY'], items: [{ sku: 'SKU-1', unitPrice: 1000 }] }]);
    hub = await startHubProcesses(scope.env, env, undefined, { only: SERVICES });
    await database.connect();
    const token = await scope.token({ subject: 'bench-customer', role: 'customer', regions: ['cn'] });
    const agent = newAgent(connections);
    const place = (limit) =>
      closedLoop({
        seconds: Infinity,
        limit,
        connections,
        agent,
        operation: () => ({
          url: `${hub.gatewayUrl}/graphql`,
          headers: { authorization: `Bearer ${token}` },
          body: { query: PLACE, variables: { input: orderInput() } },
        }),
      });
    // Every placement is done when region-cn has applied core's "placed" event for it.
    const consumed = async (count) => {
      const deadline = Date.now() + 300_000;
      for (;;) {
        const { rows } = await database.query(`select count(*)::int as n from region_cn.processed_message where message_id like 'order.placed:%'`);
        if (rows[0].n >= count || Date.now() > deadline) return rows[0].n;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    const warm = await place(WARM_UP);
    await consumed(WARM_UP - warm.errors);
    const processes = serviceProcesses(HUB_SERVICES);
    const before = cpuSnapshot(processes);
    const result = await place(placements);
    const placed = placements - result.errors;
    const arrived = await consumed(WARM_UP - warm.errors + placed);
    const perPlacement = cpuPerOperation(before, cpuSnapshot(processes), placed);
    agent.destroy();
    const row = { label, placed, failed: result.errors, eventsConsumed: arrived - (WARM_UP - warm.errors), spansExported: receiver?.spans.length ?? 0 };
    for (const service of SERVICES) row[service] = perPlacement.get(service);
    row.total = SERVICES.reduce((sum, service) => sum + (perPlacement.get(service) ?? 0), 0);
    console.log(`  ${label}: done (load average ${load()})`);
    return row;
  } finally {
    await database.end().catch(() => undefined);
    await hub?.close();
    await receiver?.close();
    await scope.dispose();
  }
}

console.log(`tracing overhead: Node ${process.version}; ${os.availableParallelism()} cores; load average ${load()}`);
console.log(`  ${placements} placements through the gateway, ${connections} at a time, after ${WARM_UP} not measured\n`);
const rows = [
  await measure('off', { HUB_TRACING: 'off' }),
  await measure('on, no exporter', { HUB_TRACING: 'on' }),
  await measure('on, OTLP export', { HUB_TRACING: 'on', OTEL_EXPORTER_OTLP_ENDPOINT: 'receiver', OTEL_BSP_SCHEDULE_DELAY: '1000' }),
];
const off = rows[0];
console.log(`\nCPU ms per placement (until region-cn consumed core's event)`);
console.log(
  ['tracing'.padEnd(18), ...SERVICES.map((service) => service.padStart(12)), 'total'.padStart(9), 'vs off'.padStart(8), 'spans'.padStart(7)].join(' '),
);
for (const row of rows) {
  console.log(
    [
      row.label.padEnd(18),
      ...SERVICES.map((service) => row[service].toFixed(2).padStart(12)),
      row.total.toFixed(2).padStart(9),
      `${((row.total / off.total - 1) * 100).toFixed(0)} %`.padStart(8),
      String(row.spansExported).padStart(7),
    ].join(' '),
  );
}
for (const row of rows)
  if (row.failed > 0 || row.eventsConsumed < row.placed)
    console.log(`  ${row.label}: ${row.failed} failed, ${row.eventsConsumed}/${row.placed} events consumed`);
console.log(`\nload average at the end ${load()}: other work on this machine shares its cores; compare the rows of one run`);
