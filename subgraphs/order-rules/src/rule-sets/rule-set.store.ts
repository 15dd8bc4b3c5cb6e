import type { EntityManager } from '@mikro-orm/postgresql';
import type { RuleModule } from '@hub/shared/rules/domain/rule-modules';
import type { RuleDefinition, RuleScope } from '@hub/shared/rules/domain/rule';
import type { StoredStatus } from './domain/lifecycle.rules.js';

export interface RuleSetRecord {
  id: string;
  key: string;
  name: string;
  module: RuleModule;
  scope: RuleScope;
  publication: number;
  lastVersion: number;
  createdBy: string;
  createdAt: Date;
}

export interface VersionRecord {
  id: string;
  ruleSetId: string;
  ruleSetKey: string;
  module: RuleModule;
  number: number;
  status: StoredStatus;
  rules: RuleDefinition[];
  effectiveFrom: Date;
  effectiveTo: Date | null;
  author: string;
  note: string;
  basedOn: number | null;
  revision: number;
  createdAt: Date;
  updatedAt: Date;
  approvals: Array<{ approver: string; at: Date }>;
}

/** Plain SQL in the caller's transaction: the tables are few and the queries are the documentation. */
export class RuleSetStore {
  constructor(
    private readonly em: EntityManager,
    private readonly schema: string,
  ) {}

