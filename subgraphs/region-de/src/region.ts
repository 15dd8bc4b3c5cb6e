import type { RegionDefinition } from '@hub/shared/region/region-app';
import { DeOrderContact } from './orders/de-order-contact.entity.js';
import { createDeOrderResolvers } from './orders/de-order.resolver.js';
import { deMigrations } from './persistence/migrations/index.js';

/** region-de: orders of the German shop, delivered within the EU; personal data kept in the EU. */
export const deRegion: RegionDefinition = {
  code: 'de',
  defaultPort: 4003,
  entities: [DeOrderContact],
  migrations: deMigrations,
  resolvers: (dependencies) => [...createDeOrderResolvers(dependencies)],
};
