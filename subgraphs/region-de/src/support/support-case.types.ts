import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLISODateTime } from 'type-graphql';
import { SUPPORT_TOPICS } from './de-support-case.entity.js';

export type SupportTopic = (typeof SUPPORT_TOPICS)[number];
export const DeSupportTopicEnum = Object.fromEntries(SUPPORT_TOPICS.map((t) => [t, t])) as { [T in SupportTopic]: T };
registerEnumType(DeSupportTopicEnum, {
  name: 'DeSupportTopic',
  description: 'What a support case is about; no free text, so a case holds no personal data.',
  valuesConfig: {
    DELIVERY: { description: 'Where the parcel is, or a delivery problem.' },
    INVOICE: { description: 'The invoice or its address.' },
    RETURN: { description: 'A return or withdrawal.' },
    DATA_REQUEST: { description: 'A data-protection request (access, correction, erasure).' },
    OTHER: { description: 'Anything else.' },
  },
});

@InputType({ description: 'Opens a support case about a DE order.' })
export class DeOpenSupportCaseInput {
  @Field(() => ID, { description: 'The DE order the case is about.' }) @IsUUID() orderId!: string;
  @Field(() => DeSupportTopicEnum, { description: 'What the case is about.' }) @IsIn(SUPPORT_TOPICS) topic!: SupportTopic;
  @Field(() => String, { nullable: true, description: 'The agent who works on it; the caller when omitted.' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  assignee?: string;
}

@ObjectType({ description: "A customer-service case about a DE order; its assignee sees the customer's contact data while it is open." })
export class DeSupportCaseView {
  @Field(() => ID, { description: 'Unique id of the case.' }) id!: string;
  @Field(() => ID, { description: 'The order the case is about.' }) orderId!: string;
  @Field(() => DeSupportTopicEnum, { description: 'What the case is about.' }) topic!: SupportTopic;
  @Field(() => String, { description: 'The agent working on it.' }) assignee!: string;
  @Field(() => GraphQLISODateTime, { description: 'When it was opened.' }) openedAt!: Date;
  @Field(() => GraphQLISODateTime, { description: 'When it was closed; null while open.', nullable: true }) closedAt!: Date | null;
}
