import { randomUUID } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { NoticeConsumerOptions } from '../notices/notice-consumer.js';
import type { NoticeIntent } from '../notices/notice-contracts.js';
import type { NoticeSender, OutgoingNotice } from '../notices/notice-sender.js';
import { trackingSubjectsFor } from '../notices/tracking-subjects.js';

type Outcome = Parameters<NonNullable<NoticeConsumerOptions['onSettled']>>[0]['outcome'];

/**
 * What a region test needs around the region's notices: a sender that keeps what was sent, and a way to publish
 * tracking's intent and wait for the outcome the region settled it with (no sleeps: the region's own hook says when).
 * `regionOptions` go to the region app (`noticeSender`, `onNoticeSettled`).
 */
export function recordNotices() {
  const sent: OutgoingNotice[] = [];
  const outcomes = new Map<string, Outcome>();
  const waiting = new Map<string, () => void>();
  const sender: NoticeSender = { send: async (notice) => void sent.push(notice) };
  const onNoticeSettled: NonNullable<NoticeConsumerOptions['onSettled']> = ({ noticeId, outcome }) => {
    // Not final: the region settles the same notice again later.
    if (outcome === 'retry' || outcome === 'deferred') return;
    outcomes.set(noticeId, outcome);
    waiting.get(noticeId)?.();
  };
  return {
    sent,
    regionOptions: { noticeSender: sender, onNoticeSettled },
    /** Publishes the intent on the region's notice subject; resolves with the region's final outcome for it. */
    async deliver(nc: NatsConnection, namespace: string, notice: NoticeIntent): Promise<Outcome> {
      const settled = new Promise<Outcome>((resolve) => waiting.set(notice.noticeId, () => resolve(outcomes.get(notice.noticeId)!)));
      await jetstream(nc).publish(trackingSubjectsFor(namespace).notices(notice.region), JSON.stringify(notice), { msgID: notice.noticeId });
      return settled;
    },
  };
}

/**
 * A parcel-step notice from tracking, URGENT so it goes out at once whatever the hour where the customer is (the
 * tests do not depend on a region's night rest); `change` varies it.
 */
export function urgentJourneyStep(region: string, customerRef: string, change: Partial<NoticeIntent> = {}): NoticeIntent {
  return {
    type: 'notice.intent',
    noticeId: `JOURNEY_STEP:${randomUUID()}`,
    region,
    customerRef,
    tier: 'ORDINARY',
    topic: 'JOURNEY_STEP',
    step: 'OUT_FOR_DELIVERY',
    urgency: 'URGENT',
    occurredAt: new Date().toISOString(),
    ...change,
  };
}
