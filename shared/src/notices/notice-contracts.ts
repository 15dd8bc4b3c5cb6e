import { z } from 'zod';
import { NOTICE_URGENCIES } from './notice-delivery.js';

/**
 * What tracking asks a region to tell a customer. No contact data and no names: the customer is the
 * pseudonymous `customerRef`, and the region that holds the customer resolves address, language and quiet hours.
 */
export const noticeIntentSchema = z.object({
  type: z.literal('notice.intent'),
  /** Derived from the change (`<topic>:<shipment>:<event or warning>:<tier>`), so a repeat is dropped. */
  noticeId: z.string().min(8).max(300),
  region: z.string().min(2).max(16),
  customerRef: z.string().min(1).max(200),
  orderId: z.uuid().optional(),
  tier: z.enum(['ORDINARY', 'VIP', 'B2B']),
  topic: z.enum(['JOURNEY_STEP', 'DELAY_WARNING', 'BATCH_PROGRESS', 'FINAL_PAYMENT_DUE']),
  step: z.string().max(40).optional(),
  location: z.object({ nodeId: z.string().max(100), latitude: z.number().nullable(), longitude: z.number().nullable() }).optional(),
  eta: z.iso.datetime().optional(),
  progress: z.object({ delivered: z.number().int().min(0), total: z.number().int().min(0) }).optional(),
  /** FINAL_PAYMENT_DUE: what a presale still asks and until when (the region reminds its own customers on the rule's rhythm). */
  finalPayment: z.object({ amountDue: z.number().int().min(0), currency: z.string().length(3), closesAt: z.iso.datetime() }).optional(),
  occurredAt: z.iso.datetime(),
  /** URGENT notices are sent during the customer's quiet hours; absent means NORMAL (intents queued before it existed). */
  urgency: z.enum(NOTICE_URGENCIES).optional(),
});
export type NoticeIntent = z.infer<typeof noticeIntentSchema>;
