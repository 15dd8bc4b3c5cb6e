import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '@hub/shared/auth/principal';
import { ConflictError, DomainError, NotFoundError } from '@hub/shared/errors';
import type { MikroORM } from '@hub/shared/persistence/orm';
import { checkRules, type RuleProblem } from '@hub/shared/rules/domain/rule-language';
import { RULE_MODULE_TRAITS, type RuleModule } from '@hub/shared/rules/domain/rule-modules';
import type { RuleDefinition, RuleScope } from '@hub/shared/rules/domain/rule';
import { RULE_SET_KEY, type RulesSubjects } from '@hub/shared/rules/replication/rules-contracts';
import { assertCanDo, decideApproval, planActivation } from './domain/lifecycle.rules.js';
import { queuePublication } from './publication.js';
import { RuleSetStore, type RuleSetRecord, type VersionRecord } from './rule-set.store.js';

export interface DraftInput {
  rules: RuleDefinition[];
  effectiveFrom: Date;
  effectiveTo: Date | null;
  note: string;
}

/** A change refused for its rules: every problem, each with the field and position at fault. */
export class RuleProblemsError extends DomainError {
  constructor(readonly problems: RuleProblem[]) {
    super('BAD_USER_INPUT', problems.map((problem) => problem.message).join('; '), { rule: problems[0]?.code, field: problems[0]?.field });
  }
}

export interface RuleSetServiceOptions {
  orm: MikroORM;
  schema: string;
  subjects: RulesSubjects;
  /** Asks the outbox relay to publish now rather than at its next poll. */
  nudge: () => void;
  clock?: () => Date;
}

/** The use cases of rule sets: draft, review, approve, publish, roll back, retire; each audited in its own transaction. */
export class RuleSetService {
  constructor(private readonly options: RuleSetServiceOptions) {}

  private now(): Date {
    return this.options.clock?.() ?? new Date();
  }

  /** Runs a change in one transaction with the rule set locked, so its versions and publication number move one change at a time. */
  private async change<T>(work: (em: EntityManager, store: RuleSetStore) => Promise<T>): Promise<T> {
    const result = await this.options.orm.em
      .fork()
      .transactional((em) => work(em as EntityManager, new RuleSetStore(em as EntityManager, this.options.schema)));
    this.options.nudge();
    return result;
  }

  reader(): RuleSetStore {
    return new RuleSetStore(this.options.orm.em.fork() as EntityManager, this.options.schema);
  }

  async createRuleSet(principal: Principal, input: { key: string; name: string; module: RuleModule; scope: RuleScope }): Promise<RuleSetRecord> {
    if (!RULE_SET_KEY.test(input.key))
      throw new DomainError('BAD_USER_INPUT', 'A rule set key is 2 to 63 lower-case letters, digits and dashes.', { field: 'key' });
    return this.change(async (_em, store) => {
      if (await store.ruleSet(input.key)) throw new ConflictError('A rule set with this key exists already.', { field: 'key' });
      const record = {
        id: randomUUID(),
        key: input.key,
        name: input.name,
        module: input.module,
        scope: input.scope,
        createdBy: principal.subject,
        createdAt: this.now(),
      };
      await store.insertRuleSet(record);
      await store.audit({
        at: record.createdAt,
        actorId: principal.subject,
        actorRole: principal.role,
        action: 'rule-set.created',
        ruleSet: input.key,
        version: null,
        before: null,
        after: { name: input.name, module: input.module, scope: input.scope },
      });
      return { ...record, publication: 0, lastVersion: 0 };
    });
  }

  /** A new draft, type-checked now so the editor learns of problems while writing, and again on every later step. */
  async createDraft(principal: Principal, ruleSetKey: string, input: DraftInput): Promise<VersionRecord> {
    return this.change(async (_em, store) => {
      const ruleSet = await this.lockedRuleSet(store, ruleSetKey);
      assertPublishable(ruleSet.module, input);
      const number = await store.nextVersionNumber(ruleSet.id);
      const at = this.now();
      const version = {
        id: randomUUID(),
        ruleSetId: ruleSet.id,
        number,
        status: 'DRAFT' as const,
        rules: input.rules,
        effectiveFrom: input.effectiveFrom,
        effectiveTo: input.effectiveTo,
        author: principal.subject,
        note: input.note,
        basedOn: null,
        revision: 1,
        createdAt: at,
        updatedAt: at,
      };
      await store.insertVersion(version);
      await store.audit({
        at,
        actorId: principal.subject,
        actorRole: principal.role,
        action: 'version.drafted',
        ruleSet: ruleSetKey,
        version: number,
        before: null,
        after: snapshot(version),
      });
      return { ...version, ruleSetKey, module: ruleSet.module, approvals: [] };
    });
  }

