import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'The customer who placed a CN order, as the caller may see them.' })
export class CnCustomer {
  @Field(() => String, { description: 'The customer\'s name.' }) name!: string;
  @Field(() => String, { description: 'The customer\'s mobile number.' }) phone!: string;
}

@ObjectType({ description: 'A mainland delivery address, as the caller may see it.' })
export class CnAddress {
  @Field(() => String, { description: 'Who receives the parcel.' }) recipientName!: string;
  @Field(() => String, { description: 'The recipient\'s mobile number.' }) recipientPhone!: string;
  @Field(() => String, { description: 'Province (省).' }) province!: string;
  @Field(() => String, { description: 'City (市).' }) city!: string;
  @Field(() => String, { description: 'District (区/县).' }) district!: string;
  @Field(() => String, { description: 'Street, building and door.' }) street!: string;
  @Field(() => String, { nullable: true, description: 'Six-digit postal code, if given.' }) postalCode!: string | null;
}

@ObjectType({ description: 'What region-cn knows about an order it took in. Personal data is filtered by the caller\'s rights.' })
export class CnOrderDetails {
  /** Carried for the field resolvers below; not part of the schema. */
  orderId!: string;
  customerRef!: string;
  @Field(() => ID, { description: 'The order\'s id: one set of CN details per order.' }) id!: string;
  @Field(() => String, { description: 'PENDING until core has registered the order.' }) registration!: string;
  @Field(() => CnCustomer, { nullable: true, description: 'The customer; null when the caller may not see them.' }) customer!: CnCustomer | null;
  @Field(() => CnAddress, { nullable: true, description: 'Where the order goes; null when the caller may not see it.' }) shippingAddress!: CnAddress | null;
}
