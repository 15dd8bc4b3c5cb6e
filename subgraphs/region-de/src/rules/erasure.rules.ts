import type { OrderStatus } from '@hub/shared/messaging/contracts';
import { DE_PERSONAL_FIELDS, isRetainedForInvoices, type DePersonalField } from './personal-fields.js';
import type { RetentionClass } from './retention.rules.js';

/** Statuses after which fulfilment no longer needs the order's personal data. */
export const ERASABLE_STATUSES: ReadonlySet<OrderStatus> = new Set<OrderStatus>(['SIGNED', 'CANCELLED', 'REFUNDED', 'RETURN_REJECTED']);

export interface ErasureFacts {
  /** The latest status region-de knows; null before core's first event arrived. */
  status: OrderStatus | null;
  /** The order was paid at some point, so an invoice or booking voucher exists. */
  everPaid: boolean;
}

export type ErasurePlan =
  | { kind: 'DEFER'; legalBasis: string }
  | { kind: 'ERASE'; erase: DePersonalField[]; retain: DePersonalField[]; retentionClass: RetentionClass | null; legalBasis: string };

export const ERASURE_LEGAL_BASIS = 'Art. 17(1)(a) GDPR: no longer necessary for the purposes collected';
export const RESTRICTION_LEGAL_BASIS = 'Art. 18(1) GDPR, §35(3) BDSG: kept only for statutory retention, processing restricted';
export const NOTICE_PREFERENCE_ERASURE_LEGAL_BASIS =
  'Art. 17(1)(a) GDPR: notice language, zone and quiet hours are a convenience, needed by no contract or law; erased on request';
export const CONSENT_ERASURE_LEGAL_BASIS = 'Art. 17(1)(a), (b) GDPR: marketing data erased on request, consent withdrawn (art. 7(3))';

/**
 * What an erasure request does to one order. While the order is being fulfilled its data is still needed to
 * perform the contract (art. 6(1)(b) GDPR), so erasure waits for the order to close. A paid order has an
 * invoice: what the invoice must show is kept and restricted until its retention ends; the rest goes now.
 * An order never paid has no booking voucher, so everything goes.
 */
export function planErasure(facts: ErasureFacts): ErasurePlan {
  if (facts.status === null || !ERASABLE_STATUSES.has(facts.status)) {
    return {
      kind: 'DEFER',
      legalBasis: 'Art. 17(1)(a) GDPR not yet met: the data is still necessary to perform the contract (art. 6(1)(b)); erased when the order closes',
    };
  }
  if (!facts.everPaid) {
    return { kind: 'ERASE', erase: [...DE_PERSONAL_FIELDS], retain: [], retentionClass: null, legalBasis: ERASURE_LEGAL_BASIS };
  }
  return {
    kind: 'ERASE',
    erase: DE_PERSONAL_FIELDS.filter((field) => !isRetainedForInvoices(field)),
    retain: DE_PERSONAL_FIELDS.filter(isRetainedForInvoices),
    retentionClass: 'INVOICE',
    legalBasis: ERASURE_LEGAL_BASIS,
  };
}
