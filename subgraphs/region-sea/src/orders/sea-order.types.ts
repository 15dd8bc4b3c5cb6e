import { Field, ID, ObjectType } from 'type-graphql';
import { RegionalOrderFacts } from '@hub/shared/region/regional-order-view.type';
import { MinorUnits } from '@hub/shared/graphql/scalars';
import { OrderStatusEnum } from '@hub/shared/graphql/enums';
import type { OrderStatus } from '@hub/shared/messaging/contracts';
import { SeaDeliveryRefusalView } from '../delivery/sea-delivery.types.js';
import { SeaPaymentView } from '../payments/sea-payment.types.js';

@ObjectType({
  description: "The buyer, disclosed field by field by region-sea's personal-data policy; null when a requested field is withheld (see the errors' `reason`).",
})
export class SeaCustomer {
  /** Carried for the field resolvers; every field goes through the shared personal-data gate. */
  orderId!: string;
  customerRef!: string;
}

@ObjectType({ description: "Where the parcel goes, disclosed field by field by region-sea's personal-data policy; null when a requested field is withheld." })
export class SeaAddress {
  orderId!: string;
  customerRef!: string;
}

@ObjectType({ description: "What a mobile checkout shows once the order exists; amounts in the minor unit of the destination's currency." })
export class SeaOrderConfirmation {
  @Field(() => ID, {
    description: 'The order id: one confirmation per order, so it is unique for this type.',
    deprecationReason: 'An order id under another type name: use `orderId`, or `order` in `seaQuickOrderPlace`.',
  })
  id!: string;
  @Field(() => ID, { description: 'The order placed.' }) orderId!: string;
  @Field(() => String, { description: 'Human order number.' }) number!: string;
  @Field(() => MinorUnits, { description: 'Grand total, by the rule core applies too.' }) total!: number;
  @Field(() => OrderStatusEnum, { description: 'The order status when it was confirmed.' }) status!: OrderStatus;
  @Field(() => String, { description: 'PENDING until core has registered the order (the app need not wait for it), then REGISTERED, or REJECTED.' })
  registration!: string;
}

@ObjectType({ description: "What region-sea knows about an order it took in. Personal data is filtered by the caller's rights." })
export class SeaOrderDetails extends RegionalOrderFacts {
  @Field(() => SeaCustomer, { nullable: true, description: 'The buyer; null when the order has no contact record or a requested field is withheld.' })
  customer!: SeaCustomer | null;
  @Field(() => SeaAddress, {
    nullable: true,
    description: 'Where the parcel goes; null when the order has no contact record or a requested field is withheld.',
  })
  shippingAddress!: SeaAddress | null;
  @Field(() => SeaPaymentView, { nullable: true, description: 'Null when payment was settled outside the hub.' }) payment!: SeaPaymentView | null;
  @Field(() => SeaDeliveryRefusalView, { description: 'The refusal at the door; null unless the parcel was refused.', nullable: true })
  deliveryRefusal!: SeaDeliveryRefusalView | null;
}