  async updateDraft(principal: Principal, versionId: string, expectedRevision: number, input: DraftInput): Promise<VersionRecord> {
    return this.step(principal, versionId, expectedRevision, 'version.edited', async (store, version, _at) => {
      assertCanDo('edit', version.status);
      if (version.author !== principal.subject) throw new DomainError('FORBIDDEN', 'Only the author edits a draft; others draft a new version.');
      assertPublishable(version.module, input);
      return { changes: { rules: input.rules, effectiveFrom: input.effectiveFrom, effectiveTo: input.effectiveTo, note: input.note } };
    });
  }

  async submit(principal: Principal, versionId: string, expectedRevision: number): Promise<VersionRecord> {
    return this.step(principal, versionId, expectedRevision, 'version.submitted', async (_store, version) => {
      assertCanDo('submit', version.status);
      assertPublishable(version.module, version);
      return { changes: { status: 'IN_REVIEW' } };
    });
  }

  async approve(principal: Principal, versionId: string, expectedRevision: number): Promise<VersionRecord> {
    return this.step(principal, versionId, expectedRevision, 'version.approved', async (store, version, at) => {
      assertCanDo('approve', version.status);
      const { approved } = decideApproval({
        author: version.author,
        approver: principal.subject,
        approvals: version.approvals.map((a) => a.approver),
        requiredApprovals: RULE_MODULE_TRAITS[version.module].requiredApprovals,
      });
      await store.addApproval(version.id, principal.subject, at);
      return { changes: approved ? { status: 'APPROVED' } : {} };
    });
  }

  async reject(principal: Principal, versionId: string, expectedRevision: number, reason: string): Promise<VersionRecord> {
    return this.step(principal, versionId, expectedRevision, 'version.rejected', async (_store, version) => {
      assertCanDo('reject', version.status);
      if (version.author === principal.subject)
        throw new DomainError('CONFLICT', 'The author cannot review their own version.', { rule: 'APPROVER_IS_AUTHOR', field: 'versionId' });
      return { changes: { status: 'REJECTED', note: reason } };
    });
  }

  /**
   * Publishes an approved version for its period. An overlap with a published version is refused unless the caller
   * supersedes it, which ends the earlier version where this one starts (or retires a later one).
   */
  async activate(principal: Principal, versionId: string, expectedRevision: number, supersede: boolean): Promise<VersionRecord> {
    return this.step(principal, versionId, expectedRevision, 'version.activated', async (store, version, at, em) => {
      assertCanDo('activate', version.status);
      assertPublishable(version.module, version);
      const ruleSet = (await store.ruleSet(version.ruleSetKey))!;
      await this.supersede(store, principal, ruleSet, version, supersede, at);
      return { changes: { status: 'PUBLISHED' }, after: () => queuePublication(em, store, this.options.subjects, ruleSet, at) };
    });
  }

  /**
   * Instant rollback: an earlier version's rules become a new version, in force from now and superseding whatever
   * is. They were approved when first published, so the rollback needs an approver but no new review.
   */
  async rollback(principal: Principal, ruleSetKey: string, toVersion: number): Promise<VersionRecord> {
    return this.change(async (em, store) => {
      const ruleSet = await this.lockedRuleSet(store, ruleSetKey);
      const source = await store.versionByNumber(ruleSet.id, toVersion);
      if (!source) throw new NotFoundError('Rule set version', String(toVersion));
      if (!['PUBLISHED', 'RETIRED'].includes(source.status)) {
        throw new DomainError('INVALID_STATUS_TRANSITION', 'Only a version that was once published can be rolled back to.', { field: 'toVersion' });
      }
      const at = this.now();
      const number = await store.nextVersionNumber(ruleSet.id);
      const version = {
        id: randomUUID(),
        ruleSetId: ruleSet.id,
        number,
        status: 'PUBLISHED' as const,
        rules: source.rules,
        effectiveFrom: at,
        effectiveTo: null,
        author: principal.subject,
        note: `Rollback to version ${toVersion}`,
        basedOn: toVersion,
        revision: 1,
        createdAt: at,
        updatedAt: at,
      };
      await this.supersede(store, principal, ruleSet, { ...version, ruleSetKey, module: ruleSet.module, approvals: [] }, true, at);
      await store.insertVersion(version);
      await store.audit({
        at,
        actorId: principal.subject,
        actorRole: principal.role,
        action: 'version.rolled-back',
        ruleSet: ruleSetKey,
        version: number,
        before: { basedOn: toVersion },
        after: snapshot(version),
      });
      await queuePublication(em, store, this.options.subjects, ruleSet, at);
      return (await store.version(version.id))!;
    });
  }

