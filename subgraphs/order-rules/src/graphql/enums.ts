import { registerEnumType } from 'type-graphql';
import { RULE_MODULES, RULE_MODULE_TRAITS, type RuleModule } from '@hub/shared/rules/domain/rule-modules';
import { SHORTAGE_POLICIES, type ShortagePolicy } from '@hub/shared/rules/domain/rule-modules';
import { VERSION_STATUSES, type VersionStatus } from '../rule-sets/domain/lifecycle.rules.js';
import { OUTCOME_ASPECTS, type OutcomeAspect } from '../dry-run/outcome-diff.js';

export const RuleModuleEnum = Object.fromEntries(RULE_MODULES.map((m) => [m, m])) as { [M in RuleModule]: M };
registerEnumType(RuleModuleEnum, {
  name: 'RuleModule',
  description: 'The order-handling module a rule set configures, in pipeline order.',
  valuesConfig: Object.fromEntries(
    RULE_MODULES.map((m) => [m, { description: `${RULE_MODULE_TRAITS[m].description} Needs ${RULE_MODULE_TRAITS[m].requiredApprovals} approval(s).` }]),
  ),
});

const STATUS_DESCRIPTIONS: Record<VersionStatus, string> = {
  DRAFT: 'Being written by its author; never executed.',
  IN_REVIEW: 'Submitted; waiting for approvers other than the author.',
  APPROVED: 'Approved by enough approvers; not yet published.',
  SCHEDULED: 'Published; comes into force at `effectiveFrom`.',
  ACTIVE: 'Published and in force now.',
  RETIRED: 'No longer in force: retired, or superseded by a later version.',
  REJECTED: 'Turned down in review; a new draft takes its place.',
};
export const RuleVersionStatusEnum = Object.fromEntries(VERSION_STATUSES.map((s) => [s, s])) as { [S in VersionStatus]: S };
registerEnumType(RuleVersionStatusEnum, {
  name: 'RuleVersionStatus',
  description: 'Where a rule set version is in its lifecycle.',
  valuesConfig: Object.fromEntries(VERSION_STATUSES.map((s) => [s, { description: STATUS_DESCRIPTIONS[s] }])),
});

const ASPECT_DESCRIPTIONS: Record<OutcomeAspect, string> = {
  REFUSAL: 'Accepted or refused, or refused for another reason (validation, or a presale without usable terms).',
  PRICE: 'The discount and the total payable.',
  GIFT: 'The gifts bound to the order.',
  PAYMENT: 'How a presale deposit and its expansion, the points cap and the points earned pay the order.',
  HOLD: 'The approval levels that must release the order.',
  INVENTORY_LOCK: 'How long stock stays reserved, and the shortage policy.',
  ALLOCATION: 'The allocation weights rules set.',
  INVOICE: 'The invoice template.',
  NOTIFICATION: 'The notice kinds sent, kept from the customer, or sent in quiet hours.',
};
export const RuleOutcomeAspectEnum = Object.fromEntries(OUTCOME_ASPECTS.map((a) => [a, a])) as { [A in OutcomeAspect]: A };
registerEnumType(RuleOutcomeAspectEnum, {
  name: 'RuleOutcomeAspect',
  description: 'What a dry-run found changed about an order, one per module, in pipeline order.',
  valuesConfig: Object.fromEntries(OUTCOME_ASPECTS.map((a) => [a, { description: ASPECT_DESCRIPTIONS[a] }])),
});

const SHORTAGE_DESCRIPTIONS: Record<ShortagePolicy, string> = {
  BACKORDER: 'Keep what could be reserved and backorder the rest.',
  REFUSE: 'Reserve nothing and refuse the order.',
};
export const RuleShortagePolicyEnum = Object.fromEntries(SHORTAGE_POLICIES.map((p) => [p, p])) as { [P in ShortagePolicy]: P };
registerEnumType(RuleShortagePolicyEnum, {
  name: 'RuleShortagePolicy',
  description: 'What fulfilment does with an order it cannot serve in full, as an inventory-lock rule sets it.',
  valuesConfig: Object.fromEntries(SHORTAGE_POLICIES.map((p) => [p, { description: SHORTAGE_DESCRIPTIONS[p] }])),
});
