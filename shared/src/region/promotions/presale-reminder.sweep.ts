import { LockMode, type MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '../../logger.js';
import type { NoticeIntent } from '../../notices/notice-contracts.js';
import { enqueueEvent } from '../../messaging/outbox.js';
import type { TrackingSubjects } from '../../notices/tracking-subjects.js';
import { RegionalOrder } from '../regional-order.entity.js';
import { cashStillDue } from './order-payment.js';
import { PresaleReminder } from './presale-reminder.entity.js';

export interface PresaleReminderSweepOptions {
  orm: MikroORM;
  logger: Logger;
  region: string;
  subjects: Pick<TrackingSubjects, 'notices'>;
  clock: () => Date;
  /** Called after a batch queued intents, so the outbox relay publishes them at once. */
  onQueued: () => void;
  batchSize?: number;
}

/**
 * Sends a presale's final-payment reminders on the rule's rhythm, as notice intents to the region's own notice
 * consumer (which resolves the contact, respects quiet hours and sends once). Each pass claims at most one batch of
 * due reminders (`for update skip locked`, so two instances never claim the same row), queues each as an outbox
 * event whose message id is the notice id, and marks it in the same transaction: every reminder goes out exactly
 * once. A reminder of an order already paid, void, or past its window is marked SKIPPED instead.
 */
export class PresaleReminderSweep {
  constructor(private readonly options: PresaleReminderSweepOptions) {}

  async run(): Promise<number> {
    const { orm, region, subjects, batchSize = 100 } = this.options;
    const now = this.options.clock();
    const queued = await orm.em.fork().transactional(async (em) => {
      const due = await em.find(
        PresaleReminder,
        { sentAt: null, dueAt: { $lte: now } },
        { orderBy: { dueAt: 'asc' }, limit: batchSize, lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE },
      );
      if (due.length === 0) return 0;
      const orders = new Map((await em.find(RegionalOrder, { orderId: { $in: [...new Set(due.map((r) => r.orderId))] } })).map((o) => [o.orderId, o]));
      let sent = 0;
      for (const reminder of due) {
        const order = orders.get(reminder.orderId);
        const payment = order?.payment;
        const amountDue = payment ? cashStillDue(payment) : 0;
        const open = payment?.presale && now.getTime() < Date.parse(payment.presale.finalClosesAt);
        const void_ = !order || order.registration === 'REJECTED' || order.status === 'CANCELLED';
        reminder.sentAt = now;
        if (!payment?.presale || !open || void_ || amountDue === 0) {
          reminder.outcome = 'SKIPPED';
          continue;
        }
        const intent: NoticeIntent = {
          type: 'notice.intent',
          noticeId: `presale-final:${reminder.orderId}:${reminder.reminderNo}`,
          region,
          customerRef: reminder.customerRef,
          orderId: reminder.orderId,
          tier: 'ORDINARY',
          topic: 'FINAL_PAYMENT_DUE',
          finalPayment: { amountDue, currency: payment.currency, closesAt: payment.presale.finalClosesAt },
          occurredAt: now.toISOString(),
        };
        enqueueEvent(em, subjects.notices(region), intent.noticeId, intent);
        reminder.outcome = 'SENT';
        sent += 1;
      }
      await em.flush();
      return sent;
    });
    if (queued > 0) {
      this.options.logger.info({ region, reminders: queued }, 'presale final-payment reminders queued');
      this.options.onQueued();
    }
    return queued;
  }
}
