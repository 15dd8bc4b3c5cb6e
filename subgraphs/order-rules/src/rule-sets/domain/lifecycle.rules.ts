import { DomainError } from '@hub/shared/errors';

/**
 * What is stored: a version is drafted, sent to review, approved, published (scheduled or active by its period),
 * and retired; or rejected in review. "Scheduled", "active" and "superseded" are read off a published version's
 * period, so no job has to flip them at the right instant.
 */
export const STORED_STATUSES = ['DRAFT', 'IN_REVIEW', 'APPROVED', 'PUBLISHED', 'RETIRED', 'REJECTED'] as const;
export type StoredStatus = (typeof STORED_STATUSES)[number];
export const VERSION_STATUSES = ['DRAFT', 'IN_REVIEW', 'APPROVED', 'SCHEDULED', 'ACTIVE', 'RETIRED', 'REJECTED'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

export type LifecycleAction = 'edit' | 'submit' | 'approve' | 'reject' | 'activate' | 'retire';
const ALLOWED: Record<LifecycleAction, StoredStatus[]> = {
  edit: ['DRAFT'],
  submit: ['DRAFT'],
  approve: ['IN_REVIEW'],
  reject: ['IN_REVIEW'],
  activate: ['APPROVED'],
  retire: ['PUBLISHED'],
};

export function assertCanDo(action: LifecycleAction, status: StoredStatus): void {
  if (!ALLOWED[action].includes(status)) {
    throw new DomainError('INVALID_STATUS_TRANSITION', `A version in status ${status} cannot take the step "${action}".`, { field: 'versionId' });
  }
}

export interface Period {
  from: number;
  /** Exclusive; Infinity when open-ended. */
  to: number;
}

/** How a published version reads at `now`. */
export function displayStatus(status: StoredStatus, period: Period, now: number): VersionStatus {
  if (status !== 'PUBLISHED') return status;
  if (now < period.from) return 'SCHEDULED';
  return now < period.to ? 'ACTIVE' : 'RETIRED';
}

/**
 * Four-eyes: the author never approves their own version, nobody approves twice, and a version is approved once it
 * has as many distinct approvers as its module requires. Returns whether this approval completes it.
 */
export function decideApproval(input: { author: string; approver: string; approvals: string[]; requiredApprovals: number }): { approved: boolean } {
  if (input.approver === input.author) {
    throw new DomainError('CONFLICT', 'The author of a version cannot approve it; another approver has to.', {
      rule: 'APPROVER_IS_AUTHOR',
      field: 'versionId',
    });
  }
  if (input.approvals.includes(input.approver)) {
    throw new DomainError('CONFLICT', 'You already approved this version; it needs another approver.', { rule: 'ALREADY_APPROVED', field: 'versionId' });
  }
  return { approved: input.approvals.length + 1 >= input.requiredApprovals };
}

export interface PublishedPeriod extends Period {
  number: number;
}

export type ActivationChange = { number: number; kind: 'truncate'; to: number } | { number: number; kind: 'retire' };

/**
 * What publishing a version over `period` does to the versions already published. Without `supersede`, any overlap
 * is refused; with it, an earlier version ends where the new one starts and a later one is retired, so no two
 * versions are ever in force at the same instant.
 */
export function planActivation(period: Period, published: PublishedPeriod[], supersede: boolean): ActivationChange[] {
  const overlapping = published.filter((other) => other.from < period.to && period.from < other.to);
  if (overlapping.length === 0) return [];
  if (!supersede) {
    throw new DomainError(
      'CONFLICT',
      `Version${overlapping.length > 1 ? 's' : ''} ${overlapping.map((other) => other.number).join(', ')} of this rule set ${overlapping.length > 1 ? 'are' : 'is'} in force during that period; supersede ${overlapping.length > 1 ? 'them' : 'it'} or choose another period.`,
      { rule: 'RULE_VERSION_OVERLAP', field: 'effectiveFrom' },
    );
  }
  return overlapping.map((other): ActivationChange =>
    other.from < period.from ? { number: other.number, kind: 'truncate', to: period.from } : { number: other.number, kind: 'retire' },
  );
}