  async retire(principal: Principal, versionId: string, expectedRevision: number): Promise<VersionRecord> {
    return this.step(principal, versionId, expectedRevision, 'version.retired', async (store, version, at, em) => {
      assertCanDo('retire', version.status);
      const ruleSet = (await store.ruleSet(version.ruleSetKey))!;
      return { changes: { status: 'RETIRED' }, after: () => queuePublication(em, store, this.options.subjects, ruleSet, at) };
    });
  }

  private async supersede(
    store: RuleSetStore,
    principal: Principal,
    ruleSet: RuleSetRecord,
    version: VersionRecord,
    supersede: boolean,
    at: Date,
  ): Promise<void> {
    const published = await store.versions([ruleSet.id], 'PUBLISHED');
    const plan = planActivation(
      { from: version.effectiveFrom.getTime(), to: version.effectiveTo?.getTime() ?? Infinity },
      published.map((other) => ({ number: other.number, from: other.effectiveFrom.getTime(), to: other.effectiveTo?.getTime() ?? Infinity })),
      supersede,
    );
    for (const change of plan) {
      const other = published.find((candidate) => candidate.number === change.number)!;
      const changes = change.kind === 'truncate' ? { effectiveTo: new Date(change.to) } : { status: 'RETIRED' as const };
      await store.updateVersion(other.id, other.revision, changes, at);
      await store.audit({
        at,
        actorId: principal.subject,
        actorRole: principal.role,
        action: change.kind === 'truncate' ? 'version.superseded' : 'version.retired',
        ruleSet: ruleSet.key,
        version: other.number,
        before: { status: other.status, effectiveTo: other.effectiveTo },
        after: change.kind === 'truncate' ? { status: other.status, effectiveTo: new Date(change.to) } : { status: 'RETIRED' },
      });
    }
  }

  /** One lifecycle step on a version: locked, optimistic on its revision, audited with before and after. */
  private async step(
    principal: Principal,
    versionId: string,
    expectedRevision: number,
    action: string,
    decide: (
      store: RuleSetStore,
      version: VersionRecord,
      at: Date,
      em: EntityManager,
    ) => Promise<{ changes: Parameters<RuleSetStore['updateVersion']>[2]; after?: () => Promise<unknown> }>,
  ): Promise<VersionRecord> {
    return this.change(async (em, store) => {
      const current = await store.version(versionId);
      if (!current) throw new NotFoundError('Rule set version', versionId);
      await this.lockedRuleSet(store, current.ruleSetKey);
      const version = (await store.version(versionId, true))!;
      if (version.revision !== expectedRevision)
        throw new ConflictError('The version changed meanwhile; reload it and decide again.', { field: 'expectedRevision' });
      const at = this.now();
      const { changes, after } = await decide(store, version, at, em);
      if (!(await store.updateVersion(version.id, expectedRevision, changes, at)))
        throw new ConflictError('The version changed meanwhile; reload it and decide again.', { field: 'expectedRevision' });
      await after?.();
      const updated = (await store.version(version.id))!;
      await store.audit({
        at,
        actorId: principal.subject,
        actorRole: principal.role,
        action,
        ruleSet: version.ruleSetKey,
        version: version.number,
        before: snapshot(version),
        after: snapshot(updated),
      });
      return updated;
    });
  }

  private async lockedRuleSet(store: RuleSetStore, key: string): Promise<RuleSetRecord> {
    const ruleSet = await store.ruleSet(key, true);
    if (!ruleSet) throw new NotFoundError('Rule set', key);
    return ruleSet;
  }
}

function assertPublishable(module: RuleModule, input: { rules: RuleDefinition[]; effectiveFrom: Date; effectiveTo: Date | null }): void {
  const problems = checkRules(module, input.rules);
  if (input.effectiveTo && input.effectiveTo <= input.effectiveFrom)
    problems.push({ code: 'INVALID', field: 'effectiveTo', message: 'A period ends after it starts.', position: null });
  if (problems.length > 0) throw new RuleProblemsError(problems);
}

/** What the audit trail keeps of a version: everything that decides what it does, nothing derived. */
function snapshot(version: Pick<VersionRecord, 'status' | 'rules' | 'effectiveFrom' | 'effectiveTo' | 'note'> & { approvals?: VersionRecord['approvals'] }) {
  return {
    status: version.status,
    rules: version.rules,
    effectiveFrom: version.effectiveFrom,
    effectiveTo: version.effectiveTo,
    note: version.note,
    approvals: version.approvals?.map((a) => a.approver) ?? [],
  };
}
