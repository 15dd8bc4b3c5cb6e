import { Field, ID, ObjectType } from 'type-graphql';
import type { AddressGroup } from '../rules/personal-fields.js';

@ObjectType({ description: 'The buyer. Each field is disclosed by the personal-data policy (full, masked, pseudonymised) or is null with a FORBIDDEN error naming the reason.' })
export class DeCustomer {
  /** Carried for the field resolvers; not part of the schema. */
  orderId!: string;
  customerRef!: string;
}

@ObjectType({ description: 'A postal address; each field is disclosed by the personal-data policy.' })
export class DeAddress {
  orderId!: string;
  customerRef!: string;
  group!: AddressGroup;
}

@ObjectType({ description: 'What region-de knows about an order it took in. Personal data is filtered by the caller\'s role and purpose.' })
export class DeOrderDetails {
  orderId!: string;
  customerRef!: string;
  @Field(() => ID, { description: 'The order\'s id: one set of DE details per order.' }) id!: string;
  @Field(() => String, { description: 'PENDING until core has registered the order.' }) registration!: string;
}
