import type { RegionDefinition } from '@hub/shared/region/region-app';
import { CnOrderContact } from './orders/cn-order-contact.entity.js';
import { createCnOrderResolvers } from './orders/cn-order.resolver.js';
import { cnMigrations } from './persistence/migrations/index.js';

/** region-cn: mainland China orders, personal data kept in China. */
export const cnRegion: RegionDefinition = {
  code: 'cn',
  defaultPort: 4002,
  entities: [CnOrderContact],
  migrations: cnMigrations,
  resolvers: (dependencies) => [...createCnOrderResolvers(dependencies)],
};
