import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '@hub/shared/graphql/context';
import type { ConsentService } from './consent.service.js';
import { DeMarketingChannelEnum, DeMarketingConsents, DeGrantMarketingConsentInput, type MarketingChannel } from './consent.types.js';

const STAFF = ['customer', 'customer_service', 'operator', 'admin'];

export function createConsentResolver(consents: ConsentService) {
  @Resolver(() => DeMarketingConsents)
  class DeConsentResolver {
    @Authorized('customer')
    @Mutation(() => DeMarketingConsents, { description: 'Records the caller\'s consent to marketing on a channel, with the wording version shown.' })
    grantDeMarketingConsent(@Arg('input', () => DeGrantMarketingConsentInput) input: DeGrantMarketingConsentInput, @Ctx() { principal }: RequestContext) {
      return consents.grant(principal, input.channel, input.wordingVersion);
    }

    @Authorized(...STAFF)
    @Mutation(() => DeMarketingConsents, { description: 'Withdraws marketing consent on a channel; staff name the customer.' })
    revokeDeMarketingConsent(
      @Arg('channel', () => DeMarketingChannelEnum) channel: MarketingChannel,
      @Arg('customerRef', () => String, { nullable: true }) customerRef: string | undefined,
      @Ctx() { principal }: RequestContext,
    ) {
      return consents.revoke(principal, channel, customerRef ?? undefined);
    }

    @Authorized(...STAFF)
    @Query(() => DeMarketingConsents, { description: 'A DE customer\'s marketing consent and its history.' })
    deMarketingConsents(@Arg('customerRef', () => String, { nullable: true }) customerRef: string | undefined, @Ctx() { principal }: RequestContext) {
      return consents.consentsOf(principal, customerRef ?? undefined);
    }
  }
  return DeConsentResolver;
}
