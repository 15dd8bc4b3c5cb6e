import type { MikroORM } from '@mikro-orm/postgresql';
import { Arg, Args, Authorized, Field, GraphQLISODateTime, ID, Int, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import { ConnectionArgs, connectionType, decodeIdCursor, pageSize, toConnection, type Connection } from '@hub/shared/graphql/connection';
import { subgraphHealth, type SubgraphHealth } from '../../registry/domain/subgraph-health.js';
import { SchemaSubmission } from '../../registry/persistence/schema-submission.entity.js';
import { SubgraphRegistration } from '../../registry/persistence/subgraph-registration.entity.js';
import { Region } from '../persistence/region.entity.js';
import { recentEventLoopDelayMs } from '@hub/shared/server/event-loop-delay';

const SubgraphHealthEnum = { UP: 'UP', NOT_READY: 'NOT_READY', STALE: 'STALE', DOWN: 'DOWN' } as const satisfies { [H in SubgraphHealth]: H };
registerEnumType(SubgraphHealthEnum, {
  name: 'SubgraphHealth',
  description: 'How recently a subgraph sent a heartbeat.',
  valuesConfig: {
    UP: { description: 'A heartbeat within the last three intervals, with its readiness checks passing.' },
    NOT_READY: { description: 'Beating, but its own readiness checks fail (database or NATS unreachable): what its `/ready` answers.' },
    STALE: { description: 'Three to ten intervals without a heartbeat: maybe slow, maybe gone; still routed to.' },
    DOWN: { description: 'No heartbeat for ten intervals, or never one.' },
  },
});

@ObjectType('SubgraphStatus', { description: 'A subgraph as the registry knows it.' })
export class SubgraphStatusView {
  @Field(() => ID, { description: "The subgraph's name, which is unique." }) id!: string;
  @Field(() => String, { description: "The subgraph's name, e.g. region-cn." }) name!: string;
  @Field(() => String, { description: 'The URL the gateway routes to.' }) url!: string;
  @Field(() => String, { description: 'Version of the schema it serves, as accepted by the registry.' }) schemaVersion!: string;
  @Field(() => String, { description: 'UP, NOT_READY, STALE (missed heartbeats) or DOWN.', deprecationReason: 'Use `health`, an enum.' }) status!: string;
  @Field(() => SubgraphHealthEnum, { description: 'How recently the subgraph sent a heartbeat, and whether its readiness checks pass.' })
  health!: SubgraphHealth;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'The last heartbeat received; null before the first.' }) lastHeartbeatAt!: Date | null;
  @Field(() => GraphQLISODateTime, { description: 'When the registry accepted the schema it serves.' }) acceptedAt!: Date;
}

@ObjectType('Region', { description: 'A region registered with the hub.' })
export class RegionView {
  @Field(() => ID, { description: 'The region code, which is unique.' }) id!: string;
  @Field(() => String, { description: 'The region code, e.g. cn.' }) code!: string;
  @Field(() => String, { description: 'Display name.' }) name!: string;
  @Field(() => String, { description: 'ISO 4217 code of the currency the region prices in by default.' }) defaultCurrency!: string;
  @Field(() => String, { description: "IANA time zone used for the region's local rules." }) timeZone!: string;
  @Field(() => SubgraphStatusView, { nullable: true, description: "The region's subgraph; null until it has registered." })
  subgraph!: SubgraphStatusView | null;
}

@ObjectType('SchemaSubmission', { description: 'A schema a subgraph submitted to the registry.' })
export class SchemaSubmissionView {
  @Field(() => ID, { description: 'Unique id of the submission; later submissions have larger ids.' }) id!: string;
  @Field(() => String, { description: "The submitting subgraph's name." }) name!: string;
  @Field(() => String, { description: 'Package version plus SDL fingerprint, e.g. 0.1.0+3f2a9c1b.' }) version!: string;
  @Field(() => Boolean, { description: 'Whether the registry accepted it.' }) accepted!: boolean;
  @Field(() => [String], { description: 'Why a rejected schema was refused (composition errors, breaking changes).' }) problems!: string[];
  @Field(() => GraphQLISODateTime, { description: 'When it was submitted.' }) submittedAt!: Date;
}

