import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLISODateTime } from 'type-graphql';
import { IsIn, IsUUID } from 'class-validator';
import { SEA_REFUSAL_REASONS, type SeaRefusalReason } from './sea-delivery.entity.js';

export const SeaRefusalReasonEnum = Object.fromEntries(SEA_REFUSAL_REASONS.map((r) => [r, r])) as { [R in SeaRefusalReason]: R };
registerEnumType(SeaRefusalReasonEnum, { name: 'SeaRefusalReason', description: 'Why the customer would not take the parcel at the door.' });

@ObjectType('SeaStockRelease', { description: 'Stock of one order line to put back, because the parcel comes back.' })
export class SeaStockReleaseView {
  @Field(() => Int) lineNo!: number;
  @Field(() => String) sku!: string;
  @Field(() => Int) quantity!: number;
}

@ObjectType('SeaDeliveryRefusal', { description: 'A parcel refused at the door; it goes back to the warehouse.' })
export class SeaDeliveryRefusalView {
  @Field(() => ID) orderId!: string;
  @Field(() => ID) courierId!: string;
  @Field(() => SeaRefusalReasonEnum) reason!: SeaRefusalReason;
  @Field(() => GraphQLISODateTime) refusedAt!: Date;
  @Field(() => [SeaStockReleaseView]) stockReleases!: SeaStockReleaseView[];
  @Field(() => String, {
    nullable: true,
    description: 'Why core refused to record the refusal (code and reason), e.g. the order was already delivered; its stock releases are then withdrawn. Null while core agrees or has not answered yet.',
  })
  coreRejection!: string | null;
}

@InputType()
export class SeaDeliveryRefusalInput {
  @Field(() => ID) @IsUUID() orderId!: string;
  @Field(() => SeaRefusalReasonEnum) @IsIn(SEA_REFUSAL_REASONS) reason!: SeaRefusalReason;
}
