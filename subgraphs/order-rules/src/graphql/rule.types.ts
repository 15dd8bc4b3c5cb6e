import { Directive, Field, Float, GraphQLISODateTime, ID, Int, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import type { RuleModule, ShortagePolicy } from '@hub/shared/rules/domain/rule-modules';
import { MutationPayload, UserErrorCodeEnum, type UserErrorCode } from '@hub/shared/graphql/user-error';
import { connectionType } from '@hub/shared/graphql/connection';
import { RuleModuleEnum, RuleOutcomeAspectEnum, RuleShortagePolicyEnum, RuleVersionStatusEnum } from './enums.js';
import type { OutcomeAspect } from '../dry-run/outcome-diff.js';
import type { VersionStatus } from '../rule-sets/domain/lifecycle.rules.js';

@ObjectType('RuleScope', { description: 'Where a rule set applies; a null field means every value.' })
export class RuleScopeView {
  @Field(() => String, { nullable: true, description: 'Region code, e.g. de; null: every region.' }) region!: string | null;
  @Field(() => String, { nullable: true, description: 'Sales channel, e.g. WEB; null: every channel.' }) channel!: string | null;
  @Field(() => String, { nullable: true, description: 'Customer segment, e.g. b2b; null: every segment.' }) customerSegment!: string | null;
}

@ObjectType('Rule', { description: 'One rule: a CEL condition over the order context, and what follows when it holds.' })
export class RuleView {
  @Field(() => String, { description: 'Stable id of the rule within its rule set, across versions.' }) key!: string;
  @Field(() => String, { description: 'What the rule is for, for people.' }) description!: string;
  @Field(() => String, { description: 'CEL expression of type bool over `order` (and `pricing` for modules after pricing).' }) condition!: string;
  @Field(() => String, { nullable: true, description: "CEL expression of the module's value type; null for validation rules." }) value!: string | null;
  @Field(() => String, { nullable: true, description: 'Validation: the refusal code clients switch on.' }) code!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Allocation: the criterion the rule weights; inventory lock: the shortage policy (BACKORDER, REFUSE); notification: SUPPRESS or URGENT.',
  })
  target!: string | null;
  @Field(() => String, { description: 'What the customer or operator is told when the rule applies.' }) message!: string;
  @Field(() => Int, { description: 'Evaluation order within the version; lower first.' }) priority!: number;
}

@ObjectType('RuleApproval', { description: 'One approval of a rule set version.' })
export class RuleApprovalView {
  @Field(() => String, { description: 'Who approved (token subject).' }) approver!: string;
  @Field(() => GraphQLISODateTime, { description: 'When.' }) at!: Date;
}

@Directive('@key(fields: "id")')
@ObjectType('RuleSetVersion', { description: 'One version of a rule set: its rules, period, lifecycle status and approvals.' })
export class RuleSetVersionView {
  @Field(() => ID, { description: 'Version id.' }) id!: string;
  @Field(() => String, { description: "The rule set's key." }) ruleSetKey!: string;
  @Field(() => RuleModuleEnum, { description: 'The module the rule set configures.' }) module!: RuleModule;
  @Field(() => Int, { description: 'Version number within the rule set, from 1.' }) number!: number;
  @Field(() => RuleVersionStatusEnum, { description: 'Lifecycle status now.' }) status!: VersionStatus;
  @Field(() => [RuleView], { description: 'The rules, in evaluation order.' }) rules!: RuleView[];
  @Field(() => GraphQLISODateTime, { description: 'When the version comes into force.' }) effectiveFrom!: Date;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When it stops being in force (exclusive); null: open-ended.' }) effectiveTo!: Date | null;
  @Field(() => String, { description: 'Who drafted it (token subject).' }) author!: string;
  @Field(() => String, { description: "The author's note, or the reviewer's reason for a rejection." }) note!: string;
  @Field(() => Int, { nullable: true, description: 'The version a rollback restored; null otherwise.' }) basedOn!: number | null;
  @Field(() => [RuleApprovalView], { description: 'Approvals so far, oldest first.' }) approvals!: RuleApprovalView[];
  @Field(() => Int, { description: 'How many distinct approvers the module needs (four-eyes: never the author).' }) requiredApprovals!: number;
  @Field(() => Int, { description: 'Changes with every step; pass it as `expectedRevision` to the next one.' }) revision!: number;
  @Field(() => GraphQLISODateTime, { description: 'When it was drafted.' }) createdAt!: Date;
}

@Directive('@key(fields: "key")')
@ObjectType('RuleSet', { description: 'A named, versioned set of order rules for one module and scope.' })
export class RuleSetView {
  @Field(() => ID, { description: 'Rule set id.' }) id!: string;
  @Field(() => String, { description: 'Stable key, e.g. eu-cross-border-compliance.' }) key!: string;
  @Field(() => String, { description: 'Name for people.' }) name!: string;
  @Field(() => RuleModuleEnum, { description: 'The module it configures.' }) module!: RuleModule;
  @Field(() => RuleScopeView, { description: 'Where it applies.' }) scope!: RuleScopeView;
  @Field(() => Int, { description: 'The publication number regions hold when they are up to date; 0 before the first publication.' }) publication!: number;
}
export const RuleSetConnection = connectionType(RuleSetView, 'RuleSet', 'A page of rule sets, by key.');
export const RuleSetVersionConnection = connectionType(RuleSetVersionView, 'RuleSetVersion', 'A page of rule set versions, newest first.');

