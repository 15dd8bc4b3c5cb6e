import { LockMode, type EntityManager, type MikroORM } from '@mikro-orm/postgresql';
import { actorOf, type Principal } from '../../auth/principal.js';
import { enqueueCoreCommand } from '../../commands/command-outbox.js';
import type { CommandOutcomeHandlers } from '../../commands/command-relay.js';
import { DomainError, ForbiddenError } from '../../errors.js';
import type { PaymentPlan } from '../../promotions/payment-stacking.rules.js';
import { FinalPaymentRefusedError, judgeFinalPayment, reminderSchedule } from '../../promotions/presale-window.rules.js';
import { RegionalOrder } from '../regional-order.entity.js';
import { withFinalPaymentRefused, type OrderPayment } from './order-payment.js';
import { applyPointsChange, balanceOf } from './points-ledger.js';
import { PresaleReminder } from './presale-reminder.entity.js';

/** The command purpose of a presale's final payment: core records the order as PAID, and fulfilment takes it. */
export const FINAL_PAYMENT_PURPOSE = 'order.final-payment';

/**
 * At placement, in the placement's transaction: the points the order spends leave the balance (refused, and the
 * whole placement with it, when the balance does not cover them) and the presale's reminders are scheduled.
 */
export async function recordPaymentAtPlacement(em: EntityManager, order: { orderId: string; customerRef: string }, plan: PaymentPlan, at: Date): Promise<void> {
  if (plan.pointsUsed > 0) {
    await applyPointsChange(
      em,
      {
        customerRef: order.customerRef,
        entryKey: `spend:${order.orderId}`,
        kind: 'SPENT',
        points: -plan.pointsUsed,
        orderId: order.orderId,
        reason: 'paid part of the order',
      },
      at,
    );
  }
  if (plan.presale) {
    for (const reminder of reminderSchedule(plan.presale)) {
      em.create(PresaleReminder, {
        orderId: order.orderId,
        reminderNo: reminder.reminderNo,
        customerRef: order.customerRef,
        dueAt: reminder.dueAt,
        sentAt: null,
        outcome: null,
      });
    }
  }
}

/** Customers pay their own orders; operators and customer service of the region (a payment taken by phone) and admins any. */
function assertMayPay(principal: Principal, order: RegionalOrder, region: string): void {
  if (principal.role === 'admin') return;
  if (principal.role === 'customer' && principal.subject === order.customerRef && principal.regions.includes(region)) return;
  if ((principal.role === 'operator' || principal.role === 'customer_service') && principal.regions.includes(region)) return;
  throw new ForbiddenError('The caller may not pay this order');
}

/**
 * A presale's final payment and the points an order earns, kept on the region's own order record. The final
 * payment locks the order row, so two attempts are decided one after the other: the first inside the window records
 * it and queues `PAID` for core in the same transaction; any repeat answers the order as it is (idempotent).
 */
export class OrderPaymentService {
  constructor(
    private readonly orm: MikroORM,
    private readonly region: string,
    private readonly commandsQueued: () => void,
    private readonly clock: () => Date,
  ) {}

