import type { RuleModule } from './rule-modules.js';

/** One rule as business users write it. */
export interface RuleDefinition {
  /** Stable within the rule set (`eu-cross-border-battery`), so results and audits name it across versions. */
  id: string;
  description: string;
  /** A CEL expression of type bool over `order` (and `pricing` where the module may read it). */
  condition: string;
  /** A CEL expression of the module's value type; absent for validation rules. */
  value?: string | null;
  /** Validation: the refusal code a client switches on (UPPER_SNAKE). */
  code?: string | null;
  /** Allocation: the criterion weighted. Inventory lock: the shortage policy. Notification: SUPPRESS or URGENT. */
  target?: string | null;
  /** What the customer or operator is told when the rule applies (a refusal, a promotion's label). */
  message: string;
  /** Lower first; ties by id, so evaluation order never depends on storage order. */
  priority: number;
}

/** Where a rule set applies; null means every value. */
export interface RuleScope {
  region: string | null;
  channel: string | null;
  customerSegment: string | null;
}

/** One version of a rule set as it is executed: approved, with the period it is in force. */
export interface PublishedVersion {
  version: number;
  /** ISO instants; `effectiveTo` exclusive and null for open-ended. */
  effectiveFrom: string;
  effectiveTo: string | null;
  rules: RuleDefinition[];
}

/** Everything a region needs about one rule set: its current publication number and the versions in force or scheduled. */
export interface RuleSetPublication {
  ruleSet: string;
  module: RuleModule;
  scope: RuleScope;
  /** Grows with every change of the published versions; a replica keeps only the highest it saw. */
  publication: number;
  publishedAt: string;
  versions: PublishedVersion[];
}
