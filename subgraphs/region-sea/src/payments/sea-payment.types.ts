import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLISODateTime } from 'type-graphql';
import { IsInt, IsString, IsUUID, Length, Min } from 'class-validator';
import { GraphQLSafeInt } from 'graphql-scalars';
import { MinorUnits } from '@hub/shared/graphql/scalars';
import type { CodDiscrepancyKind } from '../rules/cod-reconciliation.rules.js';
import { SeaPaymentMethodEnum, type SeaPaymentMethod } from './sea-payment-method.js';

@ObjectType('SeaCodCollection', { description: 'Cash a courier took at the door for one order.' })
export class SeaCodCollectionView {
  @Field(() => ID, { description: 'The order paid for.' }) orderId!: string;
  @Field(() => ID, { description: 'The courier who took the cash.' }) courierId!: string;
  @Field(() => MinorUnits, { description: 'Cash taken, in the minor unit of the currency.' }) amount!: number;
  @Field(() => String, { description: 'ISO 4217 code.' }) currency!: string;
  @Field(() => GraphQLISODateTime, { description: 'When the cash was taken.' }) collectedAt!: Date;
}

@ObjectType('SeaPayment', { description: 'How a SEA order is paid and, for cash on delivery, what was collected.' })
export class SeaPaymentView {
  orderId!: string;
  @Field(() => SeaPaymentMethodEnum, { description: 'How the order is paid.' }) method!: SeaPaymentMethod;
  @Field(() => String, { description: 'ISO 4217 code.' }) currency!: string;
  @Field(() => MinorUnits, { description: 'What the customer pays.' }) amountDue!: number;
  @Field(() => SeaCodCollectionView, { description: 'The cash taken at the door; null until then, and for prepaid orders.', nullable: true })
  collection!: SeaCodCollectionView | null;
}

@InputType({ description: 'Cash taken at the door; the courier is the calling carrier.' })
export class SeaCodCollectionInput {
  @Field(() => ID, { description: 'The order paid for.' }) @IsUUID() orderId!: string;
  @Field(() => MinorUnits, { description: 'Must equal the order total due.' }) @IsInt() @Min(0) amount!: number;
}

@ObjectType({ description: 'Which payment methods a destination country offers, and how its amounts are counted. The same for every caller.' })
export class SeaCheckoutOptions {
  @Field(() => String, { description: 'ISO 3166-1 alpha-2 code of the destination.' }) country!: string;
  @Field(() => String, { description: 'ISO 4217 code the destination prices in.' }) currency!: string;
  @Field(() => Int, { description: '1 for IDR and VND (whole units), 100 for THB, MYR, PHP and SGD.' }) minorUnitsPerMajor!: number;
  @Field(() => [SeaPaymentMethodEnum], { description: 'Payment methods offered there.' }) paymentMethods!: SeaPaymentMethod[];
  @Field(() => MinorUnits, { description: 'Largest order total payable cash on delivery.' }) codLimit!: number;
}

const DISCREPANCY_KINDS: readonly CodDiscrepancyKind[] = ['NOT_COLLECTED', 'NOT_DELIVERED', 'COLLECTED_ELSEWHERE', 'AMOUNT_MISMATCH'];
export const SeaCodDiscrepancyKindEnum = Object.fromEntries(DISCREPANCY_KINDS.map((k) => [k, k])) as { [K in CodDiscrepancyKind]: K };
registerEnumType(SeaCodDiscrepancyKindEnum, {
  name: 'SeaCodDiscrepancyKind',
  description:
    'NOT_COLLECTED: delivered, no cash recorded; NOT_DELIVERED: cash recorded, no delivery; COLLECTED_ELSEWHERE: ' +
    'delivery and cash fall on different couriers or days; AMOUNT_MISMATCH: cash differs from the total due.',
  valuesConfig: {
    NOT_COLLECTED: { description: 'Delivered, but no cash recorded.' },
    NOT_DELIVERED: { description: 'Cash recorded, but no delivery.' },
    COLLECTED_ELSEWHERE: { description: 'Delivery and cash fall on different couriers or days.' },
    AMOUNT_MISMATCH: { description: 'The cash differs from the total due.' },
  },
});

@ObjectType({ description: 'One order whose cash and delivery do not match.' })
export class SeaCodDiscrepancy {
  @Field(() => ID, { description: 'The order concerned.' }) orderId!: string;
  @Field(() => SeaCodDiscrepancyKindEnum, { description: 'How cash and delivery disagree.' }) kind!: CodDiscrepancyKind;
  @Field(() => MinorUnits, { description: 'Cash due.' }) expected!: number;
  @Field(() => MinorUnits, { description: 'Cash recorded.' }) collected!: number;
}

@ObjectType({ description: "One courier's cash for one local day in one currency." })
export class SeaCodReconciliationRow {
  @Field(() => ID, { description: 'The carrier principal\'s subject; "unknown" when a delivery was not reported by a courier.' }) courierId!: string;
  @Field(() => String, { description: 'YYYY-MM-DD in the requested time zone.' }) day!: string;
  @Field(() => String, { description: 'ISO 4217 code.' }) currency!: string;
  @Field(() => Int, { description: 'Cash-on-delivery orders the courier delivered that day.' }) deliveredOrders!: number;
  @Field(() => MinorUnits, { description: 'Cash due for the orders this courier delivered (SIGNED) that day.' }) expected!: number;
  @Field(() => Int, { description: 'Orders the courier recorded cash for that day.' }) collectedOrders!: number;
  @Field(() => MinorUnits, { description: 'Cash the courier recorded that day.' }) collected!: number;
  @Field(() => GraphQLSafeInt, { description: 'collected − expected in minor units: negative is cash missing.' }) difference!: number;
  @Field(() => [SeaCodDiscrepancy], { description: 'Orders whose cash and delivery do not match.' }) discrepancies!: SeaCodDiscrepancy[];
}

@ArgsType()
export class SeaCodReconciliationArgs {
  @Field(() => String, { description: 'First local day, YYYY-MM-DD.' }) @IsString() from!: string;
  @Field(() => String, { description: 'Last local day, YYYY-MM-DD; at most 31 days after from.' }) @IsString() to!: string;
  @Field(() => String, { defaultValue: 'Asia/Jakarta', description: 'IANA time zone the days are counted in.' }) @IsString() @Length(1, 64) timeZone!: string;
}