export const SchemaSubmissionConnection = connectionType(SchemaSubmissionView, 'SchemaSubmission');

export function createRegionResolver(orm: MikroORM, heartbeatIntervalMs: number) {
  const toStatus = (registration: SubgraphRegistration, now: Date): SubgraphStatusView => {
    const health = subgraphHealth(
      { at: registration.lastHeartbeatAt ?? null, ready: registration.lastHeartbeatReady ?? null, eventLoopDelayMs: registration.lastEventLoopDelayMs ?? null },
      now,
      heartbeatIntervalMs,
      recentEventLoopDelayMs(),
    );
    return {
      id: registration.name,
      name: registration.name,
      url: registration.url,
      schemaVersion: registration.version,
      acceptedAt: registration.acceptedAt,
      lastHeartbeatAt: registration.lastHeartbeatAt ?? null,
      status: health,
      health,
    };
  };
  const toSubmission = ({ id, name, version, accepted, problems, submittedAt }: SchemaSubmission): SchemaSubmissionView => ({
    id: String(id),
    name,
    version,
    accepted,
    problems,
    submittedAt,
  });

  @Resolver(() => RegionView)
  class RegionResolver {
    @Authorized()
    @Query(() => [RegionView], { description: "The registry of regions, with the health of each region's subgraph." })
    async regions(): Promise<RegionView[]> {
      const em = orm.em.fork();
      const [regions, registrations] = await Promise.all([em.find(Region, {}, { orderBy: { code: 'asc' } }), em.find(SubgraphRegistration, {})]);
      const byName = new Map(registrations.map((registration) => [registration.name, registration]));
      const now = new Date();
      return regions.map(({ code, name, defaultCurrency, timeZone }) => {
        const registration = byName.get(`region-${code}`);
        return { id: code, code, name, defaultCurrency, timeZone, subgraph: registration ? toStatus(registration, now) : null };
      });
    }

    @Authorized('operator', 'auditor', 'admin')
    @Query(() => [SubgraphStatusView], { description: 'Every registered subgraph and its health.' })
    async subgraphs(): Promise<SubgraphStatusView[]> {
      const registrations = await orm.em.fork().find(SubgraphRegistration, {}, { orderBy: { name: 'asc' } });
      const now = new Date();
      return registrations.map((registration) => toStatus(registration, now));
    }

    @Authorized('operator', 'auditor', 'admin')
    @Query(() => [SchemaSubmissionView], {
      description: 'Schema submissions, newest first; at most 100.',
      deprecationReason: 'Use `schemaSubmissionsConnection`, which pages with a cursor.',
    })
    async schemaSubmissions(
      @Arg('name', () => String, { nullable: true, description: "Only this subgraph's submissions." }) name: string | undefined,
      @Arg('first', () => Int, { defaultValue: 20, description: 'How many, 1 to 100.' }) first: number,
    ): Promise<SchemaSubmissionView[]> {
      const submissions = await orm.em
        .fork()
        .find(SchemaSubmission, name ? { name } : {}, { orderBy: { id: 'desc' }, limit: Math.min(Math.max(first, 1), 100) });
      return submissions.map(toSubmission);
    }

    @Authorized('operator', 'auditor', 'admin')
    @Query(() => SchemaSubmissionConnection, { description: 'Schema submissions, newest first.' })
    async schemaSubmissionsConnection(
      @Args(() => ConnectionArgs) page: ConnectionArgs,
      @Arg('name', () => String, { nullable: true, description: "Only this subgraph's submissions." }) name?: string,
    ): Promise<Connection<SchemaSubmissionView>> {
      const where: Record<string, unknown> = name ? { name } : {};
      if (page.after) where.id = { $lt: decodeIdCursor(page.after) };
      const rows = await orm.em.fork().find(SchemaSubmission, where, { orderBy: { id: 'desc' }, limit: pageSize(page) + 1 });
      return toConnection(rows, page, (row) => [Number(row.id)], toSubmission);
    }
  }
  return RegionResolver;
}
