import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { Migration } from '@mikro-orm/migrations';
import { createLogger } from '../src/logger.js';
import { ProcessedMessage } from '../src/messaging/processed-message.entity.js';
import { NoticeConsumer, type NoticeRecipient } from '../src/notices/notice-consumer.js';
import { loadNoticePreference, NoticePreferenceMigration, NoticePreferenceRecord } from '../src/notices/notice-preference.js';
import type { NoticeIntent } from '../src/notices/notice-contracts.js';
import type { OutgoingNotice } from '../src/notices/notice-sender.js';
import { ensureTrackingStreams, trackingSubjectsFor } from '../src/notices/tracking-subjects.js';
import { openDatabase, type MikroORM } from '../src/persistence/orm.js';
import { connectTestNats, createTestScope } from '../src/testing/harness.js';

class NoticeTestSchema extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "notice_test"."processed_message" ("consumer" varchar(100) not null, "message_id" varchar(200) not null, "processed_at" timestamptz not null, primary key ("consumer", "message_id"))`,
    );
  }
}

const scope = createTestScope('notices');
const RULED_ORDER = '0193a6f1-8e2c-7c3e-9d2f-00000000a11e';
const subjects = trackingSubjectsFor(scope.env.NATS_NAMESPACE);
const sent: OutgoingNotice[] = [];
const outcomes: Array<{ noticeId: string; outcome: string }> = [];
const waiters = new Set<() => void>();
let orm: MikroORM;
let nc: NatsConnection;
let consumer: NoticeConsumer;

const now = new Date();
const minute = (at: Date) => at.getUTCHours() * 60 + at.getUTCMinutes();
const RECIPIENTS: Record<string, NoticeRecipient | null> = {
  'c-de': { email: 'kunde@example.de', language: 'de', timeZone: 'Europe/Berlin' },
  'c-quiet': {
    phone: '+8613800000000',
    language: 'zh',
    timeZone: 'UTC',
    quietHours: { startMinute: (minute(now) + 1380) % 1440, endMinute: (minute(now) + 60) % 1440, timeZone: 'UTC' },
  },
  'c-none': null,
  // Region defaults (German, Berlin, no quiet hours); the customer's stored preference overrides them.
  'c-pref': { email: 'pelanggan@example.id', language: 'de', timeZone: 'Europe/Berlin' },
};

beforeAll(async () => {
  orm = await openDatabase({
    clientUrl: scope.env.DATABASE_URL,
    schema: 'notice_test',
    entities: [ProcessedMessage, NoticePreferenceRecord],
    migrations: { NoticeTestSchema, NoticePreferenceMigration },
  });
  nc = await connectTestNats(scope.env);
  await ensureTrackingStreams(nc, subjects);
  consumer = new NoticeConsumer({
    nc,
    em: orm.em,
    logger: createLogger('notices-test', 'silent'),
    subjects,
    region: 'de',
    resolveRecipient: async (intent) => RECIPIENTS[intent.customerRef] ?? null,
    preferences: loadNoticePreference,
    // The order's notification rules as the region stored them at placement: consumers hear no journey steps, delays at once.
    noticeRules: async (orderId) => (orderId === RULED_ORDER ? { suppressed: ['JOURNEY_STEP'], urgent: ['DELAY_WARNING'] } : null),
    sender: { send: async (notice) => void sent.push(notice) },
    onSettled: (outcome) => {
      outcomes.push(outcome);
      waiters.forEach((wake) => wake());
    },
  });
  await consumer.start();
});

afterAll(async () => {
  await consumer?.stop();
  await nc?.close();
  await orm?.close();
  await scope.dispose();
});

const settledCount = (n: number) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`only ${outcomes.length} of ${n} notices settled`)), 15_000);
    const check = () => {
      if (outcomes.length < n) return;
      clearTimeout(timer);
      waiters.delete(check);
      resolve();
    };
    waiters.add(check);
    check();
  });

const intent = (customerRef: string, noticeId: string): NoticeIntent => ({
  type: 'notice.intent',
  noticeId,
  region: 'de',
  customerRef,
  orderId: '0193a6f1-8e2c-7c3e-9d2f-1a2b3c4d5e6f',
  tier: 'ORDINARY',
  topic: 'JOURNEY_STEP',
  step: 'OUT_FOR_DELIVERY',
  occurredAt: now.toISOString(),
});

it("sends each notice once, in the customer's language, defers quiet hours, and drops what it cannot deliver", async () => {
  const js = jetstream(nc);
  const publish = (payload: unknown, msgID: string) => js.publish(subjects.notices('de'), JSON.stringify(payload), { msgID });
  await publish(intent('c-de', 'JOURNEY_STEP:s1:e1:ORDINARY'), 'm1');
  await publish(intent('c-de', 'JOURNEY_STEP:s1:e1:ORDINARY'), 'm2'); // the same notice again past JetStream's window
  await publish(intent('c-quiet', 'JOURNEY_STEP:s2:e1:ORDINARY'), 'm3');
  await publish(intent('c-none', 'JOURNEY_STEP:s3:e1:ORDINARY'), 'm4');
  await publish({ type: 'notice.intent', noticeId: 'x' }, 'm5');
  await settledCount(5);
  expect(outcomes.map((o) => o.outcome).sort()).toEqual(['deferred', 'duplicate', 'no-contact', 'sent', 'terminated']);
  expect(sent).toEqual([
    { noticeId: 'JOURNEY_STEP:s1:e1:ORDINARY', channel: 'email', to: 'kunde@example.de', subject: 'Parcel update', text: 'Ihre Sendung ist in Zustellung' },
  ]);
});

it("applies the customer's stored language and quiet hours: a normal notice waits, an urgent one goes now in their language", async () => {
  const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  // Quiet from an hour ago to an hour ahead, in Jakarta time (UTC+7, no DST).
  const jakarta = (minute(now) + 7 * 60) % 1440;
  const em = orm.em.fork();
  em.create(NoticePreferenceRecord, {
    customerRef: 'c-pref',
    language: 'id',
    timeZone: 'Asia/Jakarta',
    quietHours: `${hhmm((jakarta + 1380) % 1440)}-${hhmm((jakarta + 60) % 1440)}`,
    updatedAt: now,
  });
  await em.flush();
  const before = outcomes.length;
  const js = jetstream(nc);
  await js.publish(subjects.notices('de'), JSON.stringify(intent('c-pref', 'JOURNEY_STEP:s4:e1:ORDINARY')), { msgID: 'p1' });
  await js.publish(
    subjects.notices('de'),
    JSON.stringify({ ...intent('c-pref', 'JOURNEY_STEP:s4:e2:ORDINARY'), step: 'DELIVERY_REFUSED', urgency: 'URGENT' }),
    {
      msgID: 'p2',
    },
  );
  await settledCount(before + 2);
  expect(Object.fromEntries(outcomes.slice(before).map((o) => [o.noticeId, o.outcome]))).toEqual({
    'JOURNEY_STEP:s4:e1:ORDINARY': 'deferred',
    'JOURNEY_STEP:s4:e2:ORDINARY': 'sent',
  });
  expect(sent.at(-1)).toEqual({
    noticeId: 'JOURNEY_STEP:s4:e2:ORDINARY',
    channel: 'email',
    to: 'pelanggan@example.id',
    subject: 'Parcel update',
    text: 'Paket Anda ditolak saat pengantaran',
  });
});

it("follows the order's notification rules: a suppressed kind is settled unsent, an urgent one goes out in quiet hours", async () => {
  const before = outcomes.length;
  const sentBefore = sent.length;
  const js = jetstream(nc);
  const ruled = (noticeId: string, topic: NoticeIntent['topic']): NoticeIntent => ({
    ...intent('c-quiet', noticeId),
    orderId: RULED_ORDER,
    topic,
    ...(topic === 'DELAY_WARNING' ? { step: undefined, eta: new Date(now.getTime() + 86_400_000).toISOString() } : {}),
  });
  await js.publish(subjects.notices('de'), JSON.stringify(ruled('JOURNEY_STEP:r1:e1:ORDINARY', 'JOURNEY_STEP')), { msgID: 'r1' });
  await js.publish(subjects.notices('de'), JSON.stringify(ruled('DELAY_WARNING:r1:w1:ORDINARY', 'DELAY_WARNING')), { msgID: 'r2' });
  await settledCount(before + 2);
  expect(Object.fromEntries(outcomes.slice(before).map((o) => [o.noticeId, o.outcome]))).toEqual({
    'JOURNEY_STEP:r1:e1:ORDINARY': 'suppressed',
    'DELAY_WARNING:r1:w1:ORDINARY': 'sent',
  });
  // c-quiet is in its quiet hours: only the rule made the delay urgent.
  expect(sent.slice(sentBefore).map((notice) => [notice.noticeId, notice.to])).toEqual([['DELAY_WARNING:r1:w1:ORDINARY', '+8613800000000']]);
});
