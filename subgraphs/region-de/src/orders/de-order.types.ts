import { ObjectType } from 'type-graphql';
import { RegionalOrderFacts } from '@hub/shared/region/regional-order-view.type';
import type { AddressGroup } from '../rules/personal-fields.js';

@ObjectType({
  description:
    'The buyer. Each field is disclosed by the personal-data policy (full or masked), or is null: never given (no error), withheld (error FORBIDDEN with `reason`, e.g. DATA_MINIMISATION for auditors) or erased (error NOT_FOUND, `reason: ERASED`).',
})
export class DeCustomer {
  /** Carried for the field resolvers; not part of the schema. */
  orderId!: string;
  customerRef!: string;
}

@ObjectType({ description: "A postal address; each field is disclosed by the personal-data policy like `DeCustomer`'s." })
export class DeAddress {
  orderId!: string;
  customerRef!: string;
  group!: AddressGroup;
}

@ObjectType({ description: "What region-de knows about an order it took in. Personal data is filtered by the caller's role and purpose." })
export class DeOrderDetails extends RegionalOrderFacts {}
