import { Arg, Args, ArgsType, Authorized, Ctx, Field, ID, Mutation, Query, Resolver } from 'type-graphql';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import type { RequestContext } from '@hub/shared/graphql/context';
import { ConnectionArgs, decodeCursor, pageSize, toConnection, type Connection } from '@hub/shared/graphql/connection';
import { withUserErrors } from '@hub/shared/graphql/user-error';
import { ruleInputFields } from '@hub/shared/rules/domain/order-context';
import { RULE_MODULE_TRAITS, RULE_MODULES, type RuleModule } from '@hub/shared/rules/domain/rule-modules';
import type { DryRunService } from '../dry-run/dry-run.service.js';
import { RuleProblemsError, type RuleSetService } from '../rule-sets/rule-set.service.js';
import type { VersionRecord } from '../rule-sets/rule-set.store.js';
import { RuleModuleEnum } from './enums.js';
import {
  ActivateRuleVersionInput,
  CreateRuleSetInput,
  DraftRuleVersionInput,
  DryRunRuleVersionInput,
  RejectRuleVersionInput,
  RollbackRuleSetInput,
  RuleVersionStepInput,
  UpdateRuleVersionInput,
} from './rule.inputs.js';
import {
  RuleAuditEntryConnection,
  RuleDryRunPayload,
  RuleSetConnection,
  RuleSetPayload,
  RuleSetVersionConnection,
  RuleSetVersionPayload,
  RuleSetVersionView,
  RuleSetView,
  RuleInputFieldView,
  RuleModuleInfoView,
  type RuleAuditEntryView,
  type RuleProblemView,
} from './rule.types.js';
import { toProblemView, toRuleDefinitions, toRuleSetView, toVersionView } from './rule-views.js';

const EDITORS = ['rules_editor', 'admin'];
const APPROVERS = ['rules_approver', 'admin'];
/** Operators and auditors read which rules handle orders; they change none. */
const READERS = ['rules_editor', 'rules_approver', 'admin', 'auditor', 'operator', 'service'];

@ArgsType()
class RuleSetsArgs extends ConnectionArgs {
  @Field(() => RuleModuleEnum, { nullable: true, description: 'Only rule sets of this module.' }) @IsOptional() @IsIn(RULE_MODULES) module?: RuleModule | null;
}

@ArgsType()
class RuleAuditArgs extends ConnectionArgs {
  @Field(() => String, { nullable: true, description: 'Only changes to this rule set.' }) @IsOptional() @IsString() @Length(2, 63) ruleSetKey?: string | null;
}

