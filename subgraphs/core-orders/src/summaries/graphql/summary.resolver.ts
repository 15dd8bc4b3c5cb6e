import type { MikroORM } from '@mikro-orm/postgresql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Arg, Authorized, Field, GraphQLISODateTime, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { MinorUnits } from '@hub/shared/graphql/scalars';
import { ReconciliationFinding } from '../persistence/reconciliation-finding.entity.js';
import { RegionSummaryRecord } from '../persistence/region-summary.entity.js';

@ObjectType('RegionSummary', { description: 'The newest figures a region reported for one period.' })
export class RegionSummaryView {
  @Field(() => String) region!: string;
  @Field(() => GraphQLISODateTime) periodStart!: Date;
  @Field(() => GraphQLISODateTime) periodEnd!: Date;
  @Field(() => Int) revision!: number;
  @Field(() => Int) ordersPlaced!: number;
  @Field(() => GraphQLJSONObject, { description: 'GMV per currency, in minor units.' }) gmv!: Record<string, number>;
  @Field(() => GraphQLJSONObject, { description: 'Region-specific counters.' }) metrics!: Record<string, number>;
  @Field(() => GraphQLISODateTime) receivedAt!: Date;
}

@ObjectType('ReconciliationFinding', { description: 'A difference between a region\'s summary and master data.' })
export class ReconciliationFindingView {
  @Field(() => String) region!: string;
  @Field(() => GraphQLISODateTime) periodStart!: Date;
  @Field(() => String, { description: 'NOT_REGISTERED_IN_CORE, MISSING_FROM_REGION_SUMMARY, REGION_MISMATCH or GMV_MISMATCH.' }) kind!: string;
  @Field(() => String, { nullable: true }) orderId!: string | null;
  @Field(() => String, { nullable: true }) currency!: string | null;
  @Field(() => MinorUnits, { nullable: true }) regionValue!: number | null;
  @Field(() => MinorUnits, { nullable: true }) coreValue!: number | null;
  @Field(() => Int) summaryRevision!: number;
}

export function createSummaryResolver(orm: MikroORM) {
  @Resolver()
  class SummaryResolver {
    @Authorized('operator', 'auditor', 'admin')
    @Query(() => [RegionSummaryView], { description: 'Region summaries, newest period first.' })
    async regionSummaries(
      @Arg('region', () => String, { nullable: true }) region: string | undefined,
      @Arg('first', () => Int, { defaultValue: 24 }) first: number,
    ): Promise<RegionSummaryView[]> {
      const rows = await orm.em.fork().find(RegionSummaryRecord, region ? { region } : {}, { orderBy: { periodStart: 'desc', region: 'asc' }, limit: Math.min(Math.max(first, 1), 500) });
      return rows.map(({ region: code, periodStart, periodEnd, revision, ordersPlaced, gmv, metrics, receivedAt }) => ({ region: code, periodStart, periodEnd, revision, ordersPlaced, gmv, metrics, receivedAt }));
    }

    @Authorized('auditor', 'admin')
    @Query(() => [ReconciliationFindingView], { description: 'Open differences between region summaries and master data.' })
    async reconciliationFindings(
      @Arg('region', () => String, { nullable: true }) region: string | undefined,
      @Arg('first', () => Int, { defaultValue: 100 }) first: number,
    ): Promise<ReconciliationFindingView[]> {
      const rows = await orm.em.fork().find(ReconciliationFinding, region ? { region } : {}, { orderBy: { periodStart: 'desc', id: 'asc' }, limit: Math.min(Math.max(first, 1), 500) });
      return rows.map((row) => ({
        region: row.region, periodStart: row.periodStart, kind: row.kind, orderId: row.orderId ?? null, currency: row.currency ?? null,
        regionValue: row.regionValue ?? null, coreValue: row.coreValue ?? null, summaryRevision: row.summaryRevision,
      }));
    }
  }
  return SummaryResolver;
}
