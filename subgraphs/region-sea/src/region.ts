import type { RegionDefinition } from '@hub/shared/region/region-app';
import { SeaOrderContact } from './orders/sea-order-contact.entity.js';
import { createSeaOrderResolvers } from './orders/sea-order.resolver.js';
import { seaMigrations } from './persistence/migrations/index.js';

/** region-sea: orders to Indonesia, Thailand, Malaysia, the Philippines, Vietnam and Singapore. */
export const seaRegion: RegionDefinition = {
  code: 'sea',
  defaultPort: 4004,
  entities: [SeaOrderContact],
  migrations: seaMigrations,
  resolvers: (dependencies) => [...createSeaOrderResolvers(dependencies)],
};
