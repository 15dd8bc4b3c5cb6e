import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const SUPPORT_TOPICS = ['DELIVERY', 'INVOICE', 'RETURN', 'DATA_REQUEST', 'OTHER'] as const;

/**
 * A customer-service case about one order. While it is open, the agent it is assigned to may see the
 * customer's contact data; no free text is stored, so a case holds no personal data of the customer.
 */
export const DeSupportCase = defineEntity({
  name: 'DeSupportCase',
  tableName: 'de_support_case',
  properties: {
    id: p.uuid().primary(),
    orderId: p.uuid().index(),
    topic: p.enum(SUPPORT_TOPICS),
    assignee: p.string().length(200),
    openedBy: p.string().length(200),
    openedAt: p.datetime(),
    closedBy: p.string().length(200).nullable(),
    closedAt: p.datetime().nullable(),
  },
});
export type DeSupportCase = InferEntity<typeof DeSupportCase>;
