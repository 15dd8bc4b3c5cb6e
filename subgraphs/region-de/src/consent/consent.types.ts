import { IsIn, Matches } from 'class-validator';
import { Field, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLISODateTime } from 'type-graphql';
import { CONSENT_ACTIONS, MARKETING_CHANNELS } from './de-marketing-consent-event.entity.js';

export type MarketingChannel = (typeof MARKETING_CHANNELS)[number];
export type ConsentAction = (typeof CONSENT_ACTIONS)[number];
export const DeMarketingChannelEnum = Object.fromEntries(MARKETING_CHANNELS.map((c) => [c, c])) as { [C in MarketingChannel]: C };
export const DeConsentActionEnum = Object.fromEntries(CONSENT_ACTIONS.map((a) => [a, a])) as { [A in ConsentAction]: A };
registerEnumType(DeMarketingChannelEnum, {
  name: 'DeMarketingChannel',
  description: 'How the customer may be approached with advertising.',
  valuesConfig: { EMAIL: { description: 'Advertising by e-mail (UWG §7(2) no. 2).' }, PHONE: { description: 'Advertising by phone call (UWG §7(2) no. 1).' } },
});
registerEnumType(DeConsentActionEnum, {
  name: 'DeConsentAction',
  description: 'What happened to a marketing consent.',
  valuesConfig: { GRANTED: { description: 'The customer gave consent.' }, REVOKED: { description: 'The consent was withdrawn.' } },
});

@InputType({ description: 'Consent to marketing, given separately from any order (GDPR art. 7(2), (4)).' })
export class DeGrantMarketingConsentInput {
  @Field(() => DeMarketingChannelEnum, { description: 'The channel consented to.' }) @IsIn(MARKETING_CHANNELS) channel!: MarketingChannel;
  @Field(() => String, { description: 'The version of the consent text the customer was shown.' }) @Matches(/^[A-Za-z0-9._-]{1,40}$/) wordingVersion!: string;
}

@ObjectType({ description: 'The consent in force on one channel.' })
export class DeMarketingConsentState {
  @Field(() => DeMarketingChannelEnum, { description: 'The channel.' }) channel!: MarketingChannel;
  @Field(() => Boolean, { description: 'Whether consent is in force.' }) granted!: boolean;
  @Field(() => String, { description: 'The consent text version shown at the last grant; null when never granted.', nullable: true }) wordingVersion!:
    string | null;
  @Field(() => GraphQLISODateTime, { description: 'When the current state began.' }) since!: Date;
}

@ObjectType({ description: 'One grant or revocation of marketing consent, as recorded for proof (GDPR art. 7(1)).' })
export class DeMarketingConsentEventView {
  @Field(() => DeMarketingChannelEnum, { description: 'The channel.' }) channel!: MarketingChannel;
  @Field(() => DeConsentActionEnum, { description: 'Granted or revoked.' }) action!: ConsentAction;
  @Field(() => String, { description: 'The consent text version shown; null for revocations.', nullable: true }) wordingVersion!: string | null;
  @Field(() => GraphQLISODateTime, { description: 'When it was recorded.' }) recordedAt!: Date;
  @Field(() => String, { description: 'The customer, or the agent who recorded a revocation for them.' }) recordedBy!: string;
}

@ObjectType({ description: "A customer's marketing consent: what is in force, and every grant and revocation." })
export class DeMarketingConsents {
  @Field(() => [DeMarketingConsentState], { description: 'What is in force, per channel.' }) current!: DeMarketingConsentState[];
  @Field(() => [DeMarketingConsentEventView], { description: 'Every grant and revocation, oldest first.' }) history!: DeMarketingConsentEventView[];
}
