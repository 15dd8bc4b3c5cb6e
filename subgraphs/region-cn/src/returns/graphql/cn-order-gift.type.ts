import { Field, ID, Int, ObjectType } from 'type-graphql';
import { MinorUnits } from '@hub/shared/graphql/scalars';
import type { GiftKind } from '../../rules/refund-amount.rules.js';
import { CnGiftKindEnum } from '../../orders/cn-return-terms.input.js';

@ObjectType('CnOrderGift', { description: 'A gift bound to the order; kept when its goods are returned, its declared value is deducted.' })
export class CnOrderGiftView {
  @Field(() => ID, { description: 'The order id and the gift number.' }) id!: string;
  @Field(() => Int, { description: 'Gift number within the order, from 1.' }) giftNo!: number;
  @Field(() => CnGiftKindEnum, { description: 'What form the gift takes.' }) kind!: GiftKind;
  @Field(() => String, { description: 'What the gift is, as shown to the customer.' }) description!: string;
  @Field(() => MinorUnits, { nullable: true, description: 'The value shown before purchase; null when none was.' }) declaredValue!: number | null;
}
