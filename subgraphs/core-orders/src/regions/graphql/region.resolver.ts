import type { MikroORM } from '@mikro-orm/postgresql';
import { Arg, Authorized, Field, GraphQLISODateTime, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { subgraphHealth } from '../../registry/domain/subgraph-health.js';
import { SchemaSubmission } from '../../registry/persistence/schema-submission.entity.js';
import { SubgraphRegistration } from '../../registry/persistence/subgraph-registration.entity.js';
import { Region } from '../persistence/region.entity.js';

@ObjectType('SubgraphStatus', { description: 'A subgraph as the registry knows it.' })
export class SubgraphStatusView {
  @Field(() => String) name!: string;
  @Field(() => String) url!: string;
  @Field(() => String, { description: 'Version of the schema it serves, as accepted by the registry.' }) schemaVersion!: string;
  @Field(() => String, { description: 'UP, STALE (missed heartbeats) or DOWN.' }) status!: string;
  @Field(() => GraphQLISODateTime, { nullable: true }) lastHeartbeatAt!: Date | null;
  @Field(() => GraphQLISODateTime) acceptedAt!: Date;
}

@ObjectType('Region', { description: 'A region registered with the hub.' })
export class RegionView {
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
  @Field(() => String) defaultCurrency!: string;
  @Field(() => String, { description: 'IANA time zone used for the region\'s local rules.' }) timeZone!: string;
  @Field(() => SubgraphStatusView, { nullable: true, description: 'The region\'s subgraph; null until it has registered.' }) subgraph!: SubgraphStatusView | null;
}

@ObjectType('SchemaSubmission', { description: 'A schema a subgraph submitted to the registry.' })
export class SchemaSubmissionView {
  @Field(() => String) name!: string;
  @Field(() => String) version!: string;
  @Field(() => Boolean) accepted!: boolean;
  @Field(() => [String], { description: 'Why a rejected schema was refused (composition errors, breaking changes).' }) problems!: string[];
  @Field(() => GraphQLISODateTime) submittedAt!: Date;
}

export function createRegionResolver(orm: MikroORM, heartbeatIntervalMs: number) {
  const toStatus = (registration: SubgraphRegistration, now: Date): SubgraphStatusView => ({
    name: registration.name, url: registration.url, schemaVersion: registration.version, acceptedAt: registration.acceptedAt,
    lastHeartbeatAt: registration.lastHeartbeatAt ?? null, status: subgraphHealth(registration.lastHeartbeatAt ?? null, now, heartbeatIntervalMs),
  });

  @Resolver(() => RegionView)
  class RegionResolver {
    @Authorized()
    @Query(() => [RegionView], { description: 'The registry of regions, with the health of each region\'s subgraph.' })
    async regions(): Promise<RegionView[]> {
      const em = orm.em.fork();
      const [regions, registrations] = await Promise.all([em.find(Region, {}, { orderBy: { code: 'asc' } }), em.find(SubgraphRegistration, {})]);
      const byName = new Map(registrations.map((registration) => [registration.name, registration]));
      const now = new Date();
      return regions.map(({ code, name, defaultCurrency, timeZone }) => {
        const registration = byName.get(`region-${code}`);
        return { code, name, defaultCurrency, timeZone, subgraph: registration ? toStatus(registration, now) : null };
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
    @Query(() => [SchemaSubmissionView], { description: 'Schema submissions, newest first.' })
    async schemaSubmissions(
      @Arg('name', () => String, { nullable: true }) name: string | undefined,
      @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    ): Promise<SchemaSubmissionView[]> {
      const submissions = await orm.em.fork().find(SchemaSubmission, name ? { name } : {}, { orderBy: { id: 'desc' }, limit: Math.min(Math.max(first, 1), 100) });
      return submissions.map(({ name: subgraph, version, accepted, problems, submittedAt }) => ({ name: subgraph, version, accepted, problems, submittedAt }));
    }
  }
  return RegionResolver;
}
