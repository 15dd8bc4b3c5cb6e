import type { NoticeUrgency } from '@hub/shared/notices/notice-delivery';
import { isKeyNode, type EventKind } from '../../events/domain/event-kinds.js';

/** Service tiers decide how much a customer hears; the tier is a business fact about the pseudonymous customer. */
export const CUSTOMER_TIERS = ['ORDINARY', 'VIP', 'B2B'] as const;
export type CustomerTier = (typeof CUSTOMER_TIERS)[number];

export type NoticeTopic = 'JOURNEY_STEP' | 'DELAY_WARNING' | 'BATCH_PROGRESS';

export interface NoticePlan {
  topic: NoticeTopic;
  /** VIP notices say where the parcel is; the others name the step only. */
  includeLocation: boolean;
  /** URGENT notices reach the customer during their quiet hours (the region applies those; tracking never sees them). */
  urgency: NoticeUrgency;
}

/** Steps the customer must act on or be at home for today: held back until morning, they would come too late. */
const ACT_NOW: ReadonlySet<EventKind> = new Set<EventKind>(['OUT_FOR_DELIVERY', 'DELIVERY_ATTEMPTED', 'DELIVERY_REFUSED']);

/**
 * Which steps a customer is told about: ordinary customers the key nodes (created, outbound, first scan, out
 * for delivery, signed, refused), VIPs every step with its location, B2B buyers none one by one — they get
 * periodic batch progress instead, since hundreds of parcels would otherwise flood their inbox. Steps that need
 * the customer today (out for delivery, a failed attempt, a refusal) are urgent.
 */
export function planStepNotice(tier: CustomerTier, kind: EventKind): NoticePlan | null {
  switch (tier) {
    case 'VIP':
      return { topic: 'JOURNEY_STEP', includeLocation: true, urgency: ACT_NOW.has(kind) ? 'URGENT' : 'NORMAL' };
    case 'ORDINARY':
      return isKeyNode(kind) ? { topic: 'JOURNEY_STEP', includeLocation: false, urgency: ACT_NOW.has(kind) ? 'URGENT' : 'NORMAL' } : null;
    case 'B2B':
      return null;
  }
}

/**
 * Every tier hears of a predicted delay: the promise was made to each of them. Warnings come at least four
 * hours ahead, so for ordinary and B2B customers the end of quiet hours is soon enough; VIPs asked to hear at once.
 */
export const planDelayNotice = (tier: CustomerTier): NoticePlan => ({
  topic: 'DELAY_WARNING',
  includeLocation: tier === 'VIP',
  urgency: tier === 'VIP' ? 'URGENT' : 'NORMAL',
});
