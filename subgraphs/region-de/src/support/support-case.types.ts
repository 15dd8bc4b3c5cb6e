import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLISODateTime } from 'type-graphql';
import { SUPPORT_TOPICS } from './de-support-case.entity.js';

export type SupportTopic = (typeof SUPPORT_TOPICS)[number];
export const DeSupportTopicEnum = Object.fromEntries(SUPPORT_TOPICS.map((t) => [t, t])) as { [T in SupportTopic]: T };
registerEnumType(DeSupportTopicEnum, { name: 'DeSupportTopic', description: 'What a support case is about; no free text, so a case holds no personal data.' });

@InputType()
export class DeOpenSupportCaseInput {
  @Field(() => ID) @IsUUID() orderId!: string;
  @Field(() => DeSupportTopicEnum) @IsIn(SUPPORT_TOPICS) topic!: SupportTopic;
  @Field(() => String, { nullable: true, description: 'The agent who works on it; the caller when omitted.' })
  @IsOptional() @IsString() @Length(1, 200) assignee?: string;
}

@ObjectType({ description: 'A customer-service case about a DE order; its assignee sees the customer\'s contact data while it is open.' })
export class DeSupportCaseView {
  @Field(() => ID) id!: string;
  @Field(() => ID) orderId!: string;
  @Field(() => DeSupportTopicEnum) topic!: SupportTopic;
  @Field(() => String) assignee!: string;
  @Field(() => GraphQLISODateTime) openedAt!: Date;
  @Field(() => GraphQLISODateTime, { nullable: true }) closedAt!: Date | null;
}
