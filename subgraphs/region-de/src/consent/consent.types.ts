import { IsIn, Matches } from 'class-validator';
import { Field, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLISODateTime } from 'type-graphql';
import { CONSENT_ACTIONS, MARKETING_CHANNELS } from './de-marketing-consent-event.entity.js';

export type MarketingChannel = (typeof MARKETING_CHANNELS)[number];
export type ConsentAction = (typeof CONSENT_ACTIONS)[number];
export const DeMarketingChannelEnum = Object.fromEntries(MARKETING_CHANNELS.map((c) => [c, c])) as { [C in MarketingChannel]: C };
export const DeConsentActionEnum = Object.fromEntries(CONSENT_ACTIONS.map((a) => [a, a])) as { [A in ConsentAction]: A };
registerEnumType(DeMarketingChannelEnum, { name: 'DeMarketingChannel', description: 'How the customer may be approached with advertising.' });
registerEnumType(DeConsentActionEnum, { name: 'DeConsentAction' });

@InputType({ description: 'Consent to marketing, given separately from any order (GDPR art. 7(2), (4)).' })
export class DeGrantMarketingConsentInput {
  @Field(() => DeMarketingChannelEnum) @IsIn(MARKETING_CHANNELS) channel!: MarketingChannel;
  @Field(() => String, { description: 'The version of the consent text the customer was shown.' }) @Matches(/^[A-Za-z0-9._-]{1,40}$/) wordingVersion!: string;
}

@ObjectType()
export class DeMarketingConsentState {
  @Field(() => DeMarketingChannelEnum) channel!: MarketingChannel;
  @Field(() => Boolean) granted!: boolean;
  @Field(() => String, { nullable: true }) wordingVersion!: string | null;
  @Field(() => GraphQLISODateTime) since!: Date;
}

@ObjectType()
export class DeMarketingConsentEventView {
  @Field(() => DeMarketingChannelEnum) channel!: MarketingChannel;
  @Field(() => DeConsentActionEnum) action!: ConsentAction;
  @Field(() => String, { nullable: true }) wordingVersion!: string | null;
  @Field(() => GraphQLISODateTime) recordedAt!: Date;
  @Field(() => String, { description: 'The customer, or the agent who recorded a revocation for them.' }) recordedBy!: string;
}

@ObjectType({ description: 'A customer\'s marketing consent: what is in force, and every grant and revocation.' })
export class DeMarketingConsents {
  @Field(() => [DeMarketingConsentState]) current!: DeMarketingConsentState[];
  @Field(() => [DeMarketingConsentEventView]) history!: DeMarketingConsentEventView[];
}
