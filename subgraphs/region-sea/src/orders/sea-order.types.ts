import { Field, ID, ObjectType } from 'type-graphql';
import { MinorUnits } from '@hub/shared/graphql/scalars';
import { OrderStatusEnum } from '@hub/shared/graphql/enums';
import type { OrderStatus } from '@hub/shared/messaging/contracts';
import { SeaDeliveryRefusalView } from '../delivery/sea-delivery.types.js';
import { SeaPaymentView } from '../payments/sea-payment.types.js';

@ObjectType({ description: 'The customer of a SEA order, as the caller may see them.' })
export class SeaCustomer {
  @Field(() => String, { description: 'The customer\'s name.' }) name!: string;
  @Field(() => String, { description: 'E.164.' }) phone!: string;
}

@ObjectType({ description: 'A SEA delivery address, as the caller may see it.' })
export class SeaAddress {
  @Field(() => String, { description: 'Who receives the parcel.' }) recipientName!: string;
  @Field(() => String, { description: 'E.164.' }) recipientPhone!: string;
  @Field(() => String, { description: 'Street, number, building.' }) line1!: string;
  @Field(() => String, { description: 'More of the address, if any.', nullable: true }) line2!: string | null;
  @Field(() => String, { description: 'Kelurahan/desa, tambon, phường/xã or barangay.', nullable: true }) subdistrict!: string | null;
  @Field(() => String, { description: 'Kecamatan, amphoe, quận/huyện or municipality.', nullable: true }) district!: string | null;
  @Field(() => String, { description: 'City.' }) city!: string;
  @Field(() => String, { description: 'Province or state.' }) province!: string;
  @Field(() => String, { description: 'Postal code.' }) postalCode!: string;
  @Field(() => String, { description: 'ISO 3166-1 alpha-2 code.' }) country!: string;
}

@ObjectType({ description: 'What a mobile checkout shows once the order exists; amounts in the minor unit of the destination\'s currency.' })
export class SeaOrderConfirmation {
  @Field(() => ID, { description: 'The order id: one confirmation per order, so it is unique for this type.', deprecationReason: 'An order id under another type name: use `orderId`, or `order` in `seaQuickOrderPlace`.' }) id!: string;
  @Field(() => ID, { description: 'The order placed.' }) orderId!: string;
  @Field(() => String, { description: 'Human order number.' }) number!: string;
  @Field(() => MinorUnits, { description: 'Grand total, as core registered it.' }) total!: number;
  @Field(() => OrderStatusEnum, { description: 'The order status when it was confirmed.' }) status!: OrderStatus;
}

@ObjectType({ description: 'What region-sea knows about an order it took in. Personal data is filtered by the caller\'s rights.' })
export class SeaOrderDetails {
  /** Carried for the field resolvers below; not part of the schema. */
  orderId!: string;
  customerRef!: string;
  @Field(() => ID, { description: 'The order\'s id: one set of SEA details per order.' }) id!: string;
  @Field(() => String, { description: 'PENDING until core has registered the order.' }) registration!: string;
  @Field(() => SeaCustomer, { description: 'The customer; null when the caller may not see them.', nullable: true }) customer!: SeaCustomer | null;
  @Field(() => SeaAddress, { description: 'Where the order goes; null when the caller may not see it.', nullable: true }) shippingAddress!: SeaAddress | null;
  @Field(() => SeaPaymentView, { nullable: true, description: 'Null when payment was settled outside the hub.' }) payment!: SeaPaymentView | null;
  @Field(() => SeaDeliveryRefusalView, { description: 'The refusal at the door; null unless the parcel was refused.', nullable: true }) deliveryRefusal!: SeaDeliveryRefusalView | null;
}
