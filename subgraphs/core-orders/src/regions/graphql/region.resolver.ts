import type { MikroORM } from '@mikro-orm/postgresql';
import { Authorized, Field, ObjectType, Query, Resolver } from 'type-graphql';
import { Region } from '../persistence/region.entity.js';

@ObjectType('Region', { description: 'A region registered with the hub.' })
export class RegionView {
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
  @Field(() => String) defaultCurrency!: string;
  @Field(() => String, { description: 'IANA time zone used for the region\'s local rules.' }) timeZone!: string;
}

export function createRegionResolver(orm: MikroORM) {
  @Resolver(() => RegionView)
  class RegionResolver {
    @Authorized()
    @Query(() => [RegionView], { description: 'The registry of regions.' })
    async regions(): Promise<RegionView[]> {
      const regions = await orm.em.fork().find(Region, {}, { orderBy: { code: 'asc' } });
      return regions.map(({ code, name, defaultCurrency, timeZone }) => ({ code, name, defaultCurrency, timeZone }));
    }
  }
  return RegionResolver;
}
