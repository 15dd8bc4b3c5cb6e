import type { EntityManager } from '@mikro-orm/postgresql';
import type { OrderStatus } from '@hub/shared/messaging/contracts';
import { DeOrderContact } from '../orders/de-order-contact.entity.js';
import { contactValue, invoiceAddressOf } from '../privacy/personal-data.source.js';
import { planErasure, RESTRICTION_LEGAL_BASIS } from '../rules/erasure.rules.js';
import type { DePersonalField } from '../rules/personal-fields.js';
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
  const given = (field: DePersonalField) => contactValue(contact, field) !== null;
  const base = { customerRef, orderId: contact.orderId, actor };
  const { documentDate } = command.history;
  const plan = planErasure({ status: command.status, everPaid: documentDate !== null });
  if (plan.kind === 'DEFER') {
    if (!contact.erasureRequestedAt) {
      contact.erasureRequestedAt = now;
      recordPrivacyAction(em, now, { ...base, action: 'ERASURE_DEFERRED', fields: [], legalBasis: plan.legalBasis });
    }
    await em.flush();
    return 'deferred';
  }
  if (plan.retentionClass && documentDate) {
    const invoice = invoiceAddressOf(contact);
    em.create(DeRestrictedInvoiceData, {
      orderId: contact.orderId,
      customerRef,
      customerName: contact.customerName,
      vatId: contact.vatId ?? null,
      ...invoice,
      documentDate,
      retentionClass: plan.retentionClass,
      restrictedAt: now,
    });
    recordPrivacyAction(em, now, {
      ...base,
      action: 'RESTRICTED',
      fields: plan.retain.filter(given),
      legalBasis: `${RESTRICTION_LEGAL_BASIS}; ${RETENTION_CLASSES[plan.retentionClass].legalBasis}; kept until ${retentionEndsOn(documentDate, plan.retentionClass)}`,
    });
  }
  em.remove(contact);
  // Only fields that held a value are recorded as erased: one never given stays "never given" (null) for its reader.
  recordPrivacyAction(em, now, { ...base, action: 'ERASED', fields: plan.erase.filter(given), legalBasis: plan.legalBasis });
  await em.flush();
  return plan.retentionClass ? 'restricted' : 'erased';
}
