import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * One row per message a consumer has applied, written in the same transaction as the message's effect:
 * a redelivered message finds its row and is skipped, so its effect happens once.
 */
export const ProcessedMessage = defineEntity({
  name: 'ProcessedMessage',
  tableName: 'processed_message',
  properties: {
    consumer: p.string().length(100).primary(),
    messageId: p.string().length(200).primary(),
    processedAt: p.datetime().onCreate(() => new Date()),
  },
});
export type ProcessedMessage = InferEntity<typeof ProcessedMessage>;
