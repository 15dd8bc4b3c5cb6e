import { Field, ObjectType } from 'type-graphql';
import { RegionalOrderFacts } from '@hub/shared/region/regional-order-view.type';

@ObjectType()
export class CnCustomer {
  @Field(() => String) name!: string;
  @Field(() => String) phone!: string;
}

@ObjectType()
export class CnAddress {
  @Field(() => String) recipientName!: string;
  @Field(() => String) recipientPhone!: string;
  @Field(() => String) province!: string;
  @Field(() => String) city!: string;
  @Field(() => String) district!: string;
  @Field(() => String) street!: string;
  @Field(() => String, { nullable: true }) postalCode!: string | null;
}

@ObjectType({ description: 'What region-cn knows about an order it took in. Personal data is filtered by the caller\'s rights.' })
export class CnOrderDetails extends RegionalOrderFacts {
  @Field(() => CnCustomer, { nullable: true }) customer!: CnCustomer | null;
  @Field(() => CnAddress, { nullable: true }) shippingAddress!: CnAddress | null;
}
