import type { NoticeIntent } from './notice-contracts.js';
import { noticeLanguage, renderNotice } from './notice-text.js';

const intent = (change: Partial<NoticeIntent>): NoticeIntent => ({
  type: 'notice.intent',
  noticeId: 'JOURNEY_STEP:s:e:ORDINARY',
  region: 'cn',
  customerRef: 'c-1',
  tier: 'ORDINARY',
  topic: 'JOURNEY_STEP',
  occurredAt: '2026-12-02T10:00:00Z',
  ...change,
});

describe('renderNotice', () => {
  it.each([
    ['en', intent({ step: 'SIGNED' }), 'Your parcel has been delivered'],
    ['de', intent({ step: 'OUT_FOR_DELIVERY' }), 'Ihre Sendung ist in Zustellung'],
    ['zh', intent({ step: 'ARRIVED_AT_NODE', location: { nodeId: 'HZ-SORT-1', latitude: 30.2, longitude: 120.1 } }), '您的包裹有新动态（HZ-SORT-1）'],
    ['en', intent({ topic: 'BATCH_PROGRESS', progress: { delivered: 3, total: 10 } }), '3 of 10 parcels delivered'],
  ] as const)('%s: %s', (language, notice, expected) => {
    expect(renderNotice(notice, language, 'UTC')).toBe(expected);
  });

  it.each([
    ['en', 'CN¥630.00', 'Nov 12, 2026, 12:00'],
    ['zh', '¥630.00', '2026年11月12日 00:00'],
  ] as const)('%s: a presale final payment names the amount and the deadline in the customer zone', (language, amount, until) => {
    const notice = intent({ topic: 'FINAL_PAYMENT_DUE', finalPayment: { amountDue: 63_000, currency: 'CNY', closesAt: '2026-11-11T16:00:00Z' } });
    const text = renderNotice(notice, language, 'Asia/Shanghai');
    expect(text).toContain(amount);
    expect(text).toContain(until);
  });

  it("writes a delay in the customer's zone", () => {
    expect(renderNotice(intent({ topic: 'DELAY_WARNING', eta: '2026-12-02T10:00:00Z' }), 'en', 'Asia/Shanghai')).toContain('6:00');
  });

  it.each([
    ['de', 'de'],
    ['fr', 'en'],
    [null, 'en'],
  ] as const)('language %s → %s', (preferred, expected) => {
    expect(noticeLanguage(preferred)).toBe(expected);
  });
});
