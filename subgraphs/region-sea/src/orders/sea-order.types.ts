import { Field, ObjectType } from 'type-graphql';

@ObjectType()
export class SeaCustomer {
  @Field(() => String) name!: string;
  @Field(() => String) phone!: string;
}

@ObjectType()
export class SeaAddress {
  @Field(() => String) recipientName!: string;
  @Field(() => String) recipientPhone!: string;
  @Field(() => String) line1!: string;
  @Field(() => String, { nullable: true }) line2!: string | null;
  @Field(() => String) city!: string;
  @Field(() => String) province!: string;
  @Field(() => String) postalCode!: string;
  @Field(() => String) country!: string;
}

@ObjectType({ description: 'What region-sea knows about an order it took in. Personal data is filtered by the caller\'s rights.' })
export class SeaOrderDetails {
  /** Carried for the field resolvers below; not part of the schema. */
  orderId!: string;
  customerRef!: string;
  @Field(() => String, { description: 'PENDING until core has registered the order.' }) registration!: string;
  @Field(() => SeaCustomer, { nullable: true }) customer!: SeaCustomer | null;
  @Field(() => SeaAddress, { nullable: true }) shippingAddress!: SeaAddress | null;
}
