import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLISODateTime } from 'type-graphql';
import { IsIn, IsUUID } from 'class-validator';
import { SEA_REFUSAL_REASONS, type SeaRefusalReason } from './sea-delivery.entity.js';

export const SeaRefusalReasonEnum = Object.fromEntries(SEA_REFUSAL_REASONS.map((r) => [r, r])) as { [R in SeaRefusalReason]: R };
registerEnumType(SeaRefusalReasonEnum, {
  name: 'SeaRefusalReason',
  description: 'Why the customer would not take the parcel at the door.',
  valuesConfig: {
    CHANGED_MIND: { description: 'The customer no longer wants the goods.' },
    CANNOT_PAY: { description: 'The customer cannot pay the cash due.' },
    DAMAGED_PARCEL: { description: 'The parcel arrived damaged.' },
    WRONG_ITEM: { description: 'The parcel holds something the customer did not order.' },
    OTHER: { description: 'Any other reason.' },
  },
});

@ObjectType('SeaStockRelease', { description: 'Stock of one order line to put back, because the parcel comes back.' })
export class SeaStockReleaseView {
  @Field(() => Int, { description: 'The order line (1-based).' }) lineNo!: number;
  @Field(() => String, { description: 'Stock-keeping unit.' }) sku!: string;
  @Field(() => Int, { description: 'Units to put back.' }) quantity!: number;
}

@ObjectType('SeaDeliveryRefusal', { description: 'A parcel refused at the door; it goes back to the warehouse.' })
export class SeaDeliveryRefusalView {
  @Field(() => ID, { description: 'The order refused.' }) orderId!: string;
  @Field(() => ID, { description: 'The courier who reported it.' }) courierId!: string;
  @Field(() => SeaRefusalReasonEnum, { description: 'Why it was refused.' }) reason!: SeaRefusalReason;
  @Field(() => GraphQLISODateTime, { description: 'When it was refused.' }) refusedAt!: Date;
  @Field(() => [SeaStockReleaseView], { description: 'Stock to put back, line by line.' }) stockReleases!: SeaStockReleaseView[];
  @Field(() => String, {
    nullable: true,
    description:
      'Why core refused to record the refusal (code and reason), e.g. the order was already delivered; its stock releases are then withdrawn. Null while core agrees or has not answered yet.',
  })
  coreRejection!: string | null;
}

@InputType({ description: 'A parcel the customer refused at the door; the courier is the calling carrier.' })
export class SeaDeliveryRefusalInput {
  @Field(() => ID, { description: 'The order refused.' }) @IsUUID() orderId!: string;
  @Field(() => SeaRefusalReasonEnum, { description: 'Why the customer refused it.' }) @IsIn(SEA_REFUSAL_REASONS) reason!: SeaRefusalReason;
}
