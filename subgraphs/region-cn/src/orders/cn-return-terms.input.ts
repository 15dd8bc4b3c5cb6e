import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { Field, InputType, Int, registerEnumType } from 'type-graphql';
import { MinorUnits } from '@hub/shared/graphql/scalars';
import { RETURN_EXCLUSIONS, type ReturnExclusion } from '../rules/return-policy.rules.js';
import { GIFT_KINDS, type GiftKind } from '../rules/refund-amount.rules.js';

export const CnReturnExclusionEnum = Object.fromEntries(RETURN_EXCLUSIONS.map((e) => [e, e])) as { [E in ReturnExclusion]: E };
registerEnumType(CnReturnExclusionEnum, {
  name: 'CnReturnExclusion',
  description:
    "Why goods may be excluded from 7-day no-reason returns: the four statutory categories (CRPL art. 25(1)) and the three that need the customer's confirmation at purchase (Interim Measures art. 7).",
  valuesConfig: {
    CUSTOM_MADE: { description: "Made to the customer's order." },
    FRESH_PERISHABLE: { description: 'Fresh, live or perishable.' },
    DIGITAL_DOWNLOAD: { description: 'Digital goods downloaded online.' },
    SEALED_MEDIA: { description: 'Audio-visual products or software on a medium: excluded only once the customer unseals it.' },
    NEWSPAPER_PERIODICAL: { description: 'Delivered newspapers and periodicals.' },
    UNSEALING_AFFECTS_SAFETY_OR_QUALITY: { description: 'Once unsealed, may affect safety or health, or its quality easily changes. Needs customerConfirmed.' },
    ACTIVATION_OR_TRIAL_DEVALUES: { description: 'Loses much of its value once activated or tried. Needs customerConfirmed.' },
    DISCLOSED_NEAR_EXPIRY_OR_DEFECT: { description: 'Sold with a disclosed near expiry date or defect. Needs customerConfirmed.' },
  },
});

export const CnGiftKindEnum = Object.fromEntries(GIFT_KINDS.map((k) => [k, k])) as { [K in GiftKind]: K };
registerEnumType(CnGiftKindEnum, {
  name: 'CnGiftKind',
  description: 'What form a gift bound to an order takes.',
  valuesConfig: {
    ITEM: { description: 'Goods sent with the order.' },
    POINTS: { description: 'Loyalty points credited.' },
    COUPON: { description: 'A coupon for a later purchase.' },
    VOUCHER: { description: 'A voucher with a cash value.' },
  },
});

@InputType({ description: 'The return policy of one line, declared at purchase. Lines without one are returnable, as the law presumes.' })
export class CnLineReturnPolicyInput {
  @Field(() => Int, { description: 'The line (1-based, as core numbers them).' }) @IsInt() @Min(1) @Max(500) lineNo!: number;
  @Field(() => CnReturnExclusionEnum, { description: 'Why the line is not returnable without reason.' }) @IsIn(RETURN_EXCLUSIONS) exclusion!: ReturnExclusion;

  @Field(() => Boolean, { nullable: true, description: "The customer's explicit confirmation, at purchase, of a confirmable exclusion. Never defaulted." })
  @IsOptional()
  @IsBoolean()
  customerConfirmed?: boolean | null;
}

@InputType({ description: 'A gift bound to the order: goods, points, a voucher or a coupon.' })
export class CnOrderGiftInput {
  @Field(() => CnGiftKindEnum, { description: 'What form the gift takes.' }) @IsIn(GIFT_KINDS) kind!: GiftKind;
  @Field(() => String, { description: 'What the gift is, as shown to the customer.' }) @IsString() @Length(1, 200) description!: string;

  @Field(() => MinorUnits, {
    nullable: true,
    description: 'The value shown to the customer before purchase; without one nothing is deducted if the gift is kept.',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  declaredValue?: number | null;

  @Field(() => [Int], { nullable: true, description: 'Line numbers (1-based) whose purchase earns the gift; omitted: the whole order.' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(500, { each: true })
  lineNos?: number[] | null;
}
