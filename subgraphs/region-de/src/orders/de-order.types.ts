import { ObjectType } from 'type-graphql';
import { RegionalOrderFacts } from '@hub/shared/region/regional-order-view.type';
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
export class DeOrderDetails extends RegionalOrderFacts {}
