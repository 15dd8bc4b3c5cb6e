import type { MikroORM } from '@mikro-orm/postgresql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Arg, Args, Authorized, Field, GraphQLISODateTime, ID, Int, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import { ConnectionArgs, connectionType, decodeCursor, decodeIdCursor, pageSize, toConnection, type Connection } from '@hub/shared/graphql/connection';
import { InputValidationError } from '@hub/shared/errors';
import { MinorUnits } from '@hub/shared/graphql/scalars';
import type { FindingKind } from '../domain/reconcile.js';
import { ReconciliationFinding } from '../persistence/reconciliation-finding.entity.js';
import { RegionSummaryRecord } from '../persistence/region-summary.entity.js';

const FindingKindEnum = {
  NOT_REGISTERED_IN_CORE: 'NOT_REGISTERED_IN_CORE',
  MISSING_FROM_REGION_SUMMARY: 'MISSING_FROM_REGION_SUMMARY',
  REGION_MISMATCH: 'REGION_MISMATCH',
  ORDER_SET_MISMATCH: 'ORDER_SET_MISMATCH',
  GMV_MISMATCH: 'GMV_MISMATCH',
} as const satisfies { [K in FindingKind]: K };
registerEnumType(FindingKindEnum, {
  name: 'ReconciliationFindingKind',
  description: "How a region's summary and master data disagree.",
  valuesConfig: {
    NOT_REGISTERED_IN_CORE: { description: 'The region counted an order core never registered.' },
    MISSING_FROM_REGION_SUMMARY: {
      description: 'Core holds an order the region did not count.',
      deprecationReason: 'No longer found: a summary carries a digest of its orders, not every id; see ORDER_SET_MISMATCH.',
    },
    REGION_MISMATCH: { description: 'The region counted an order core files under another region.' },
    ORDER_SET_MISMATCH: {
      description:
        'Beyond the orders named in other findings, the orders the region counted and those core holds for it in the period differ (a region or core that lost orders, or a clock far off); regionValue and coreValue are the two counts.',
    },
    GMV_MISMATCH: { description: "The region's GMV in one currency differs from core's." },
  },
});

@ObjectType('RegionSummary', { description: 'The newest figures a region reported for one period.' })
export class RegionSummaryView {
  @Field(() => ID, { description: 'Region and period start: one summary per region and period, its newest revision.' }) id!: string;
  @Field(() => String, { description: "The reporting region's code." }) region!: string;
  @Field(() => GraphQLISODateTime, { description: 'Start of the period (inclusive).' }) periodStart!: Date;
  @Field(() => GraphQLISODateTime, { description: 'End of the period (exclusive).' }) periodEnd!: Date;
  @Field(() => Int, { description: "The region's revision of these figures; a larger one replaces a smaller." }) revision!: number;
  @Field(() => Int, { description: 'Orders the region took in during the period.' }) ordersPlaced!: number;
  @Field(() => GraphQLJSONObject, { description: 'GMV per currency, in minor units.' }) gmv!: Record<string, number>;
  @Field(() => GraphQLJSONObject, { description: 'Region-specific counters.' }) metrics!: Record<string, number>;
  @Field(() => GraphQLISODateTime, { description: 'When core received this revision.' }) receivedAt!: Date;
}

@ObjectType('ReconciliationFinding', { description: "A difference between a region's summary and master data." })
export class ReconciliationFindingView {
  @Field(() => ID, { description: 'Unique id of the finding.' }) id!: string;
  @Field(() => String, { description: 'The region whose summary differs.' }) region!: string;
  @Field(() => GraphQLISODateTime, { description: 'Start of the period the summary covers.' }) periodStart!: Date;
  @Field(() => String, {
    description: 'NOT_REGISTERED_IN_CORE, REGION_MISMATCH, ORDER_SET_MISMATCH or GMV_MISMATCH.',
    deprecationReason: 'Use `findingKind`, an enum.',
  })
  kind!: string;
  @Field(() => FindingKindEnum, { description: 'How the summary and master data disagree.' }) findingKind!: FindingKind;
  @Field(() => String, { nullable: true, description: 'The order concerned; null for GMV differences.' }) orderId!: string | null;
  @Field(() => String, { nullable: true, description: 'ISO 4217 code of a GMV difference; null otherwise.' }) currency!: string | null;
  @Field(() => MinorUnits, { nullable: true, description: "The region's GMV in that currency, or its order count for ORDER_SET_MISMATCH; null otherwise." })
  regionValue!: number | null;
  @Field(() => MinorUnits, { nullable: true, description: "Core's GMV in that currency, or its order count for ORDER_SET_MISMATCH; null otherwise." })
  coreValue!: number | null;
  @Field(() => Int, { description: 'The summary revision the finding was made against.' }) summaryRevision!: number;
}