  async payFinal(principal: Principal, orderId: string): Promise<RegionalOrder> {
    const order = await this.orm.em.fork().transactional(async (em) => {
      const record = await em.findOne(RegionalOrder, { orderId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!record) throw new DomainError('NOT_FOUND', 'No such order in this region.', { field: 'orderId' });
      assertMayPay(principal, record, this.region);
      const payment = record.payment ?? null;
      if (!payment?.presale) throw new FinalPaymentRefusedError('NOT_A_PRESALE', 'The order was not placed in a presale; it has no final payment.');
      if (payment.finalPaidAt !== null) return record;
      if (record.registration === 'REJECTED' || record.status === 'CANCELLED') {
        throw new FinalPaymentRefusedError('INVALID_STATUS_TRANSITION', 'The order is void; its final payment cannot be taken.');
      }
      const now = this.clock();
      const verdict = judgeFinalPayment(payment.presale, now);
      if (!verdict.ok) throw new FinalPaymentRefusedError(verdict.code, verdict.message);
      record.payment = { ...payment, finalPaidAt: now.toISOString() };
      await enqueueCoreCommand(em, {
        commandId: `final-payment:${orderId}`,
        orderId,
        kind: 'order.transition',
        purpose: FINAL_PAYMENT_PURPOSE,
        body: {
          to: 'PAID',
          occurredAt: now.toISOString(),
          actor: actorOf(principal),
          note: `presale final payment ${payment.finalDue} ${payment.currency} minor units`,
        },
      });
      await em.flush();
      return record;
    });
    this.commandsQueued();
    return order;
  }
}

/**
 * Core's verdict on a final payment, in the relay's transaction. A refusal (the order was cancelled or paid in core
 * meanwhile) is recorded on the order's payment plan: the customer's cash was taken, so it must not vanish into the
 * command log alone.
 */
export const finalPaymentCommandHandlers: Record<string, CommandOutcomeHandlers> = {
  [FINAL_PAYMENT_PURPOSE]: {
    async onRejected(em, command, rejection) {
      const record = await em.findOne(RegionalOrder, { orderId: command.orderId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!record?.payment) return;
      record.payment = withFinalPaymentRefused(record.payment, rejection, new Date());
      await em.flush();
    },
  },
};

/** Whether an order reaching this status earns (PAID) or gives back (CANCELLED) points: the statuses `settlePointsOnOrderEvent` acts on. */
export const settlesPoints = (status: string): boolean => status === 'PAID' || status === 'CANCELLED';

/**
 * Core's order events, in the consumer's transaction: an order that reached PAID earns its points (once: the
 * ledger key is the order), and an order cancelled before it was paid gives back the points it spent.
 */
export async function settlePointsOnOrderEvent(em: EntityManager, orderId: string, status: string, at: Date): Promise<void> {
  if (!settlesPoints(status)) return;
  const record = await em.findOne(RegionalOrder, { orderId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  const payment = record?.payment;
  if (!record || !payment) return;
  if (status === 'PAID' && payment.pointsToEarn > 0 && payment.pointsEarned === null) {
    await applyPointsChange(
      em,
      { customerRef: record.customerRef, entryKey: `earn:${orderId}`, kind: 'EARNED', points: payment.pointsToEarn, orderId, reason: 'order paid' },
      at,
    );
    record.payment = { ...payment, pointsEarned: payment.pointsToEarn };
  }
  if (status === 'CANCELLED') await returnPointsOfVoidOrder(em, record, payment, at);
  await em.flush();
}

/**
 * A void order (cancelled, or refused by core) gives back the points it spent and takes back those it earned (as far
 * as the balance goes: it never turns negative); keyed by the order, so only once.
 */
export async function returnPointsOfVoidOrder(em: EntityManager, record: RegionalOrder, payment: OrderPayment, at: Date): Promise<void> {
  if (payment.pointsReturnedOnVoid !== undefined) return;
  const change = { customerRef: record.customerRef, orderId: record.orderId };
  if (payment.pointsUsed > 0) {
    await applyPointsChange(em, { ...change, entryKey: `void:${record.orderId}`, kind: 'REFUNDED', points: payment.pointsUsed, reason: 'order void' }, at);
  }
  const earnedBack = Math.min(payment.pointsEarned ?? 0, await balanceOf(em, record.customerRef));
  if (earnedBack > 0) {
    await applyPointsChange(
      em,
      { ...change, entryKey: `void-earned:${record.orderId}`, kind: 'EARNED_REVERSED', points: -earnedBack, reason: 'order void' },
      at,
    );
  }
  record.payment = { ...payment, pointsReturnedOnVoid: payment.pointsUsed };
}
