import { Arg, Authorized, Ctx, Field, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import { MutationPayload, replacedByPayloadMutation, withUserErrors } from '@hub/shared/graphql/user-error';
import type { RequestContext } from '@hub/shared/graphql/context';
import type { ErasureService } from './erasure.service.js';

@ObjectType({ description: 'What an erasure request did (GDPR art. 17); every step is recorded with its legal reason.' })
export class DeErasureReport {
  @Field(() => Int, { description: 'Marketing-consent records deleted at once.' }) consentEventsDeleted!: number;
  @Field(() => Int, { description: 'Orders whose personal data was deleted entirely.' }) erasedOrders!: number;
  @Field(() => Int, { description: 'Orders whose invoice data is kept, restricted to tax audits, until its retention ends; the rest was deleted.' })
  restrictedOrders!: number;
  @Field(() => Int, { description: 'Orders still being fulfilled; erased when they close.' }) deferredOrders!: number;
}

const CUSTOMER = { nullable: true, description: 'The customer; customers omit it and act for themselves.' } as const;

@ObjectType('DeErasureRequestPayload', { description: 'What an erasure request answers.' })
class DeErasureRequestPayload extends MutationPayload {
  @Field(() => DeErasureReport, { nullable: true, description: 'What was erased, restricted or deferred; null when refused.' }) report?: DeErasureReport;
}

export function createErasureResolver(erasure: ErasureService) {
  @Resolver(() => DeErasureReport)
  class DeErasureResolver {
    @Authorized('customer', 'customer_service', 'operator', 'admin')
    @Mutation(() => DeErasureReport, {
      description: "Erases a DE customer's personal data as far as German retention law allows; customers for themselves, staff name the customer.",
      deprecationReason: replacedByPayloadMutation('deErasureRequest'),
    })
    requestDeErasure(@Arg('customerRef', () => String, CUSTOMER) customerRef: string | undefined, @Ctx() { principal }: RequestContext) {
      return erasure.request(principal, customerRef ?? undefined);
    }

    @Authorized('customer', 'customer_service', 'operator', 'admin')
    @Mutation(() => DeErasureRequestPayload, {
      description:
        "Erases a DE customer's personal data as far as German retention law allows; customers for themselves, staff name the customer. Refusals come in `userErrors`.",
    })
    deErasureRequest(@Arg('customerRef', () => String, CUSTOMER) customerRef: string | undefined, @Ctx() context: RequestContext) {
      return withUserErrors(async () => ({ report: await this.requestDeErasure(customerRef, context) }), '');
    }
  }
  return DeErasureResolver;
}
