import { Field, ObjectType } from 'type-graphql';
import { RegionalOrderFacts } from '@hub/shared/region/regional-order-view.type';

/**
 * Personal data objects carry whose data they hold; every field goes through the shared gate. A field the caller
 * may not see is an error with `code: FORBIDDEN` and `reason` (auditors: `DATA_MINIMISATION`); as the fields
 * are non-null, the object is then null.
 */
@ObjectType({
  description: "The buyer, disclosed field by field by region-cn's personal-data policy; null when a requested field is withheld (see the errors' `reason`).",
})
export class CnCustomer {
  orderId!: string;
  customerRef!: string;
}

@ObjectType({ description: "Where the parcel goes, disclosed field by field by region-cn's personal-data policy; null when a requested field is withheld." })
export class CnAddress {
  orderId!: string;
  customerRef!: string;
}

@ObjectType({ description: "What region-cn knows about an order it took in. Personal data is filtered by the caller's rights." })
export class CnOrderDetails extends RegionalOrderFacts {
  @Field(() => CnCustomer, { nullable: true, description: 'The buyer; null when the order has no contact record or a requested field is withheld.' })
  customer!: CnCustomer | null;
  @Field(() => CnAddress, { nullable: true, description: 'Where the parcel goes; null when the order has no contact record or a requested field is withheld.' })
  shippingAddress!: CnAddress | null;
}
