import type { EntityManager } from '@mikro-orm/postgresql';
import type { JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from '../logger.js';
import { ProcessedMessage } from '../messaging/processed-message.entity.js';
import { consumeDurably, type DurableLoop } from '../messaging/streams.js';
import { noticeIntentSchema, type NoticeIntent } from './notice-contracts.js';
import type { NoticeSender } from './notice-sender.js';
import { planNoticeDelivery, type NoticePreference } from './notice-delivery.js';
import { renderNotice } from './notice-text.js';
import { applyNoticeRules, type NoticeRulesDecision } from './notice-rules.js';
import type { QuietHours } from './quiet-hours.js';
import type { TrackingSubjects } from './tracking-subjects.js';

/** What a region knows about how to reach a customer; resolved from its own tables, never sent anywhere else. */
export interface NoticeRecipient {
  email?: string | null;
  phone?: string | null;
  language?: string | null;
  timeZone: string;
  quietHours?: QuietHours | null;
}

/** The region's lookup: by the pseudonymous customer and (when given) the order the notice is about. */
export type ResolveRecipient = (intent: NoticeIntent, em: EntityManager) => Promise<NoticeRecipient | null>;

export interface NoticeConsumerOptions {
  nc: NatsConnection;
  em: EntityManager;
  logger: Logger;
  subjects: TrackingSubjects;
  region: string;
  resolveRecipient: ResolveRecipient;
  /** The customer's own language, zone and quiet hours (the region's `notice_preference`); the recipient's are the defaults. */
  preferences?: (customerRef: string, em: EntityManager) => Promise<NoticePreference | null>;
  sender: NoticeSender;
  /** What the order's notification rules decided at placement (suppress a kind, send it at once); null: no rules. */
  noticeRules?: (orderId: string, em: EntityManager) => Promise<NoticeRulesDecision | null>;
  now?: () => Date;
  onSettled?: (outcome: { noticeId: string; outcome: 'sent' | 'duplicate' | 'deferred' | 'no-contact' | 'suppressed' | 'terminated' | 'retry' }) => void;
}

const SUBJECTS: Record<NoticeIntent['topic'], string> = {
  JOURNEY_STEP: 'Parcel update',
  DELAY_WARNING: 'Parcel delayed',
  BATCH_PROGRESS: 'Shipment progress',
  FINAL_PAYMENT_DUE: 'Final payment due',
};

/**
 * The region side of tracking's notices: a durable consumer of `notices.<region>` that resolves the contact
 * from the region's own data, waits out the customer's quiet hours unless the notice is urgent (the message is
 * redelivered when they end), renders the text in the customer's language (their preference over the region's)
 * and sends it once: the notice id is recorded as processed in the same transaction, and a send that fails
 * rolls it back for a retry. The order's notification rules (decided at placement) may suppress a kind of notice or
 * send it at once. Logs carry notice ids, never contacts.
 */
export class NoticeConsumer {
  private loop: DurableLoop | undefined;

  constructor(private readonly options: NoticeConsumerOptions) {}

  async start(): Promise<void> {
    const { nc, subjects, region } = this.options;
    this.loop = await consumeDurably({
      nc,
      stream: subjects.trackingStream,
      logger: this.options.logger,
      spec: { durable_name: subjects.noticeConsumer(region), filter_subject: subjects.notices(region) },
      handle: (message) => this.settle(message),
    });
  }

  async stop(): Promise<void> {
    await this.loop?.stop();
  }

  private async settle(message: JsMsg): Promise<void> {
    const { logger, onSettled } = this.options;
    const parsed = noticeIntentSchema.safeParse(message.json());
    if (!parsed.success) {
      logger.error({ subject: message.subject }, 'invalid notice intent; terminated');
      message.term();
      onSettled?.({ noticeId: '', outcome: 'terminated' });
      return;
    }
    const intent = parsed.data;
    try {
      const outcome = await this.deliver(intent, message);
      if (outcome !== 'deferred') await message.ackAck();
      onSettled?.({ noticeId: intent.noticeId, outcome });
    } catch (error) {
      logger.warn({ noticeId: intent.noticeId, err: error instanceof Error ? { type: error.name } : undefined }, 'notice delivery failed; will retry');
      message.nak(Math.min(60_000, 1_000 * 2 ** Math.min(message.info.deliveryCount, 6)));
      onSettled?.({ noticeId: intent.noticeId, outcome: 'retry' });
    }
  }

  private async deliver(intent: NoticeIntent, message: JsMsg): Promise<'sent' | 'duplicate' | 'deferred' | 'no-contact' | 'suppressed'> {
    const { em, resolveRecipient, sender, subjects, region } = this.options;
    const now = this.options.now?.() ?? new Date();
    return em.fork().transactional(async (tx) => {
      const ruled = applyNoticeRules(intent.orderId && this.options.noticeRules ? await this.options.noticeRules(intent.orderId, tx) : null, intent);
      // A kind the order's rules suppress is settled without a send: acknowledged, and nothing about the customer read.
      if (!ruled.send) return 'suppressed';
      const recipient = await resolveRecipient(intent, tx);
      const to = recipient?.email ?? recipient?.phone;
      if (!recipient || !to) return 'no-contact';
      const preference = (await this.options.preferences?.(intent.customerRef, tx)) ?? null;
      const { language, timeZone, sendAt } = planNoticeDelivery({ urgency: ruled.urgency, defaults: recipient, preference, now });
      if (sendAt.getTime() > now.getTime()) {
        message.nak(sendAt.getTime() - now.getTime());
        return 'deferred';
      }
      const claimed = await tx
        .createQueryBuilder(ProcessedMessage)
        .insert({ consumer: subjects.noticeConsumer(region), messageId: intent.noticeId, processedAt: now })
        .onConflict(['consumer', 'messageId'])
        .ignore()
        .execute('run');
      if (claimed.affectedRows === 0) return 'duplicate';
      await sender.send({
        noticeId: intent.noticeId,
        channel: recipient.email ? 'email' : 'sms',
        to,
        subject: SUBJECTS[intent.topic],
        text: renderNotice(intent, language, timeZone),
      });
      return 'sent';
    });
  }
}
