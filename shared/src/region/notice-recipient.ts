import type { EntityManager, EntityName, FilterQuery } from '@mikro-orm/postgresql';
import type { NoticeIntent } from '../notices/notice-contracts.js';
import type { NoticeRecipient, ResolveRecipient } from '../notices/notice-consumer.js';
import { RegionalOrder } from './regional-order.entity.js';

/**
 * How a region reaches its customers for tracking's notices: its per-order contact entity (keyed by `orderId`,
 * the only place contact details live) and how one contact row becomes an address with the region's defaults
 * (language, zone, quiet hours); the customer's own `notice_preference` overrides those defaults.
 */
export interface RegionNotices<Contact extends { orderId: string } = { orderId: string }> {
  contact: EntityName<Contact>;
  recipient: (contact: Contact) => NoticeRecipient;
  /** True when the customer's data may not be used for notices now (a GDPR art. 18 restriction): nobody is reached. */
  holdBack?: (customerRef: string, em: EntityManager) => Promise<boolean>;
}

/**
 * The one way every region resolves a notice's recipient: the contact of the order the notice is about, or,
 * for a notice about no single order (B2B batch progress), of the customer's latest order in this region. An
 * erased contact resolves to nobody, so an erased customer gets no notices; nor does one the region holds back.
 */
export function resolveFromOrderContact<Contact extends { orderId: string }>(notices: RegionNotices<Contact>): ResolveRecipient {
  return async (intent: NoticeIntent, em: EntityManager) => {
    if (await notices.holdBack?.(intent.customerRef, em)) return null;
    const orderId = intent.orderId ?? (await latestOrderOf(intent.customerRef, em));
    if (!orderId) return null;
    const contact = await em.findOne(notices.contact, { orderId } as FilterQuery<Contact>);
    return contact ? notices.recipient(contact as Contact) : null;
  };
}

async function latestOrderOf(customerRef: string, em: EntityManager): Promise<string | null> {
  const order = await em.findOne(RegionalOrder, { customerRef }, { orderBy: { createdAt: 'desc' }, fields: ['orderId'] });
  return order?.orderId ?? null;
}
