import { randomUUID } from 'node:crypto';
import type { NatsConnection } from '@nats-io/transport-node';
import type { NoticeIntent } from '@hub/shared/notices/notice-contracts';
import { renderNotice } from '@hub/shared/notices/notice-text';
import { connectTestNats } from '@hub/shared/testing/harness';
import { recordNotices, urgentJourneyStep } from '@hub/shared/testing/notice-recorder';
import { quickOrder, startSeaTestHub, type SeaTestHub } from './sea-test-hub.js';

/** Tracking's notice intents reach SEA customers by SMS, in their destination's language and time, through the shared region path. */
let hub: SeaTestHub;
let nc: NatsConnection;
const notices = recordNotices();
const { sent } = notices;

beforeAll(async () => {
  hub = await startSeaTestHub('sea-notices', notices.regionOptions);
  nc = await connectTestNats(hub.scope.env);
});
afterAll(async () => {
  await nc?.close();
  await hub?.close();
});

const customerRef = 'cust-sea-notices';
const intent = (change: Partial<NoticeIntent>) => urgentJourneyStep('sea', customerRef, change);
const deliver = (notice: NoticeIntent) => notices.deliver(nc, hub.scope.env.NATS_NAMESPACE, notice);

it("texts the buyer's phone in Indonesian on Jakarta time, for an order and for a B2B batch about no single order", async () => {
  const order = await quickOrder(hub, await hub.token({ subject: customerRef, role: 'customer' }));
  const rows = await hub.region.orm.em
    .fork()
    .getConnection()
    .execute<Array<{ customer_phone: string }>>(`select customer_phone from region_sea.sea_order_contact where order_id = ?`, [order.id]);
  const phone = rows[0]!.customer_phone;
  expect(phone).toMatch(/^\+62/);

  const step = intent({ orderId: order.id });
  expect(await deliver(step)).toBe('sent');
  expect(sent.at(-1)).toMatchObject({ channel: 'sms', to: phone, text: renderNotice(step, 'id', 'Asia/Jakarta') });

  const batch = intent({ noticeId: `BATCH_PROGRESS:${randomUUID()}`, tier: 'B2B', topic: 'BATCH_PROGRESS', progress: { delivered: 3, total: 5 } });
  delete batch.step;
  expect(await deliver(batch)).toBe('sent');
  expect(sent.at(-1)).toMatchObject({ channel: 'sms', to: phone, text: renderNotice(batch, 'id', 'Asia/Jakarta') });
});

it('sends nothing to a customer region-sea holds no order of', async () => {
  const before = sent.length;
  expect(await deliver(intent({ customerRef: 'cust-sea-unknown', noticeId: `BATCH_PROGRESS:${randomUUID()}`, topic: 'BATCH_PROGRESS' }))).toBe('no-contact');
  expect(sent.length).toBe(before);
});
