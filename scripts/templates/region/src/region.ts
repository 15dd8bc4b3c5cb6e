import type { RegionDefinition } from '@hub/shared/region/region-app';
import { create__Code__OrderResolver } from './orders/__code__-order.resolver.js';
import { __code__Migrations } from './persistence/migrations/index.js';

/** region-__code__: __name__. */
export const __code__Region: RegionDefinition = {
  code: '__code__',
  defaultPort: __port__,
  profile: { displayName: '__name__', defaultCurrency: '__currency__', timeZone: '__timeZone__' },
  entities: [],
  migrations: __code__Migrations,
  resolvers: (dependencies) => [create__Code__OrderResolver(dependencies)],
};
