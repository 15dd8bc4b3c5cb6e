import { RULE_MODULE_TRAITS } from '@hub/shared/rules/domain/rule-modules';
import type { RuleDefinition } from '@hub/shared/rules/domain/rule';
import type { RuleProblem } from '@hub/shared/rules/domain/rule-language';
import { fieldPath } from '@hub/shared/graphql/user-error';
import { displayStatus } from '../rule-sets/domain/lifecycle.rules.js';
import type { RuleSetRecord, VersionRecord } from '../rule-sets/rule-set.store.js';
import type { RuleInput } from './rule.inputs.js';
import type { RuleProblemView, RuleSetVersionView, RuleSetView } from './rule.types.js';

export const toRuleSetView = (record: RuleSetRecord): RuleSetView => ({
  id: record.id,
  key: record.key,
  name: record.name,
  module: record.module,
  scope: record.scope,
  publication: record.publication,
});

export const toVersionView = (version: VersionRecord, now: Date): RuleSetVersionView => ({
  id: version.id,
  ruleSetKey: version.ruleSetKey,
  module: version.module,
  number: version.number,
  status: displayStatus(version.status, { from: version.effectiveFrom.getTime(), to: version.effectiveTo?.getTime() ?? Infinity }, now.getTime()),
  rules: version.rules.map((rule) => ({
    key: rule.id,
    description: rule.description,
    condition: rule.condition,
    value: rule.value ?? null,
    code: rule.code ?? null,
    target: rule.target ?? null,
    message: rule.message,
    priority: rule.priority,
  })),
  effectiveFrom: version.effectiveFrom,
  effectiveTo: version.effectiveTo,
  author: version.author,
  note: version.note,
  basedOn: version.basedOn,
  approvals: version.approvals,
  requiredApprovals: RULE_MODULE_TRAITS[version.module].requiredApprovals,
  revision: version.revision,
  createdAt: version.createdAt,
});

/** The API calls a rule's id `key` (ids in the graph are opaque); the domain keeps `id`. */
export const toRuleDefinitions = (rules: RuleInput[]): RuleDefinition[] =>
  rules.map((rule) => ({
    id: rule.key,
    description: rule.description,
    condition: rule.condition,
    value: rule.value ?? null,
    code: rule.code ?? null,
    target: rule.target ?? null,
    message: rule.message,
    priority: rule.priority,
  }));

/** `rules.3.id` of the domain is `input.rules.3.key` of the API. */
export const toProblemView = (problem: RuleProblem): RuleProblemView => ({
  code: problem.code,
  field: fieldPath(problem.field.replace(/\.id$/, '.key'), 'input'),
  message: problem.message,
  position: problem.position,
});
