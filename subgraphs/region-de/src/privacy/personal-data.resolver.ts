import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '@hub/shared/graphql/context';
import { DeAddress, DeCustomer } from '../orders/de-order.types.js';
import type { PersonalDataGate } from './personal-data.gate.js';

/** One thin field resolver per personal field: all of them go through the gate. */
export function createPersonalDataResolvers(gate: PersonalDataGate) {
  @Resolver(() => DeCustomer)
  class DeCustomerResolver {
    @FieldResolver(() => String, { nullable: true, description: 'The buyer and invoice recipient.' })
    name(@Root() root: DeCustomer, @Ctx() context: RequestContext) { return gate.reveal(context, root, 'customer.name'); }

    @FieldResolver(() => String, { nullable: true, description: 'For the order confirmation and delivery notices.' })
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
    @FieldResolver(() => String, { nullable: true, description: 'Who receives the parcel or invoice.' })
    recipientName(@Root() root: DeAddress, @Ctx() context: RequestContext) { return gate.reveal(context, root, `${root.group}.recipientName`); }

    @FieldResolver(() => String, { nullable: true, description: 'Street name.' })
    street(@Root() root: DeAddress, @Ctx() context: RequestContext) { return gate.reveal(context, root, `${root.group}.street`); }

    @FieldResolver(() => String, { nullable: true, description: 'House number, with any suffix.' })
    houseNumber(@Root() root: DeAddress, @Ctx() context: RequestContext) { return gate.reveal(context, root, `${root.group}.houseNumber`); }

    @FieldResolver(() => String, { nullable: true, description: 'Postal code.' })
    postalCode(@Root() root: DeAddress, @Ctx() context: RequestContext) { return gate.reveal(context, root, `${root.group}.postalCode`); }

    @FieldResolver(() => String, { nullable: true, description: 'City or town.' })
    city(@Root() root: DeAddress, @Ctx() context: RequestContext) { return gate.reveal(context, root, `${root.group}.city`); }

    @FieldResolver(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 code.' })
    country(@Root() root: DeAddress, @Ctx() context: RequestContext) { return gate.reveal(context, root, `${root.group}.country`); }
  }

  return [DeCustomerResolver, DeAddressResolver] as const;
}
