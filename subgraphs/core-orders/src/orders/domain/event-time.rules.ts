import { InputValidationError } from '@hub/shared/errors';

/** How far ahead of core's clock a reported time may be: devices' clocks drift, the future does not happen. */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;
/**
 * How late a step may be uploaded: carriers upload scans in batches and regions queue commands while core is
 * away; beyond 30 days a report is more likely a mistake than news, and an operator records it by hand.
 */
export const LATE_UPLOAD_DAYS = 30;

/**
 * When a status step happened, checked against when core records it and the order's previous step.
 * Without a reported time the step happened when it is recorded.
 */
export function resolveEventTime(reported: Date | undefined, recordedAt: Date, previousOccurredAt: Date | null): Date {
  const occurredAt = reported ?? recordedAt;
  if (occurredAt.getTime() > recordedAt.getTime() + CLOCK_SKEW_MS) {
    throw new InputValidationError('occurredAt', 'occurredAt is in the future');
  }
  if (occurredAt.getTime() < recordedAt.getTime() - LATE_UPLOAD_DAYS * 24 * 60 * 60 * 1000) {
    throw new InputValidationError('occurredAt', `occurredAt is more than ${LATE_UPLOAD_DAYS} days ago`);
  }
  if (previousOccurredAt && occurredAt.getTime() < previousOccurredAt.getTime()) {
    throw new InputValidationError('occurredAt', "occurredAt is before the order's previous step");
  }
  return occurredAt;
}
