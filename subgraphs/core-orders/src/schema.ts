import type { MikroORM } from '@mikro-orm/postgresql';
import { buildFederatedSchema } from '@hub/shared/graphql/subgraph-schema';
import { AuditQueryService } from './audit/audit-query.service.js';
import { createAuditResolver } from './audit/graphql/audit.resolver.js';
import { createOrderDetailsResolver } from './orders/graphql/order-details.resolver.js';
import { createOrderReferenceResolver, createOrderResolver } from './orders/graphql/order.resolver.js';
import { OrderQueryService } from './orders/order-query.service.js';
import type { OrderTransitionService } from './orders/order-transition.service.js';
import type { OrderHoldService } from './orders/order-hold.service.js';
import { createOrderHoldResolver } from './orders/graphql/order-hold.resolver.js';
import { createRegionResolver } from './regions/graphql/region.resolver.js';
import { createSummaryResolver } from './summaries/graphql/summary.resolver.js';

/** core-orders' subgraph schema; built without I/O, so the SDL can be printed at build time too. */
export function buildCoreSchema(orm: MikroORM, transitions: OrderTransitionService, holds: OrderHoldService, heartbeatIntervalMs: number) {
  const queries = new OrderQueryService(orm);
  return buildFederatedSchema(
    {
      resolvers: [
        createOrderResolver(queries, transitions),
        createOrderDetailsResolver(queries),
        createOrderHoldResolver(queries, holds),
        createAuditResolver(new AuditQueryService(orm)),
        createRegionResolver(orm, heartbeatIntervalMs),
        createSummaryResolver(orm),
      ],
    },
    createOrderReferenceResolver(queries),
  );
}
