import { DomainError } from '@hub/shared/errors';
import type { SenderRefusal } from './domain/command-sender.rules.js';

/** A command its NATS-proven sender may not send; answered `FORBIDDEN` with the refusal, and nothing changes. */
export class SenderRefusedError extends DomainError {
  constructor(readonly refusal: SenderRefusal) {
    super('FORBIDDEN', `The sender may not send this command (${refusal})`, { refusal });
  }
}