export const RegionSummaryConnection = connectionType(RegionSummaryView, 'RegionSummary');
export const ReconciliationFindingConnection = connectionType(ReconciliationFindingView, 'ReconciliationFinding');

const toSummary = ({ region, periodStart, periodEnd, revision, ordersPlaced, gmv, metrics, receivedAt }: RegionSummaryRecord): RegionSummaryView => ({
  id: `${region}:${periodStart.toISOString()}`,
  region,
  periodStart,
  periodEnd,
  revision,
  ordersPlaced,
  gmv,
  metrics,
  receivedAt,
});

const toFinding = (row: ReconciliationFinding): ReconciliationFindingView => ({
  id: String(row.id),
  region: row.region,
  periodStart: row.periodStart,
  kind: row.kind,
  findingKind: row.kind as FindingKind,
  orderId: row.orderId ?? null,
  currency: row.currency ?? null,
  regionValue: row.regionValue ?? null,
  coreValue: row.coreValue ?? null,
  summaryRevision: row.summaryRevision,
});

const regionArg = { nullable: true, description: "Only this region's." } as const;

export function createSummaryResolver(orm: MikroORM) {
  @Resolver()
  class SummaryResolver {
    @Authorized('operator', 'auditor', 'admin')
    @Query(() => [RegionSummaryView], {
      description: 'Region summaries, newest period first; at most 500.',
      deprecationReason: 'Use `regionSummariesConnection`, which pages with a cursor.',
    })
    async regionSummaries(
      @Arg('region', () => String, regionArg) region: string | undefined,
      @Arg('first', () => Int, { defaultValue: 24, description: 'How many, 1 to 500.' }) first: number,
    ): Promise<RegionSummaryView[]> {
      const rows = await orm.em
        .fork()
        .find(RegionSummaryRecord, region ? { region } : {}, { orderBy: { periodStart: 'desc', region: 'asc' }, limit: Math.min(Math.max(first, 1), 500) });
      return rows.map(toSummary);
    }

    @Authorized('operator', 'auditor', 'admin')
    @Query(() => RegionSummaryConnection, { description: 'Region summaries, newest period first.' })
    async regionSummariesConnection(
      @Args(() => ConnectionArgs) page: ConnectionArgs,
      @Arg('region', () => String, regionArg) region?: string,
    ): Promise<Connection<RegionSummaryView>> {
      const where: Record<string, unknown> = region ? { region } : {};
      if (page.after) {
        const [periodStart, code] = decodeCursor(page.after, 2);
        const start = new Date(String(periodStart));
        if (Number.isNaN(start.getTime())) throw new InputValidationError('after', 'Not a cursor of this list: pass the endCursor of the previous page');
        where.$or = [{ periodStart: { $lt: start } }, { periodStart: start, region: { $gt: String(code) } }];
      }
      const rows = await orm.em.fork().find(RegionSummaryRecord, where, { orderBy: { periodStart: 'desc', region: 'asc' }, limit: pageSize(page) + 1 });
      return toConnection(rows, page, (row) => [row.periodStart.toISOString(), row.region], toSummary);
    }

    @Authorized('auditor', 'admin')
    @Query(() => [ReconciliationFindingView], {
      description: 'Open differences between region summaries and master data; at most 500.',
      deprecationReason: 'Use `reconciliationFindingsConnection`, which pages with a cursor.',
    })
    async reconciliationFindings(
      @Arg('region', () => String, regionArg) region: string | undefined,
      @Arg('first', () => Int, { defaultValue: 100, description: 'How many, 1 to 500.' }) first: number,
    ): Promise<ReconciliationFindingView[]> {
      const rows = await orm.em
        .fork()
        .find(ReconciliationFinding, region ? { region } : {}, { orderBy: { periodStart: 'desc', id: 'asc' }, limit: Math.min(Math.max(first, 1), 500) });
      return rows.map(toFinding);
    }

    @Authorized('auditor', 'admin')
    @Query(() => ReconciliationFindingConnection, { description: 'Open differences between region summaries and master data, newest first.' })
    async reconciliationFindingsConnection(
      @Args(() => ConnectionArgs) page: ConnectionArgs,
      @Arg('region', () => String, regionArg) region?: string,
    ): Promise<Connection<ReconciliationFindingView>> {
      const where: Record<string, unknown> = region ? { region } : {};
      if (page.after) where.id = { $lt: decodeIdCursor(page.after) };
      const rows = await orm.em.fork().find(ReconciliationFinding, where, { orderBy: { id: 'desc' }, limit: pageSize(page) + 1 });
      return toConnection(rows, page, (row) => [Number(row.id)], toFinding);
    }
  }
  return SummaryResolver;
}
