import type { Principal } from '@hub/shared/auth/principal';
import type { Logger } from '@hub/shared/logger';
import type { MikroORM } from '@hub/shared/persistence/orm';
import { eraseNoticePreference } from '@hub/shared/notices/notice-preference';
import { RegionalOrder } from '@hub/shared/region/regional-order.entity';
import { DeMarketingConsentEvent } from '../consent/de-marketing-consent-event.entity.js';
import { DeOrderContact } from '../orders/de-order-contact.entity.js';
import { subjectOfRequest } from '../privacy/request-subject.js';
import { CONSENT_ERASURE_LEGAL_BASIS, NOTICE_PREFERENCE_ERASURE_LEGAL_BASIS } from '../rules/erasure.rules.js';
import { loadOrderHistoryFacts } from './order-history.repository.js';
import { eraseOrder, type OrderErasureOutcome } from './order-erasure.js';
import { recordPrivacyAction } from './privacy-log.js';

export interface ErasureReport {
  consentEventsDeleted: number;
  erasedOrders: number;
  restrictedOrders: number;
  deferredOrders: number;
}

const COUNTERS: Record<OrderErasureOutcome, keyof ErasureReport> = { erased: 'erasedOrders', restricted: 'restrictedOrders', deferred: 'deferredOrders' };

/**
 * GDPR art. 17 requests: marketing data and the notice preference go at once; each order's data as `eraseOrder`
 * decides; all in one transaction.
 */
export class ErasureService {
  constructor(
    private readonly orm: MikroORM,
    private readonly clock: () => Date,
    private readonly logger: Logger,
  ) {}

  async request(principal: Principal, customerRefArg: string | undefined): Promise<ErasureReport> {
    const customerRef = subjectOfRequest(principal, customerRefArg);
    const now = this.clock();
    const actor = principal.subject;
    const report = await this.orm.em.fork().transactional(async (em) => {
      const counts: ErasureReport = { consentEventsDeleted: 0, erasedOrders: 0, restrictedOrders: 0, deferredOrders: 0 };
      counts.consentEventsDeleted = await em.nativeDelete(DeMarketingConsentEvent, { customerRef });
      if (counts.consentEventsDeleted > 0) {
        recordPrivacyAction(em, now, {
          customerRef,
          orderId: null,
          action: 'CONSENTS_ERASED',
          fields: ['marketingConsents'],
          legalBasis: CONSENT_ERASURE_LEGAL_BASIS,
          actor,
        });
      }
      if (await eraseNoticePreference(customerRef, em)) {
        recordPrivacyAction(em, now, {
          customerRef,
          orderId: null,
          action: 'ERASED',
          fields: ['noticePreference'],
          legalBasis: NOTICE_PREFERENCE_ERASURE_LEGAL_BASIS,
          actor,
        });
      }
      const orders = await em.find(RegionalOrder, { customerRef });
      const contacts = await em.find(DeOrderContact, { orderId: { $in: orders.map((order) => order.orderId) } });
      const history = await loadOrderHistoryFacts(
        em,
        contacts.map((contact) => contact.orderId),
      );
      const byId = new Map(orders.map((order) => [order.orderId, order]));
      for (const contact of contacts) {
        const order = byId.get(contact.orderId)!;
        const outcome = await eraseOrder(em, {
          contact,
          customerRef,
          status: order.status ?? null,
          history: history.get(contact.orderId)!,
          now,
          actor,
        });
        counts[COUNTERS[outcome]] += 1;
      }
      await em.flush();
      return counts;
    });
    this.logger.info({ ...report }, 'erasure request carried out');
    return report;
  }
}
