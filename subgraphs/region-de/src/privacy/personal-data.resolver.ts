import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '@hub/shared/graphql/context';
import { DeAddress, DeCustomer } from '../orders/de-order.types.js';
import type { PersonalDataGate } from '@hub/shared/region/personal-data.gate';
import type { DePersonalField } from '../rules/personal-fields.js';

/** One thin field resolver per personal field: all of them go through the shared gate. */
export function createPersonalDataResolvers(gate: PersonalDataGate<DePersonalField>) {
  @Resolver(() => DeCustomer)
  class DeCustomerResolver {
    @FieldResolver(() => String, { nullable: true, description: 'The buyer and invoice recipient.' })
    name(@Root() root: DeCustomer, @Ctx() context: RequestContext) { return gate.reveal(context, root, 'customer.name'); }

    @FieldResolver(() => String, { nullable: true })
    email(@Root() root: DeCustomer, @Ctx() context: RequestContext) { return gate.reveal(context, root, 'customer.email'); }

    @FieldResolver(() => String, { nullable: true, description: 'Null when the customer gave none.' })
    phone(@Root() root: DeCustomer, @Ctx() context: RequestContext) { return gate.reveal(context, root, 'customer.phone'); }

    @FieldResolver(() => String, { nullable: true, description: 'Collected only for age-restricted goods.' })
    dateOfBirth(@Root() root: DeCustomer, @Ctx() context: RequestContext) { return gate.reveal(context, root, 'customer.dateOfBirth'); }

    @FieldResolver(() => String, { nullable: true, description: 'A business buyer\'s VAT ID.' })
    vatId(@Root() root: DeCustomer, @Ctx() context: RequestContext) { return gate.reveal(context, root, 'customer.vatId'); }
  }

  @Resolver(() => DeAddress)
  class DeAddressResolver {
    @FieldResolver(() => String, { nullable: true })
    recipientName(@Root() root: DeAddress, @Ctx() context: RequestContext) { return gate.reveal(context, root, `${root.group}.recipientName`); }

    @FieldResolver(() => String, { nullable: true })
    street(@Root() root: DeAddress, @Ctx() context: RequestContext) { return gate.reveal(context, root, `${root.group}.street`); }

    @FieldResolver(() => String, { nullable: true })
    houseNumber(@Root() root: DeAddress, @Ctx() context: RequestContext) { return gate.reveal(context, root, `${root.group}.houseNumber`); }

    @FieldResolver(() => String, { nullable: true })
    postalCode(@Root() root: DeAddress, @Ctx() context: RequestContext) { return gate.reveal(context, root, `${root.group}.postalCode`); }

    @FieldResolver(() => String, { nullable: true })
    city(@Root() root: DeAddress, @Ctx() context: RequestContext) { return gate.reveal(context, root, `${root.group}.city`); }

    @FieldResolver(() => String, { nullable: true })
    country(@Root() root: DeAddress, @Ctx() context: RequestContext) { return gate.reveal(context, root, `${root.group}.country`); }
  }

  return [DeCustomerResolver, DeAddressResolver] as const;
}
