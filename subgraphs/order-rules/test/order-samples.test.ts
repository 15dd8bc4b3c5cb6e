import { jetstream } from '@nats-io/jetstream';
import { subjectsFor } from '@hub/shared/messaging/subjects';
import { eventually } from '@hub/shared/testing/harness';
import { placedEvent, startRulesTestHub, type RulesTestHub } from './order-rules-hub.js';

let hub: RulesTestHub;
let settled = 0;

beforeAll(async () => {
  hub = await startRulesTestHub('order-samples', { onSampleSettled: () => (settled += 1) });
});

afterAll(async () => {
  await hub?.close();
});

const placed = (i: number, grandTotal: number) => placedEvent({ id: 9000, day: '260102' }, i, grandTotal, new Date(), 2);

it('keeps one sample per order however often its event comes, and terminates a payload that is not an order', async () => {
  const js = jetstream(hub.nc);
  const subject = subjectsFor(hub.scope.env.NATS_NAMESPACE).orderPlaced('de');
  const first = placed(1, 5_000);
  // Distinct message ids: JetStream's own duplicate window does not drop them, so the consumer sees each.
  await js.publish(subject, JSON.stringify(first), { msgID: 'sample-1-a' });
  await js.publish(subject, JSON.stringify({ ...first, grandTotal: 9_999, version: 2 }), { msgID: 'sample-1-b' });
  await js.publish(subject, JSON.stringify({ type: 'order.placed', orderId: 'not-a-uuid' }), { msgID: 'sample-bad' });
  await js.publish(subject, JSON.stringify(placed(2, 7_000)), { msgID: 'sample-2' });
  await eventually(
    async () => settled,
    (count) => count >= 4,
  );
  const rows = await hub.app.orm.em
    .fork()
    .getConnection()
    .execute<Array<{ order_id: string; grand_total: number; lines: unknown }>>(
      `select order_id, grand_total::int as grand_total, lines from order_rules.order_sample where order_id::text like '00000000-0000-4000-9000-%' order by order_id`,
    );
  expect(rows).toEqual([
    { order_id: first.orderId, grand_total: 5_000, lines: [{ sku: 'TSH-01-1', quantity: 2, attributes: { category: 'APPAREL' } }] },
    { order_id: placed(2, 0).orderId, grand_total: 7_000, lines: [{ sku: 'TSH-01-1', quantity: 2, attributes: { category: 'APPAREL' } }] },
  ]);
});
