import { randomUUID } from 'node:crypto';
import type { NatsConnection } from '@nats-io/transport-node';
import type { NoticeIntent } from '@hub/shared/notices/notice-contracts';
import { renderNotice } from '@hub/shared/notices/notice-text';
import { connectTestNats } from '@hub/shared/testing/harness';
import { recordNotices, urgentJourneyStep } from '@hub/shared/testing/notice-recorder';
import { orderInput, startDeTestHub, type DeTestHub } from './de-test-kit.js';

/** Tracking's notice intents reach DE customers through the shared region path; an erasure takes their preference with it. */
let hub: DeTestHub;
let nc: NatsConnection;
const notices = recordNotices();
const { sent } = notices;

beforeAll(async () => {
  hub = await startDeTestHub('de-notices', {}, {}, notices.regionOptions);
  nc = await connectTestNats(hub.scope.env);
});
afterAll(async () => {
  await nc?.close();
  await hub?.close();
});

const subject = 'cust-de-notices';
const intent = (orderId: string) => urgentJourneyStep('de', subject, { orderId });
const deliver = (notice: NoticeIntent) => notices.deliver(nc, hub.scope.env.NATS_NAMESPACE, notice);

it("sends a DE customer's notices by e-mail in their chosen language, and in the region's after erasure took the choice", async () => {
  const customer = await hub.token({ subject, role: 'customer', regions: ['de'] });
  const orderId = await hub.place(customer, orderInput());
  const chosen = await hub.gql(
    `mutation { deNoticePreferenceSet(input: { language: "en", timeZone: "Europe/Lisbon" }) { userErrors { code } } }`,
    {},
    customer,
  );
  expect(chosen.data.deNoticePreferenceSet.userErrors).toEqual([]);

  const first = intent(orderId);
  expect(await deliver(first)).toBe('sent');
  expect(sent.at(-1)).toMatchObject({ channel: 'email', to: 'anna.schmidt@example.de', text: renderNotice(first, 'en', 'Europe/Lisbon') });

  // The order is still open, so its contact stays until it closes; the preference goes at once.
  const erased = await hub.gql(`mutation { requestDeErasure { deferredOrders } }`, {}, customer);
  expect(erased.data.requestDeErasure).toEqual({ deferredOrders: 1 });
  expect(await hub.sql(`select 1 from region_de.notice_preference where customer_ref = ?`, [subject])).toEqual([]);

  const second = intent(orderId);
  expect(await deliver(second)).toBe('sent');
  expect(sent.at(-1)).toMatchObject({ channel: 'email', to: 'anna.schmidt@example.de', text: renderNotice(second, 'de', 'Europe/Berlin') });
  expect(renderNotice(second, 'de', 'Europe/Berlin')).not.toBe(renderNotice(second, 'en', 'Europe/Lisbon'));
});

it('sends nothing for an order region-de holds no contact for', async () => {
  const before = sent.length;
  expect(await deliver(intent(randomUUID()))).toBe('no-contact');
  expect(sent.length).toBe(before);
});
