import { buildFederatedSchema } from '@hub/shared/graphql/subgraph-schema';
import { OrderReference, orderReferenceResolver } from '@hub/shared/region/order-reference.type';
import { createConsignmentResolvers } from './graphql/consignment.resolver.js';
import { createFulfilmentResolvers, type FulfilmentResolverDependencies } from './graphql/fulfilment.resolver.js';
import { createGreenResolvers, type GreenResolverDependencies } from './graphql/green.resolver.js';
import { createTransferResolvers, type TransferResolverDependencies } from './graphql/transfer.resolver.js';

/** Fulfilment's subgraph schema; no I/O, so it also prints the SDL at build time. */
export function buildFulfilmentSchema(
  dependencies: FulfilmentResolverDependencies & Omit<GreenResolverDependencies, 'orm'> & Omit<TransferResolverDependencies, 'orm'>,
) {
  return buildFederatedSchema(
    {
      resolvers: [
        ...createFulfilmentResolvers(dependencies),
        ...createGreenResolvers(dependencies),
        ...createTransferResolvers(dependencies),
        ...createConsignmentResolvers(dependencies.orm),
      ],
      orphanedTypes: [OrderReference],
    },
    orderReferenceResolver,
  );
}
