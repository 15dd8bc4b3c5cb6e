import { Arg, Authorized, Ctx, Field, Mutation, ObjectType, Resolver } from 'type-graphql';
import { MutationPayload, replacedByPayloadMutation, withUserErrors } from '@hub/shared/graphql/user-error';
import type { RequestContext } from '@hub/shared/graphql/context';
import type { DeliveryRefusalService } from './delivery-refusal.service.js';
import { SeaDeliveryRefusalInput, SeaDeliveryRefusalView } from './sea-delivery.types.js';

const REFUSAL = { description: 'The order and why it was refused.' } as const;

@ObjectType('SeaDeliveryRefusePayload', { description: 'What recording a refusal at the door answers.' })
class SeaDeliveryRefusePayload extends MutationPayload {
  @Field(() => SeaDeliveryRefusalView, { nullable: true, description: 'The refusal recorded; null when refused.' }) refusal?: SeaDeliveryRefusalView;
}

export function createDeliveryRefusalResolver(refusals: DeliveryRefusalService) {
  @Resolver()
  class SeaDeliveryRefusalResolver {
    @Authorized('carrier', 'operator')
    @Mutation(() => SeaDeliveryRefusalView, {
      description: 'Records a parcel refused at the door and releases its stock. Repeating the same report returns the first.',
      deprecationReason: replacedByPayloadMutation('seaDeliveryRefuse'),
    })
    async refuseSeaDelivery(
      @Arg('input', () => SeaDeliveryRefusalInput, REFUSAL) input: SeaDeliveryRefusalInput,
      @Ctx() { principal }: RequestContext,
    ): Promise<SeaDeliveryRefusalView> {
      const { refusal, stockReleases } = await refusals.refuse(principal, input);
      return { ...refusal, coreRejection: refusal.coreRejection ?? null, stockReleases };
    }

    @Authorized('carrier', 'operator')
    @Mutation(() => SeaDeliveryRefusePayload, {
      description:
        'Records a parcel refused at the door and releases its stock; a parcel not out for delivery or already paid is in `userErrors`. Repeating the same report returns the first.',
    })
    async seaDeliveryRefuse(@Arg('input', () => SeaDeliveryRefusalInput, REFUSAL) input: SeaDeliveryRefusalInput, @Ctx() context: RequestContext) {
      return withUserErrors(async () => ({ refusal: await this.refuseSeaDelivery(input, context) }));
    }
  }
  return SeaDeliveryRefusalResolver;
}
