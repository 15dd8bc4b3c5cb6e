import { CoreCommandRecord } from '@hub/shared/commands/core-command.entity';
import { OutboxEvent } from '@hub/shared/messaging/outbox-event.entity';
import { ProcessedMessage } from '@hub/shared/messaging/processed-message.entity';

export const TRACKING_SCHEMA = 'tracking';
/**
 * Only the shared outbox, command outbox and processed-message entities go through the ORM; tracking's own tables are read and
 * written set-wise in SQL (COPY, INSERT … SELECT, UPDATE … FROM unnest), which is what carrier volumes need.
 */
export const trackingEntities = [OutboxEvent, ProcessedMessage, CoreCommandRecord];
