import { Field, ObjectType } from 'type-graphql';

@ObjectType()
export class DeCustomer {
  @Field(() => String) name!: string;
  @Field(() => String) email!: string;
  @Field(() => String, { nullable: true }) phone!: string | null;
}

@ObjectType()
export class DeAddress {
  @Field(() => String) recipientName!: string;
  @Field(() => String) street!: string;
  @Field(() => String) houseNumber!: string;
  @Field(() => String) postalCode!: string;
  @Field(() => String) city!: string;
  @Field(() => String) country!: string;
}

@ObjectType({ description: 'What region-de knows about an order it took in. Personal data is filtered by the caller\'s rights.' })
export class DeOrderDetails {
  /** Carried for the field resolvers below; not part of the schema. */
  orderId!: string;
  customerRef!: string;
  @Field(() => String, { description: 'PENDING until core has registered the order.' }) registration!: string;
  @Field(() => DeCustomer, { nullable: true }) customer!: DeCustomer | null;
  @Field(() => DeAddress, { nullable: true }) shippingAddress!: DeAddress | null;
}
