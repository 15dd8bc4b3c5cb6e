import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLISODateTime } from 'type-graphql';
import { IsInt, IsString, IsUUID, Length, Min } from 'class-validator';
import { GraphQLSafeInt } from 'graphql-scalars';
import { MinorUnits } from '@hub/shared/graphql/scalars';
import type { CodDiscrepancyKind } from '../rules/cod-reconciliation.rules.js';
import { SeaPaymentMethodEnum, type SeaPaymentMethod } from './sea-payment-method.js';

@ObjectType('SeaCodCollection', { description: 'Cash a courier took at the door for one order.' })
export class SeaCodCollectionView {
  @Field(() => ID) orderId!: string;
  @Field(() => ID) courierId!: string;
  @Field(() => MinorUnits) amount!: number;
  @Field(() => String) currency!: string;
  @Field(() => GraphQLISODateTime) collectedAt!: Date;
}

@ObjectType('SeaPayment', { description: 'How a SEA order is paid and, for cash on delivery, what was collected.' })
export class SeaPaymentView {
  orderId!: string;
  @Field(() => SeaPaymentMethodEnum) method!: SeaPaymentMethod;
  @Field(() => String) currency!: string;
  @Field(() => MinorUnits) amountDue!: number;
  @Field(() => SeaCodCollectionView, { nullable: true }) collection!: SeaCodCollectionView | null;
}

@InputType({ description: 'Cash taken at the door; the courier is the calling carrier.' })
export class SeaCodCollectionInput {
  @Field(() => ID) @IsUUID() orderId!: string;
  @Field(() => MinorUnits, { description: 'Must equal the order total due.' }) @IsInt() @Min(0) amount!: number;
}

@ObjectType({ description: 'Which payment methods a destination country offers, and how its amounts are counted. The same for every caller.' })
export class SeaCheckoutOptions {
  @Field(() => String) country!: string;
  @Field(() => String) currency!: string;
  @Field(() => Int, { description: '1 for IDR and VND (whole units), 100 for THB, MYR, PHP and SGD.' }) minorUnitsPerMajor!: number;
  @Field(() => [SeaPaymentMethodEnum]) paymentMethods!: SeaPaymentMethod[];
  @Field(() => MinorUnits, { description: 'Largest order total payable cash on delivery.' }) codLimit!: number;
}

const DISCREPANCY_KINDS: readonly CodDiscrepancyKind[] = ['NOT_COLLECTED', 'NOT_DELIVERED', 'COLLECTED_ELSEWHERE', 'AMOUNT_MISMATCH'];
export const SeaCodDiscrepancyKindEnum = Object.fromEntries(DISCREPANCY_KINDS.map((k) => [k, k])) as { [K in CodDiscrepancyKind]: K };
registerEnumType(SeaCodDiscrepancyKindEnum, {
  name: 'SeaCodDiscrepancyKind',
  description: 'NOT_COLLECTED: delivered, no cash recorded; NOT_DELIVERED: cash recorded, no delivery; COLLECTED_ELSEWHERE: '
    + 'delivery and cash fall on different couriers or days; AMOUNT_MISMATCH: cash differs from the total due.',
});

@ObjectType()
export class SeaCodDiscrepancy {
  @Field(() => ID) orderId!: string;
  @Field(() => SeaCodDiscrepancyKindEnum) kind!: CodDiscrepancyKind;
  @Field(() => MinorUnits) expected!: number;
  @Field(() => MinorUnits) collected!: number;
}

@ObjectType({ description: 'One courier\'s cash for one local day in one currency.' })
export class SeaCodReconciliationRow {
  @Field(() => ID, { description: 'The carrier principal\'s subject; "unknown" when a delivery was not reported by a courier.' }) courierId!: string;
  @Field(() => String, { description: 'YYYY-MM-DD in the requested time zone.' }) day!: string;
  @Field(() => String) currency!: string;
  @Field(() => Int) deliveredOrders!: number;
  @Field(() => MinorUnits, { description: 'Cash due for the orders this courier delivered (SIGNED) that day.' }) expected!: number;
  @Field(() => Int) collectedOrders!: number;
  @Field(() => MinorUnits) collected!: number;
  @Field(() => GraphQLSafeInt, { description: 'collected − expected in minor units: negative is cash missing.' }) difference!: number;
  @Field(() => [SeaCodDiscrepancy]) discrepancies!: SeaCodDiscrepancy[];
}

@ArgsType()
export class SeaCodReconciliationArgs {
  @Field(() => String, { description: 'First local day, YYYY-MM-DD.' }) @IsString() from!: string;
  @Field(() => String, { description: 'Last local day, YYYY-MM-DD; at most 31 days after from.' }) @IsString() to!: string;
  @Field(() => String, { defaultValue: 'Asia/Jakarta', description: 'IANA time zone the days are counted in.' }) @IsString() @Length(1, 64) timeZone!: string;
}
