import { Arg, Authorized, Ctx, Field, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '@hub/shared/graphql/context';
import { MutationPayload, withUserErrors } from '@hub/shared/graphql/user-error';
import type { AddressBookService } from './address-book.service.js';
import { SeaAddressForgetInput, SeaAddressSaveInput, SeaSavedAddressView, toSavedAddressView } from './sea-saved-address.types.js';

@ObjectType('SeaAddressSavePayload', { description: 'What saving an address answers.' })
class SeaAddressSavePayload extends MutationPayload {
  @Field(() => SeaSavedAddressView, { nullable: true, description: 'The saved address with its number; null when refused.' })
  savedAddress?: SeaSavedAddressView;
}

@ObjectType('SeaAddressForgetPayload', { description: 'What forgetting a saved address answers.' })
class SeaAddressForgetPayload extends MutationPayload {
  @Field(() => Int, { nullable: true, description: 'The number of the address forgotten; null when refused.' }) number?: number;
}

/**
 * A customer's own address book. Only its owner reads a saved address, and region-sea's disclosure policy shows
 * customers all of their own data in full, so the listing does not pass through the per-order personal-data gate.
 */
export function createAddressBookResolver(addresses: AddressBookService) {
  @Resolver()
  class SeaAddressBookResolver {
    @Authorized('customer')
    @Query(() => [SeaSavedAddressView], { description: "The caller's saved addresses, by number; at most 20, so not paged." })
    async seaSavedAddresses(@Ctx() { principal }: RequestContext): Promise<SeaSavedAddressView[]> {
      return (await addresses.list(principal)).map(toSavedAddressView);
    }

    @Authorized('customer')
    @Mutation(() => SeaAddressSavePayload, {
      description:
        'Saves an address for later checkouts, checked as an order to it would be (postal code, phone); a refusal, or a full ' +
        'address book (20), is in `userErrors`. Saving the same address and label again answers the one already saved.',
    })
    seaAddressSave(
      @Arg('input', () => SeaAddressSaveInput, { description: 'The address and its label.' }) input: SeaAddressSaveInput,
      @Ctx() { principal }: RequestContext,
    ) {
      return withUserErrors(async () => ({ savedAddress: toSavedAddressView(await addresses.save(principal, input.label ?? null, input.address)) }));
    }

    @Authorized('customer')
    @Mutation(() => SeaAddressForgetPayload, {
      description:
        'Deletes a saved address; orders placed to it keep their own copy. A number not saved (or no longer) is NOT_FOUND in ' +
        '`userErrors`: numbers are never given again, so a retried forget that meets it has nothing left to do.',
    })
    seaAddressForget(
      @Arg('input', () => SeaAddressForgetInput, { description: 'The saved address to forget.' }) input: SeaAddressForgetInput,
      @Ctx() { principal }: RequestContext,
    ) {
      return withUserErrors(async () => ({ number: await addresses.forget(principal, input.number) }));
    }
  }
  return SeaAddressBookResolver;
}
