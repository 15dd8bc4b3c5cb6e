import { Arg, Authorized, Ctx, Field, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { MutationPayload, replacedByPayloadMutation, withUserErrors } from '@hub/shared/graphql/user-error';
import type { RequestContext } from '@hub/shared/graphql/context';
import type { ConsentService } from './consent.service.js';
import { DeMarketingChannelEnum, DeMarketingConsents, DeGrantMarketingConsentInput, type MarketingChannel } from './consent.types.js';

const STAFF = ['customer', 'customer_service', 'operator', 'admin'];

const GRANT = { description: 'The channel and the consent text version shown.' } as const;
const CHANNEL = { description: 'The channel to withdraw consent on.' } as const;
const CUSTOMER = { nullable: true, description: 'The customer; customers omit it and act for themselves.' } as const;

/** Declares the payload of a consent mutation. */
function consentPayload(name: string, description: string) {
  @ObjectType(name, { description })
  class DeConsentPayload extends MutationPayload {
    @Field(() => DeMarketingConsents, { nullable: true, description: "The customer's consent after the change; null when refused." })
    consents?: DeMarketingConsents;
  }
  return DeConsentPayload;
}
const DeMarketingConsentGrantPayload = consentPayload('DeMarketingConsentGrantPayload', 'What granting marketing consent answers.');
const DeMarketingConsentRevokePayload = consentPayload('DeMarketingConsentRevokePayload', 'What withdrawing marketing consent answers.');

export function createConsentResolver(consents: ConsentService) {
  @Resolver(() => DeMarketingConsents)
  class DeConsentResolver {
    @Authorized('customer')
    @Mutation(() => DeMarketingConsents, {
      description: "Records the caller's consent to marketing on a channel, with the wording version shown.",
      deprecationReason: replacedByPayloadMutation('deMarketingConsentGrant'),
    })
    grantDeMarketingConsent(
      @Arg('input', () => DeGrantMarketingConsentInput, GRANT) input: DeGrantMarketingConsentInput,
      @Ctx() { principal }: RequestContext,
    ) {
      return consents.grant(principal, input.channel, input.wordingVersion);
    }

    @Authorized('customer')
    @Mutation(() => DeMarketingConsentGrantPayload, {
      description: "Records the caller's consent to marketing on a channel, with the wording version shown; refusals come in `userErrors`.",
    })
    deMarketingConsentGrant(@Arg('input', () => DeGrantMarketingConsentInput, GRANT) input: DeGrantMarketingConsentInput, @Ctx() context: RequestContext) {
      return withUserErrors(async () => ({ consents: await this.grantDeMarketingConsent(input, context) }));
    }

    @Authorized(...STAFF)
    @Mutation(() => DeMarketingConsents, {
      description: 'Withdraws marketing consent on a channel; staff name the customer.',
      deprecationReason: replacedByPayloadMutation('deMarketingConsentRevoke'),
    })
    revokeDeMarketingConsent(
      @Arg('channel', () => DeMarketingChannelEnum, CHANNEL) channel: MarketingChannel,
      @Arg('customerRef', () => String, CUSTOMER) customerRef: string | undefined,
      @Ctx() { principal }: RequestContext,
    ) {
      return consents.revoke(principal, channel, customerRef ?? undefined);
    }

    @Authorized(...STAFF)
    @Mutation(() => DeMarketingConsentRevokePayload, {
      description: 'Withdraws marketing consent on a channel; staff name the customer. Refusals come in `userErrors`.',
    })
    deMarketingConsentRevoke(
      @Arg('channel', () => DeMarketingChannelEnum, CHANNEL) channel: MarketingChannel,
      @Arg('customerRef', () => String, CUSTOMER) customerRef: string | undefined,
      @Ctx() context: RequestContext,
    ) {
      return withUserErrors(async () => ({ consents: await this.revokeDeMarketingConsent(channel, customerRef, context) }), '');
    }

    @Authorized(...STAFF)
    @Query(() => DeMarketingConsents, { description: "A DE customer's marketing consent and its history." })
    deMarketingConsents(@Arg('customerRef', () => String, CUSTOMER) customerRef: string | undefined, @Ctx() { principal }: RequestContext) {
      return consents.consentsOf(principal, customerRef ?? undefined);
    }
  }
  return DeConsentResolver;
}
