import type { EntityManager } from '@mikro-orm/postgresql';
import type { OrderStatus } from '@hub/shared/messaging/contracts';
import { DeOrderContact } from '../orders/de-order-contact.entity.js';
import { invoiceAddressOf } from '../privacy/personal-data.source.js';
import { berlinDate } from '../rules/calendar.rules.js';
import { planErasure, RESTRICTION_LEGAL_BASIS } from '../rules/erasure.rules.js';
import { RETENTION_CLASSES, retentionEndsOn } from '../rules/retention.rules.js';
import { DeRestrictedInvoiceData } from './de-restricted-invoice-data.entity.js';
import type { OrderHistoryFacts } from './order-history.repository.js';
import { recordPrivacyAction } from './privacy-log.js';

export type OrderErasureOutcome = 'erased' | 'restricted' | 'deferred';

export interface OrderErasureCommand {
  contact: DeOrderContact;
  customerRef: string;
  status: OrderStatus | null;
  history: OrderHistoryFacts;
  createdAt: Date;
  now: Date;
  actor: string;
}

/**
 * Carries out an erasure request for one order, in the caller's transaction: defers it while the order is
 * open; otherwise moves what the invoice must keep to restricted storage and deletes the operational
 * record, writing each step with its legal reason.
 */
export async function eraseOrder(em: EntityManager, command: OrderErasureCommand): Promise<OrderErasureOutcome> {
  const { contact, customerRef, now, actor } = command;
  const base = { customerRef, orderId: contact.orderId, actor };
  const plan = planErasure({ status: command.status, everPaid: command.history.everPaid });
  if (plan.kind === 'DEFER') {
    if (!contact.erasureRequestedAt) {
      contact.erasureRequestedAt = now;
      recordPrivacyAction(em, now, { ...base, action: 'ERASURE_DEFERRED', fields: [], legalBasis: plan.legalBasis });
    }
    await em.flush();
    return 'deferred';
  }
  if (plan.retentionClass) {
    // The last change is the latest possible invoice or booking date (payment, delivery, refund), so retention never starts early.
    const documentDate = berlinDate(command.history.lastChangeAt ?? command.createdAt);
    const invoice = invoiceAddressOf(contact);
    em.create(DeRestrictedInvoiceData, {
      orderId: contact.orderId, customerRef, customerName: contact.customerName, vatId: contact.vatId ?? null, ...invoice,
      documentDate, retentionClass: plan.retentionClass, restrictedAt: now,
    });
    recordPrivacyAction(em, now, {
      ...base, action: 'RESTRICTED', fields: plan.retain,
      legalBasis: `${RESTRICTION_LEGAL_BASIS}; ${RETENTION_CLASSES[plan.retentionClass].legalBasis}; kept until ${retentionEndsOn(documentDate, plan.retentionClass)}`,
    });
  }
  em.remove(contact);
  recordPrivacyAction(em, now, { ...base, action: 'ERASED', fields: plan.erase, legalBasis: plan.legalBasis });
  await em.flush();
  return plan.retentionClass ? 'restricted' : 'erased';
}