export function createRuleResolvers(services: { ruleSets: RuleSetService; dryRuns: DryRunService; clock: () => Date }) {
  const { ruleSets } = services;
  const versionPayload = async (run: () => Promise<VersionRecord>): Promise<RuleSetVersionPayload> => {
    let problems: RuleProblemView[] = [];
    const result = await withUserErrors(async () => {
      try {
        return { version: toVersionView(await run(), services.clock()) };
      } catch (error) {
        if (!(error instanceof RuleProblemsError)) throw error;
        problems = error.problems.map(toProblemView);
        return { version: null };
      }
    });
    return {
      version: result.version ?? null,
      problems,
      userErrors: [...result.userErrors, ...problems.map(({ code, field, message }) => ({ code, field, message }))],
    };
  };

  @Resolver(() => RuleSetView)
  class RuleSetResolver {
    @Authorized(...READERS)
    @Query(() => RuleSetConnection, { description: 'Rule sets by key.' })
    async ruleSets(@Args(() => RuleSetsArgs) args: RuleSetsArgs): Promise<Connection<RuleSetView>> {
      const after = args.after ? String(decodeCursor(args.after, 1)[0]) : null;
      const rows = await ruleSets.reader().ruleSets(args.module ?? null, after, pageSize(args) + 1);
      return toConnection(rows, args, (row) => [row.key], toRuleSetView);
    }

    @Authorized(...READERS)
    @Query(() => RuleSetView, { nullable: true, description: 'One rule set by key; null when there is none.' })
    async ruleSet(@Arg('key', () => String, { description: "The rule set's key." }) key: string): Promise<RuleSetView | null> {
      const record = await ruleSets.reader().ruleSet(key);
      return record ? toRuleSetView(record) : null;
    }

    @Authorized(...READERS)
    @Query(() => RuleSetVersionView, { nullable: true, description: 'One rule set version by id; null when there is none.' })
    async ruleSetVersion(@Arg('id', () => ID, { description: 'The version id.' }) id: string): Promise<RuleSetVersionView | null> {
      if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
      const version = await ruleSets.reader().version(id);
      return version ? toVersionView(version, services.clock()) : null;
    }

    @Authorized(...READERS)
    @Query(() => RuleSetVersionConnection, { description: 'Versions of a rule set, newest first.' })
    async ruleSetVersions(
      @Arg('ruleSetKey', () => String, { description: "The rule set's key." }) ruleSetKey: string,
      @Args(() => ConnectionArgs) args: ConnectionArgs,
    ): Promise<Connection<RuleSetVersionView>> {
      const store = ruleSets.reader();
      const ruleSet = await store.ruleSet(ruleSetKey);
      const before = args.after ? Number(decodeCursor(args.after, 1)[0]) : null;
      const rows = ruleSet ? await store.versionsPage(ruleSet.id, before, pageSize(args) + 1) : [];
      return toConnection(
        rows,
        args,
        (row) => [row.number],
        (row) => toVersionView(row, services.clock()),
      );
    }

    @Authorized(...READERS)
    @Query(() => [RuleModuleInfoView], { description: 'The modules in pipeline order and how they depend on each other.' })
    ruleModules(): RuleModuleInfoView[] {
      return RULE_MODULES.map((module, index) => {
        const traits = RULE_MODULE_TRAITS[module];
        return {
          module,
          position: index + 1,
          reads: traits.readsPricing ? ['order', 'pricing'] : ['order'],
          dependsOn: traits.readsPricing ? ['PRICING'] : [],
          valueType: traits.valueType,
          requiredApprovals: traits.requiredApprovals,
          description: traits.description,
        };
      });
    }

    @Authorized(...READERS)
    @Query(() => [RuleInputFieldView], { description: "The typed inputs a rule of the module may read, for an editor's completion." })
    ruleInputFields(@Arg('module', () => RuleModuleEnum, { description: 'The module.' }) module: RuleModule): RuleInputFieldView[] {
      return ruleInputFields(RULE_MODULE_TRAITS[module].readsPricing);
    }

    @Authorized('rules_editor', 'rules_approver', 'admin', 'auditor')
    @Query(() => RuleAuditEntryConnection, { description: "The order rules' audit trail, newest first." })
    async ruleAuditTrail(@Args(() => RuleAuditArgs) args: RuleAuditArgs): Promise<Connection<RuleAuditEntryView>> {
      const before = args.after ? Number(decodeCursor(args.after, 1)[0]) : null;
      const rows = await ruleSets.reader().auditTrail(args.ruleSetKey ?? null, before, pageSize(args) + 1);
      return toConnection(
        rows,
        args,
        (row) => [Number(row.id)],
        (row) => row,
      );
    }

    @Authorized(...EDITORS)
    @Mutation(() => RuleSetPayload, { description: 'Creates a rule set for one module and scope.' })
    async ruleSetCreate(
      @Arg('input', () => CreateRuleSetInput, { description: 'The rule set.' }) input: CreateRuleSetInput,
      @Ctx() { principal }: RequestContext,
    ): Promise<RuleSetPayload> {
      const result = await withUserErrors(async () => ({
        ruleSet: toRuleSetView(
          await ruleSets.createRuleSet(principal, {
            key: input.key,
            name: input.name,
            module: input.module,
            scope: { region: input.scope.region ?? null, channel: input.scope.channel ?? null, customerSegment: input.scope.customerSegment ?? null },
          }),
        ),
      }));
      return { ruleSet: result.ruleSet ?? null, userErrors: result.userErrors };
    }

    @Authorized(...EDITORS)
    @Mutation(() => RuleSetVersionPayload, { description: 'Drafts a new version; its rules are type-checked now and at every later step.' })
    ruleVersionDraft(
      @Arg('input', () => DraftRuleVersionInput, { description: 'The draft.' }) input: DraftRuleVersionInput,
      @Ctx() { principal }: RequestContext,
    ) {
      return versionPayload(() =>
        ruleSets.createDraft(principal, input.ruleSetKey, {
          rules: toRuleDefinitions(input.rules),
          effectiveFrom: input.effectiveFrom,
          effectiveTo: input.effectiveTo ?? null,
          note: input.note,
        }),
      );
    }

    @Authorized(...EDITORS)
    @Mutation(() => RuleSetVersionPayload, { description: 'Changes a draft; only its author may.' })
    ruleVersionUpdate(
      @Arg('input', () => UpdateRuleVersionInput, { description: 'The new content.' }) input: UpdateRuleVersionInput,
      @Ctx() { principal }: RequestContext,
    ) {
      return versionPayload(() =>
        ruleSets.updateDraft(principal, input.versionId, input.expectedRevision, {
          rules: toRuleDefinitions(input.rules),
          effectiveFrom: input.effectiveFrom,
          effectiveTo: input.effectiveTo ?? null,
          note: input.note,
        }),
      );
    }

    @Authorized(...EDITORS)
    @Mutation(() => RuleSetVersionPayload, { description: 'Sends a draft to review.' })
    ruleVersionSubmit(
      @Arg('input', () => RuleVersionStepInput, { description: 'The draft.' }) input: RuleVersionStepInput,
      @Ctx() { principal }: RequestContext,
    ) {
      return versionPayload(() => ruleSets.submit(principal, input.versionId, input.expectedRevision));
    }

    @Authorized(...APPROVERS)
    @Mutation(() => RuleSetVersionPayload, { description: 'Approves a version in review; never by its author, and high-impact modules need two approvers.' })
    ruleVersionApprove(
      @Arg('input', () => RuleVersionStepInput, { description: 'The version.' }) input: RuleVersionStepInput,
      @Ctx() { principal }: RequestContext,
    ) {
      return versionPayload(() => ruleSets.approve(principal, input.versionId, input.expectedRevision));
    }

    @Authorized(...APPROVERS)
    @Mutation(() => RuleSetVersionPayload, { description: 'Turns down a version in review.' })
    ruleVersionReject(
      @Arg('input', () => RejectRuleVersionInput, { description: 'The version and why.' }) input: RejectRuleVersionInput,
      @Ctx() { principal }: RequestContext,
    ) {
      return versionPayload(() => ruleSets.reject(principal, input.versionId, input.expectedRevision, input.reason));
    }

    @Authorized(...APPROVERS)
    @Mutation(() => RuleSetVersionPayload, { description: 'Publishes an approved version to every region for its period.' })
    ruleVersionActivate(
      @Arg('input', () => ActivateRuleVersionInput, { description: 'The version.' }) input: ActivateRuleVersionInput,
      @Ctx() { principal }: RequestContext,
    ) {
      return versionPayload(() => ruleSets.activate(principal, input.versionId, input.expectedRevision, input.supersede));
    }

    @Authorized(...APPROVERS)
    @Mutation(() => RuleSetVersionPayload, { description: "Puts an earlier version's rules in force now, as a new version superseding the current one." })
    ruleSetRollback(
      @Arg('input', () => RollbackRuleSetInput, { description: 'The rule set and the version to restore.' }) input: RollbackRuleSetInput,
      @Ctx() { principal }: RequestContext,
    ) {
      return versionPayload(() => ruleSets.rollback(principal, input.ruleSetKey, input.toVersion));
    }

    @Authorized(...APPROVERS)
    @Mutation(() => RuleSetVersionPayload, { description: 'Takes a published version out of force now.' })
    ruleVersionRetire(
      @Arg('input', () => RuleVersionStepInput, { description: 'The version.' }) input: RuleVersionStepInput,
      @Ctx() { principal }: RequestContext,
    ) {
      return versionPayload(() => ruleSets.retire(principal, input.versionId, input.expectedRevision));
    }

    @Authorized(...EDITORS, 'rules_approver')
    @Mutation(() => RuleDryRunPayload, {
      description: 'Replays a version against the last days of real orders (no personal data) and shows which would change outcome; writes nothing.',
    })
    async ruleVersionDryRun(
      @Arg('input', () => DryRunRuleVersionInput, { description: 'The version and how far back.' }) input: DryRunRuleVersionInput,
    ): Promise<RuleDryRunPayload> {
      const result = await withUserErrors(async () => ({ dryRun: await services.dryRuns.run(input.versionId, input.days) }));
      return { dryRun: result.dryRun ?? null, userErrors: result.userErrors };
    }
  }
  return RuleSetResolver;
}

/** Other subgraphs name versions by id (an order records the versions it was handled with) and rule sets by key. */
export function createRuleReferenceResolvers(services: { ruleSets: RuleSetService; clock: () => Date }) {
  return {
    RuleSetVersion: {
      __resolveReference: async (reference: { id: string }) => {
        if (!/^[0-9a-f-]{36}$/i.test(reference.id)) return null;
        const version = await services.ruleSets.reader().version(reference.id);
        return version ? toVersionView(version, services.clock()) : null;
      },
    },
    RuleSet: {
      __resolveReference: async (reference: { key: string }) => {
        const record = await services.ruleSets.reader().ruleSet(reference.key);
        return record ? toRuleSetView(record) : null;
      },
    },
  };
}
