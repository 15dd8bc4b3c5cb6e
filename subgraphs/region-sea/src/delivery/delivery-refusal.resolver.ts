import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '@hub/shared/graphql/context';
import type { DeliveryRefusalService } from './delivery-refusal.service.js';
import { SeaDeliveryRefusalInput, SeaDeliveryRefusalView } from './sea-delivery.types.js';

export function createDeliveryRefusalResolver(refusals: DeliveryRefusalService) {
  @Resolver()
  class SeaDeliveryRefusalResolver {
    @Authorized('carrier', 'operator')
    @Mutation(() => SeaDeliveryRefusalView, {
      description: 'Records a parcel refused at the door and releases its stock. Repeating the same report returns the first.',
    })
    async refuseSeaDelivery(@Arg('input', () => SeaDeliveryRefusalInput) input: SeaDeliveryRefusalInput, @Ctx() { principal }: RequestContext): Promise<SeaDeliveryRefusalView> {
      const { refusal, stockReleases } = await refusals.refuse(principal, input);
      return { ...refusal, coreRejection: refusal.coreRejection ?? null, stockReleases };
    }
  }
  return SeaDeliveryRefusalResolver;
}
