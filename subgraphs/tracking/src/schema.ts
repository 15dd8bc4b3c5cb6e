import type pg from 'pg';
import { buildFederatedSchema } from '@hub/shared/graphql/subgraph-schema';
import { OrderReference, orderReferenceResolver } from '@hub/shared/region/order-reference.type';
import { createAdminResolvers } from './graphql/admin.resolver.js';
import { createJourneyResolvers } from './graphql/journey.resolver.js';
import { createSearchResolvers } from './graphql/search.resolver.js';
import { createTaskResolvers } from './graphql/task.resolver.js';
import { JourneyQuery } from './journey/journey-query.js';
import type { ShipmentRegistrationService } from './shipments/shipment-registration.service.js';
import { TaskService } from './tasks/task.service.js';
import './graphql/enums.js';

/** Tracking's subgraph schema; no I/O at build time, so it also prints the SDL. */
export function buildTrackingSchema(pool: pg.Pool, registration: ShipmentRegistrationService) {
  const query = new JourneyQuery(pool);
  return buildFederatedSchema(
    {
      resolvers: [
        ...createJourneyResolvers(query),
        ...createSearchResolvers(query),
        ...createTaskResolvers(new TaskService(pool)),
        ...createAdminResolvers(pool, query, registration),
      ],
      orphanedTypes: [OrderReference],
    },
    orderReferenceResolver,
  );
}