@ObjectType('RuleProblemPosition', { description: 'Where in an expression a problem is.' })
export class RuleProblemPositionView {
  @Field(() => Int, { description: '1-based line.' }) line!: number;
  @Field(() => Int, { description: '1-based column.' }) column!: number;
  @Field(() => Int, { description: '0-based character offset.' }) offset!: number;
}

@ObjectType('RuleProblem', { description: 'Why a rule cannot be published, with the field and the position at fault.' })
export class RuleProblemView {
  @Field(() => UserErrorCodeEnum, { description: 'What is wrong, as a stable code.' }) code!: UserErrorCode;
  @Field(() => [String], { description: 'Path to the field at fault, from the argument name.' }) field!: string[];
  @Field(() => String, { description: 'What is wrong, in English, with line and column.' }) message!: string;
  @Field(() => RuleProblemPositionView, { nullable: true, description: 'Where in the expression; null when the problem is not in one place.' })
  position!: RuleProblemPositionView | null;
}

@ObjectType('RuleSetPayload', { description: 'The rule set created, or why not.' })
export class RuleSetPayload extends MutationPayload {
  @Field(() => RuleSetView, { nullable: true, description: 'The rule set; null when refused.' }) ruleSet!: RuleSetView | null;
}

@ObjectType('RuleSetVersionPayload', { description: 'The version after the step, or why the step was refused.' })
export class RuleSetVersionPayload extends MutationPayload {
  @Field(() => RuleSetVersionView, { nullable: true, description: 'The version; null when refused.' }) version!: RuleSetVersionView | null;
  @Field(() => [RuleProblemView], { description: 'Every problem of the rules, with positions; empty unless the rules were refused.' })
  problems!: RuleProblemView[];
}

@ObjectType('AllocationWeight', { description: 'The weight rules give one allocation criterion.' })
export class AllocationWeightView {
  @Field(() => String, { description: 'The criterion, e.g. distance.' }) criterion!: string;
  @Field(() => Float, { description: 'Its weight.' }) weight!: number;
}

@ObjectType('RuleOutcomePayment', {
  description: 'How a presale and points would pay the order, before the customer asks to spend any points. Amounts in minor units.',
})
export class RuleOutcomePaymentView {
  @Field(() => Int, { description: 'Cash paid as the presale deposit at placement; 0 without a presale.' }) deposit!: number;
  @Field(() => Int, { description: 'What the deposit counts for beyond itself (deposit expansion).' }) expansion!: number;
  @Field(() => Int, { description: 'Cash still due after the deposit counted, with no points spent.' }) finalDue!: number;
  @Field(() => GraphQLISODateTime, { nullable: true, description: "When the presale's final payment opens; null without a presale." })
  finalOpensAt!: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When it closes; null without a presale.' }) finalClosesAt!: Date | null;
  @Field(() => [Int], { description: 'Minutes before closing the customer is reminded, largest first.' }) remindBeforeMinutes!: number[];
  @Field(() => Int, { nullable: true, description: 'Minor units one point pays; null: points cannot pay.' }) pointValue!: number | null;
  @Field(() => Int, { description: 'The most points the cap lets pay for the order.' }) maxPoints!: number;
  @Field(() => Int, { description: 'Points the cash would earn.' }) pointsToEarn!: number;
}

@ObjectType('RuleOutcome', { description: 'What the rules decided for one order, module by module.' })
export class RuleOutcomeView {
  @Field(() => [String], { description: 'Refusal codes; empty when accepted.' }) refusalCodes!: string[];
  @Field(() => Int, { description: 'Discount in minor units.' }) discountTotal!: number;
  @Field(() => Int, { description: 'Total payable after discounts, minor units.' }) payableTotal!: number;
  @Field(() => [String], { description: 'Gift SKUs bound to the order.' }) gifts!: string[];
  @Field(() => RuleOutcomePaymentView, { nullable: true, description: 'How a presale and points pay it; null when neither applies.' })
  payment!: RuleOutcomePaymentView | null;
  @Field(() => Int, { description: 'Approval levels that must release the order; 0: not held for review.' }) holdLevels!: number;
  @Field(() => Int, { nullable: true, description: "Minutes stock stays reserved; null: the region's default." }) holdMinutes!: number | null;
  @Field(() => RuleShortagePolicyEnum, { nullable: true, description: "What fulfilment does on a shortage; null: fulfilment's default." })
  shortagePolicy!: ShortagePolicy | null;
  @Field(() => [AllocationWeightView], {
    description: "Allocation weights rules set, on top of the channel's weights for the criteria they do not name.",
  })
  allocationWeights!: AllocationWeightView[];
  @Field(() => String, { nullable: true, description: 'Invoice template; null: the default.' }) invoiceTemplate!: string | null;
  @Field(() => [String], { description: 'Notice kinds to send.' }) notices!: string[];
  @Field(() => [String], { description: 'Notice kinds kept from the customer (a suppression wins).' }) noticesSuppressed!: string[];
  @Field(() => [String], { description: "Notice kinds sent even in the customer's quiet hours." }) noticesUrgent!: string[];
}

