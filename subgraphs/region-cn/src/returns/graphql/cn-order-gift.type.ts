import { Field, Int, ObjectType } from 'type-graphql';
import { MinorUnits } from '@hub/shared/graphql/scalars';
import type { GiftKind } from '../../rules/refund-amount.rules.js';
import { CnGiftKindEnum } from '../../orders/cn-return-terms.input.js';

@ObjectType('CnOrderGift', { description: 'A gift bound to the order; kept when its goods are returned, its declared value is deducted.' })
export class CnOrderGiftView {
  @Field(() => Int) giftNo!: number;
  @Field(() => CnGiftKindEnum) kind!: GiftKind;
  @Field(() => String) description!: string;
  @Field(() => MinorUnits, { nullable: true }) declaredValue!: number | null;
}