  private run<T = Record<string, any>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.em.getConnection().execute<T[]>(sql.replaceAll('$s.', `"${this.schema}".`), params, 'all', this.em.getTransactionContext());
  }

  async ruleSet(key: string, lock = false): Promise<RuleSetRecord | null> {
    const [row] = await this.run(`select * from $s.rule_set where key = ?${lock ? ' for update' : ''}`, [key]);
    return row ? toRuleSet(row) : null;
  }

  async ruleSets(module: RuleModule | null, afterKey: string | null, limit: number): Promise<RuleSetRecord[]> {
    const rows = await this.run(`select * from $s.rule_set where (?::text is null or module = ?) and (?::text is null or key > ?) order by key limit ?`, [
      module,
      module,
      afterKey,
      afterKey,
      limit,
    ]);
    return rows.map(toRuleSet);
  }

  async insertRuleSet(record: Omit<RuleSetRecord, 'publication' | 'lastVersion'>): Promise<void> {
    await this.run(
      `insert into $s.rule_set (id, key, name, module, scope_region, scope_channel, scope_segment, created_by, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        record.id,
        record.key,
        record.name,
        record.module,
        record.scope.region,
        record.scope.channel,
        record.scope.customerSegment,
        record.createdBy,
        record.createdAt,
      ],
    );
  }

  async nextVersionNumber(ruleSetId: string): Promise<number> {
    const [row] = await this.run<{ last_version: number }>(`update $s.rule_set set last_version = last_version + 1 where id = ? returning last_version`, [
      ruleSetId,
    ]);
    return row!.last_version;
  }

  async nextPublication(ruleSetId: string): Promise<number> {
    const [row] = await this.run<{ publication: number }>(`update $s.rule_set set publication = publication + 1 where id = ? returning publication`, [
      ruleSetId,
    ]);
    return row!.publication;
  }

  async version(id: string, lock = false): Promise<VersionRecord | null> {
    const rows = await this.run(
      `select v.*, s.key as rule_set_key, s.module from $s.rule_set_version v join $s.rule_set s on s.id = v.rule_set_id where v.id = ?${lock ? ' for update of v' : ''}`,
      [id],
    );
    return rows[0] ? (await this.withApprovals(rows.map(toVersion)))[0]! : null;
  }

  async versionByNumber(ruleSetId: string, number: number): Promise<VersionRecord | null> {
    const rows = await this.run(
      `select v.*, s.key as rule_set_key, s.module from $s.rule_set_version v join $s.rule_set s on s.id = v.rule_set_id where v.rule_set_id = ? and v.number = ?`,
      [ruleSetId, number],
    );
    return rows[0] ? (await this.withApprovals(rows.map(toVersion)))[0]! : null;
  }

  /** Newest first. */
  async versions(ruleSetIds: readonly string[], status: StoredStatus | null = null): Promise<VersionRecord[]> {
    if (ruleSetIds.length === 0) return [];
    const rows = await this.run(
      `select v.*, s.key as rule_set_key, s.module from $s.rule_set_version v join $s.rule_set s on s.id = v.rule_set_id
      where v.rule_set_id = any(?::uuid[]) and (?::text is null or v.status = ?) order by v.rule_set_id, v.number desc`,
      [`{${ruleSetIds.join(',')}}`, status, status],
    );
    return this.withApprovals(rows.map(toVersion));
  }

  /** A page of one rule set's versions, newest first, below version `before`. */
  async versionsPage(ruleSetId: string, before: number | null, limit: number): Promise<VersionRecord[]> {
    const rows = await this.run(
      `select v.*, s.key as rule_set_key, s.module from $s.rule_set_version v join $s.rule_set s on s.id = v.rule_set_id
      where v.rule_set_id = ? and (?::int is null or v.number < ?) order by v.number desc limit ?`,
      [ruleSetId, before, before, limit],
    );
    return this.withApprovals(rows.map(toVersion));
  }

  async allRuleSets(): Promise<RuleSetRecord[]> {
    return (await this.run(`select * from $s.rule_set order by key`)).map(toRuleSet);
  }

  async insertVersion(version: Omit<VersionRecord, 'approvals' | 'ruleSetKey' | 'module'>): Promise<void> {
    await this.run(
      `insert into $s.rule_set_version (id, rule_set_id, number, status, rules, effective_from, effective_to, author, note, based_on, revision, created_at, updated_at)
      values (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        version.id,
        version.ruleSetId,
        version.number,
        version.status,
        JSON.stringify(version.rules),
        version.effectiveFrom,
        version.effectiveTo,
        version.author,
        version.note,
        version.basedOn,
        version.revision,
        version.createdAt,
        version.updatedAt,
      ],
    );
  }

  /** Optimistic: only the revision the caller read is changed; returns false when someone else changed it meanwhile. */
  async updateVersion(
    id: string,
    expectedRevision: number,
    changes: { status?: StoredStatus; rules?: RuleDefinition[]; effectiveFrom?: Date; effectiveTo?: Date | null; note?: string },
    at: Date,
  ): Promise<boolean> {
    const rows = await this.run(
      `update $s.rule_set_version set status = coalesce(?, status), rules = coalesce(?::jsonb, rules), effective_from = coalesce(?, effective_from),
      effective_to = case when ?::boolean then ?::timestamptz else effective_to end, note = coalesce(?, note), revision = revision + 1, updated_at = ? where id = ? and revision = ? returning id`,
      [
        changes.status ?? null,
        changes.rules ? JSON.stringify(changes.rules) : null,
        changes.effectiveFrom ?? null,
        'effectiveTo' in changes,
        changes.effectiveTo ?? null,
        changes.note ?? null,
        at,
        id,
        expectedRevision,
      ],
    );
    return rows.length === 1;
  }

  async addApproval(versionId: string, approver: string, at: Date): Promise<void> {
    await this.run(`insert into $s.rule_approval (version_id, approver, at) values (?, ?, ?)`, [versionId, approver, at]);
  }

  async audit(entry: {
    at: Date;
    actorId: string;
    actorRole: string;
    action: string;
    ruleSet: string;
    version: number | null;
    before: unknown;
    after: unknown;
  }): Promise<void> {
    await this.run(
      `insert into $s.rule_audit_entry (at, actor_id, actor_role, action, rule_set, version, before, after) values (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)`,
      [
        entry.at,
        entry.actorId,
        entry.actorRole,
        entry.action,
        entry.ruleSet,
        entry.version,
        entry.before === null ? null : JSON.stringify(entry.before),
        entry.after === null ? null : JSON.stringify(entry.after),
      ],
    );
  }

  /** Newest first, before the entry id `before` when given. */
  async auditTrail(ruleSet: string | null, before: number | null, limit: number) {
    const rows = await this.run(
      `select * from $s.rule_audit_entry where (?::text is null or rule_set = ?) and (?::bigint is null or id < ?) order by id desc limit ?`,
      [ruleSet, ruleSet, before, before, limit],
    );
    return rows.map((row) => ({
      id: String(row.id),
      at: new Date(row.at),
      actorId: row.actor_id as string,
      actorRole: row.actor_role as string,
      action: row.action as string,
      ruleSet: row.rule_set as string,
      version: row.version as number | null,
      before: row.before,
      after: row.after,
    }));
  }

  private async withApprovals(versions: VersionRecord[]): Promise<VersionRecord[]> {
    if (versions.length === 0) return versions;
    const rows = await this.run<{ version_id: string; approver: string; at: Date }>(
      `select * from $s.rule_approval where version_id = any(?::uuid[]) order by at`,
      [`{${versions.map((v) => v.id).join(',')}}`],
    );
    for (const row of rows) versions.find((version) => version.id === row.version_id)?.approvals.push({ approver: row.approver, at: new Date(row.at) });
    return versions;
  }
}

function toRuleSet(row: Record<string, any>): RuleSetRecord {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    module: row.module,
    scope: { region: row.scope_region, channel: row.scope_channel, customerSegment: row.scope_segment },
    publication: row.publication,
    lastVersion: row.last_version,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at),
  };
}

function toVersion(row: Record<string, any>): VersionRecord {
  return {
    id: row.id,
    ruleSetId: row.rule_set_id,
    ruleSetKey: row.rule_set_key,
    module: row.module,
    number: row.number,
    status: row.status,
    rules: row.rules,
    effectiveFrom: new Date(row.effective_from),
    effectiveTo: row.effective_to ? new Date(row.effective_to) : null,
    author: row.author,
    note: row.note,
    basedOn: row.based_on,
    revision: row.revision,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    approvals: [],
  };
}