@ObjectType('RuleDryRunChange', { description: 'A past order the draft would have handled differently.' })
export class RuleDryRunChangeView {
  @Field(() => String, { description: 'The order number (no personal data).' }) orderNumber!: string;
  @Field(() => String, { description: 'Its region.' }) region!: string;
  @Field(() => String, { description: 'Its channel.' }) channel!: string;
  @Field(() => GraphQLISODateTime, { description: 'When it was placed.' }) placedAt!: Date;
  @Field(() => [RuleOutcomeAspectEnum], { description: 'What changes, in pipeline order.' }) aspects!: OutcomeAspect[];
  @Field(() => RuleOutcomeView, { description: 'With the versions in force then.' }) before!: RuleOutcomeView;
  @Field(() => RuleOutcomeView, { description: 'With the draft in their place.' }) after!: RuleOutcomeView;
}

@ObjectType('RuleDryRun', { description: 'A draft replayed against the last days of real orders, without personal data; nothing is written.' })
export class RuleDryRunView {
  @Field(() => ID, { description: 'The version replayed.' }) versionId!: string;
  @Field(() => Int, { description: 'How many days back.' }) days!: number;
  @Field(() => Int, { description: 'Orders replayed.' }) ordersEvaluated!: number;
  @Field(() => Int, { description: 'Orders whose outcome would change.' }) ordersChanged!: number;
  @Field(() => Int, { description: 'Orders refused with the versions in force.' }) refusedBefore!: number;
  @Field(() => Int, { description: 'Orders refused with the draft.' }) refusedAfter!: number;
  @Field(() => [String], { description: 'Order facts the history lacks: rules over them evaluate as empty and show no change.' })
  factsMissingFromHistory!: string[];
  @Field(() => [RuleDryRunChangeView], { description: 'The first 200 changed orders, oldest first.' }) changes!: RuleDryRunChangeView[];
}

@ObjectType('RuleDryRunPayload', { description: 'The dry-run report, or why it was refused.' })
export class RuleDryRunPayload extends MutationPayload {
  @Field(() => RuleDryRunView, { nullable: true, description: 'The report; null when refused.' }) dryRun!: RuleDryRunView | null;
}

@ObjectType('RuleAuditEntry', { description: 'One change to the order rules: who, when, and the state before and after.' })
export class RuleAuditEntryView {
  @Field(() => ID, { description: 'Entry id.' }) id!: string;
  @Field(() => GraphQLISODateTime, { description: 'When.' }) at!: Date;
  @Field(() => String, { description: 'Who (token subject).' }) actorId!: string;
  @Field(() => String, { description: 'Their role.' }) actorRole!: string;
  @Field(() => String, { description: 'What, e.g. version.approved.' }) action!: string;
  @Field(() => String, { description: "The rule set's key." }) ruleSet!: string;
  @Field(() => Int, { nullable: true, description: 'The version number; null for changes to the rule set itself.' }) version!: number | null;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The state before; null when created.' }) before!: Record<string, unknown> | null;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The state after.' }) after!: Record<string, unknown> | null;
}
export const RuleAuditEntryConnection = connectionType(RuleAuditEntryView, 'RuleAuditEntry', 'A page of rule audit entries, newest first.');

@ObjectType('RuleInputField', { description: 'One input a rule may read: what an editor offers for completion.' })
export class RuleInputFieldView {
  @Field(() => String, { description: 'Path as a rule writes it; `line.*` are the fields of an element of `order.lines`.' }) path!: string;
  @Field(() => String, { description: 'CEL type: string, int (amounts in minor units), bool, list<OrderLine>.' }) type!: string;
  @Field(() => String, { description: 'What it means.' }) description!: string;
}

@ObjectType('RuleModuleInfo', {
  description:
    'One module of the placement pipeline: where it runs, what its rules read and decide, who must approve; the console draws the module map from it.',
})
export class RuleModuleInfoView {
  @Field(() => RuleModuleEnum, { description: 'The module.' }) module!: RuleModule;
  @Field(() => Int, { description: 'Position in the placement pipeline, from 1.' }) position!: number;
  @Field(() => [String], { description: 'What its rules may read: `order`, and `pricing` for modules after pricing.' }) reads!: string[];
  @Field(() => [RuleModuleEnum], { description: 'Modules whose outcome it depends on.' }) dependsOn!: RuleModule[];
  @Field(() => String, { nullable: true, description: "The CEL type of a rule's value; null when a rule is only a condition." }) valueType!: string | null;
  @Field(() => Int, { description: 'Distinct approvers a version needs, never its author.' }) requiredApprovals!: number;
  @Field(() => String, { description: 'What its rules decide and how matches combine.' }) description!: string;
}
