import { randomUUID } from 'node:crypto';
import { publishTestCatalogue } from '@hub/shared/catalogue/testing/test-catalogue';
import { createTestScope, postGraphQL, waitFor } from '@hub/shared/testing/harness';
import { startHubProcesses, type HubProcesses } from '@hub/shared/testing/hub-processes';
import { SPAN_KIND, startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '@hub/shared/testing/otlp-receiver';
import { cnOrderInput, PLACE_CN_ORDER } from './support/cn-order.js';

/**
 * One placement through the gateway, every service its own process exporting its spans over OTLP/HTTP to a collector
 * in this test: a single trace runs from the gateway through region-cn, its command over NATS to core, core's outbox
 * event, and region-cn's consumer of that event, each step the child of the one before.
 */
const scope = createTestScope('tracing');
let hub: HubProcesses;
let receiver: OtlpReceiver;
let trace: ReceivedSpan[];

/** The region-cn consumer span of core's "order placed" event, once it has arrived. */
const placedEventConsumed = (spans: ReceivedSpan[]) =>
  spans.find((span) => span.service === 'region-cn' && span.kind === SPAN_KIND.consumer && /\.orders\.v1\.placed\.cn$/.test(span.name));

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  await publishTestCatalogue(scope.env, [{ region: 'cn', currencies: ['CNY'], items: [{ sku: 'SKU-1', unitPrice: 1000 }] }]);
  hub = await startHubProcesses(scope.env, { HUB_TRACING: 'on', OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_BSP_SCHEDULE_DELAY: '50' }, undefined, {
    only: ['core-orders', 'region-cn', 'gateway'],
  });
  // Services export on their own schedules: wait until the consumer's span and every one of its ancestors arrived.
  const consumed = waitFor((spans: ReceivedSpan[]) => {
    const consumer = placedEventConsumed(spans);
    return consumer !== undefined && ancestry(consumer, spans).at(-1)!.parentSpanId === '';
  }, 60_000);
  receiver.onReceived(consumed.push);
  const token = await scope.token({ subject: `cust-${randomUUID()}`, role: 'customer', regions: ['cn'] });
  const placed = await postGraphQL(hub.gatewayUrl, PLACE_CN_ORDER, { input: cnOrderInput([{ sku: 'SKU-1', quantity: 1 }]) }, token);
  expect(placed.errors).toBeUndefined();
  expect(placed.data.order.id).toBeTruthy();
  const spans = await consumed.done;
  const { traceId } = placedEventConsumed(spans)!;
  trace = spans.filter((span) => span.traceId === traceId);
}, 180_000);

afterAll(async () => {
  await hub?.close();
  await receiver?.close();
  await scope.dispose();
});

/** The span and its ancestors up to the trace's root, the root last. */
function ancestry(span: ReceivedSpan, spans = trace): ReceivedSpan[] {
  const byId = new Map(spans.filter((each) => each.traceId === span.traceId).map((each) => [each.spanId, each]));
  const chain = [span];
  for (let parent = byId.get(span.parentSpanId); parent; parent = byId.get(parent.parentSpanId)) chain.push(parent);
  return chain;
}

const describeSpan = (span: ReceivedSpan) => `${span.service} ${span.kind} ${span.name}`;

it('follows the placement from the gateway to region-cn, over NATS to core, and back with core’s event, as one trace', () => {
  const chain = ancestry(placedEventConsumed(trace)!).reverse();
  const root = chain[0]!;
  // The chain reaches the root of the trace: every parent was exported, none is missing.
  expect(root.parentSpanId).toBe('');
  expect(root).toMatchObject({ service: 'gateway', kind: SPAN_KIND.server });

  const services = chain.map((span) => span.service).filter((service, index, all) => service !== all[index - 1]);
  expect(services).toEqual(['gateway', 'region-cn', 'core-orders', 'region-cn']);

  // The hops, in order: region-cn's request to core, core handling it, core's outbox event, region-cn's consumer.
  const hops = chain.filter((span) => span.kind === SPAN_KIND.producer || span.kind === SPAN_KIND.consumer).map(describeSpan);
  expect(hops).toEqual([
    `region-cn ${SPAN_KIND.producer} send order.register`,
    expect.stringMatching(new RegExp(`^core-orders ${SPAN_KIND.consumer} process .*\\.core\\.v1\\.commands\\.region-cn$`)),
    expect.stringMatching(new RegExp(`^core-orders ${SPAN_KIND.producer} publish .*\\.orders\\.v1\\.placed\\.cn$`)),
    expect.stringMatching(new RegExp(`^region-cn ${SPAN_KIND.consumer} process .*\\.orders\\.v1\\.placed\\.cn$`)),
  ]);
  // Region-cn received the gateway's call as an HTTP server, below the gateway's own client span.
  const regionServer = chain.find((span) => span.service === 'region-cn' && span.kind === SPAN_KIND.server)!;
  expect(chain[chain.indexOf(regionServer) - 1]).toMatchObject({ service: 'gateway', kind: SPAN_KIND.client });
});

it('records the GraphQL execution and the PostgreSQL queries of each service inside the trace', () => {
  for (const service of ['region-cn', 'core-orders']) {
    expect(trace.some((span) => span.service === service && (span.attributes['db.system.name'] ?? span.attributes['db.system']) === 'postgresql')).toBe(true);
  }
  for (const service of ['gateway', 'region-cn']) {
    expect(trace.some((span) => span.service === service && span.name.startsWith('graphql.'))).toBe(true);
  }
});

it('keeps personal data out of the spans', () => {
  const exported = JSON.stringify(trace);
  for (const personal of ['王芳', '13912345678', '世纪大道']) expect(exported).not.toContain(personal);
});
