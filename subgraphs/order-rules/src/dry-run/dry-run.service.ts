import type { EntityManager } from '@mikro-orm/postgresql';
import { NotFoundError, InputValidationError } from '@hub/shared/errors';
import type { MikroORM } from '@hub/shared/persistence/orm';
import { compilePublication, StaticRuleBook } from '@hub/shared/rules/domain/rule-book';
import { compileRules } from '@hub/shared/rules/domain/rule-language';
import { RuleSetStore } from '../rule-sets/rule-set.store.js';
import { changedAspects, outcomeOf, type OutcomeAspect, type OutcomeSummary } from './outcome-diff.js';
import { contextOfSample, FACTS_MISSING_FROM_HISTORY, type OrderSample } from './sample-context.js';
import { publicationOf } from '../rule-sets/publication.js';

export const MAX_DRY_RUN_DAYS = 90;
const MAX_SAMPLES = 20_000;
const MAX_REPORTED_CHANGES = 200;

export interface DryRunChange {
  orderNumber: string;
  region: string;
  channel: string;
  placedAt: Date;
  aspects: OutcomeAspect[];
  before: OutcomeSummary;
  after: OutcomeSummary;
}

export interface DryRunReport {
  versionId: string;
  days: number;
  ordersEvaluated: number;
  ordersChanged: number;
  refusedBefore: number;
  refusedAfter: number;
  factsMissingFromHistory: string[];
  /** The first changes, oldest order first; `ordersChanged` counts them all. */
  changes: DryRunChange[];
}

/**
 * Replays the last N days of orders twice: with the rule versions that were in force when each was placed, and with
 * the draft in their rule set's place. Nothing is written and no order is touched: a draft is never executed on a
 * live order.
 */
export class DryRunService {
  constructor(
    private readonly orm: MikroORM,
    private readonly schema: string,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async run(versionId: string, days: number): Promise<DryRunReport> {
    if (!Number.isInteger(days) || days < 1 || days > MAX_DRY_RUN_DAYS)
      throw new InputValidationError('days', `A dry-run looks back 1 to ${MAX_DRY_RUN_DAYS} days.`);
    const em = this.orm.em.fork() as EntityManager;
    const store = new RuleSetStore(em, this.schema);
    const draft = await store.version(versionId);
    if (!draft) throw new NotFoundError('Rule set version', versionId);
    const baseline = await this.publishedBook(store);
    const ruleSet = (await store.ruleSet(draft.ruleSetKey))!;
    const candidate = baseline.withRuleSet(ruleSet.key, [
      {
        ruleSet: ruleSet.key,
        module: ruleSet.module,
        scope: ruleSet.scope,
        version: draft.number,
        publication: 0,
        effectiveFrom: -Infinity,
        effectiveTo: Infinity,
        rules: compileRules(ruleSet.module, draft.rules),
      },
    ]);
    const since = new Date(this.clock().getTime() - days * 24 * 3600 * 1000);
    const samples = await this.samples(em, since);
    const report: DryRunReport = {
      versionId,
      days,
      ordersEvaluated: samples.length,
      ordersChanged: 0,
      refusedBefore: 0,
      refusedAfter: 0,
      factsMissingFromHistory: [...FACTS_MISSING_FROM_HISTORY],
      changes: [],
    };
    for (const sample of samples) {
      const order = contextOfSample(sample);
      const before = outcomeOf(baseline, order, sample.placedAt);
      const after = outcomeOf(candidate, order, sample.placedAt);
      if (before.refusalCodes.length > 0) report.refusedBefore += 1;
      if (after.refusalCodes.length > 0) report.refusedAfter += 1;
      const aspects = changedAspects(before, after);
      if (aspects.length === 0) continue;
      report.ordersChanged += 1;
      if (report.changes.length < MAX_REPORTED_CHANGES)
        report.changes.push({ orderNumber: sample.number, region: sample.region, channel: sample.channel, placedAt: sample.placedAt, aspects, before, after });
    }
    return report;
  }

  /** Every published version with its period (superseded ones included, ended where their successor began), so each past order meets the rules of its day. */
  private async publishedBook(store: RuleSetStore): Promise<StaticRuleBook> {
    const ruleSets = await store.allRuleSets();
    const published = await store.versions(
      ruleSets.map((ruleSet) => ruleSet.id),
      'PUBLISHED',
    );
    return new StaticRuleBook(
      ruleSets.flatMap((ruleSet) =>
        compilePublication(
          publicationOf(
            ruleSet,
            ruleSet.publication,
            published.filter((version) => version.ruleSetId === ruleSet.id),
            new Date(0),
          ),
        ),
      ),
    );
  }

  private async samples(em: EntityManager, since: Date): Promise<OrderSample[]> {
    const rows = await em
      .getConnection()
      .execute<Array<Record<string, any>>>(
        `select number, region, channel, currency, grand_total, placed_at, lines from "${this.schema}".order_sample where placed_at >= ? order by placed_at limit ?`,
        [since, MAX_SAMPLES],
      );
    return rows.map((row) => ({
      number: row.number,
      region: row.region,
      channel: row.channel,
      currency: row.currency,
      grandTotal: Number(row.grand_total),
      placedAt: new Date(row.placed_at),
      lines: row.lines,
    }));
  }
}
