import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * One scheduled reminder of a presale's final payment, written with the order. The sweep claims due rows
 * (`sent_at` null, partial index on `due_at`) and queues each as a notice intent in the same transaction that marks
 * it sent, so every reminder goes out once.
 */
export const PresaleReminder = defineEntity({
  name: 'PresaleReminder',
  tableName: 'presale_reminder',
  properties: {
    orderId: p.uuid().primary(),
    reminderNo: p.integer().primary(),
    customerRef: p.string().length(200),
    dueAt: p.datetime(),
    sentAt: p.datetime().nullable(),
    /** SENT, or SKIPPED when the final payment was made (or the window closed) before it was due. */
    outcome: p.string().length(16).nullable(),
  },
  indexes: [{ name: 'presale_reminder_due_index', properties: ['dueAt'], where: 'sent_at is null' }],
});
export type PresaleReminder = InferEntity<typeof PresaleReminder>;
