import { isKeyNode, type EventKind } from '../../events/domain/event-kinds.js';

/** Service tiers decide how much a customer hears; the tier is a business fact about the pseudonymous customer. */
export const CUSTOMER_TIERS = ['ORDINARY', 'VIP', 'B2B'] as const;
export type CustomerTier = (typeof CUSTOMER_TIERS)[number];

export type NoticeTopic = 'JOURNEY_STEP' | 'DELAY_WARNING' | 'BATCH_PROGRESS';

export interface NoticePlan {
  topic: NoticeTopic;
  /** VIP notices say where the parcel is; the others name the step only. */
  includeLocation: boolean;
}

/**
 * Which steps a customer is told about: ordinary customers the key nodes (created, outbound, first scan, out
 * for delivery, signed, refused), VIPs every step with its location, B2B buyers none one by one — they get
 * periodic batch progress instead, since hundreds of parcels would otherwise flood their inbox.
 */
export function planStepNotice(tier: CustomerTier, kind: EventKind): NoticePlan | null {
  switch (tier) {
    case 'VIP':
      return { topic: 'JOURNEY_STEP', includeLocation: true };
    case 'ORDINARY':
      return isKeyNode(kind) ? { topic: 'JOURNEY_STEP', includeLocation: false } : null;
    case 'B2B':
      return null;
  }
}

/** Every tier hears of a predicted delay: the promise was made to each of them. */
export const planDelayNotice = (tier: CustomerTier): NoticePlan => ({ topic: 'DELAY_WARNING', includeLocation: tier === 'VIP' });
