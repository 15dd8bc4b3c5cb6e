import { registerEnumType } from 'type-graphql';
import { RULE_MODULES, RULE_MODULE_TRAITS, type RuleModule } from '@hub/shared/rules/domain/rule-modules';
import { VERSION_STATUSES, type VersionStatus } from '../rule-sets/domain/lifecycle.rules.js';

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
