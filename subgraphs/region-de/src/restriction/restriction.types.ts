import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { Field, GraphQLISODateTime, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import {
  ART_18_2_EXCEPTIONS,
  DE_PROCESSING,
  RESTRICTION_GROUNDS,
  type DeProcessing,
  type RestrictionException,
  type RestrictionGround,
} from '../rules/restriction.rules.js';

const enumOf = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((value) => [value, value])) as { [V in T]: V };
export const DeRestrictionGroundEnum = enumOf(RESTRICTION_GROUNDS);
export const DeProcessingEnum = enumOf(DE_PROCESSING);
export const DeRestrictionExceptionEnum = enumOf(ART_18_2_EXCEPTIONS);

registerEnumType(DeRestrictionGroundEnum, {
  name: 'DeRestrictionGround',
  description: 'Why the data subject may have processing restricted (GDPR art. 18(1)).',
  valuesConfig: {
    ACCURACY_CONTESTED: { description: 'Art. 18(1)(a): the accuracy is contested, while the controller verifies it.' },
    UNLAWFUL_PROCESSING: { description: 'Art. 18(1)(b): the processing is unlawful and the subject wants restriction instead of erasure.' },
    NEEDED_FOR_LEGAL_CLAIMS: { description: 'Art. 18(1)(c): no longer needed by the controller, but by the subject for legal claims.' },
    OBJECTION_PENDING: { description: "Art. 18(1)(d): an objection under art. 21(1) is pending verification of the controller's grounds." },
  },
});
registerEnumType(DeProcessingEnum, {
  name: 'DeProcessing',
  description: "What region-de does with a German customer's personal data.",
  valuesConfig: {
    STORAGE: { description: 'Keeping the data.' },
    SUBJECT_ACCESS: { description: "The customer's own reads and exports (art. 15, 20)." },
    INVOICING: { description: 'Bookkeeping of the invoices tax law requires.' },
    TAX_AUDIT: { description: "Tax auditors' reads of invoice data." },
    STAFF_DISCLOSURE: { description: 'Operators, customer service, warehouse, carriers and admins reading personal fields.' },
    PARCEL_NOTICES: { description: 'Parcel and payment notices by e-mail or SMS.' },
    MARKETING: { description: 'Advertising on a marketing consent.' },
  },
});
registerEnumType(DeRestrictionExceptionEnum, {
  name: 'DeRestrictionException',
  description: 'What restricted data may still be used for (GDPR art. 18(2)).',
  valuesConfig: {
    STORAGE: { description: 'Storage.' },
    CONSENT: { description: "With the data subject's consent." },
    LEGAL_CLAIMS: { description: 'The establishment, exercise or defence of legal claims.' },
    PROTECTION_OF_OTHERS: { description: 'The protection of the rights of another natural or legal person.' },
    PUBLIC_INTEREST: { description: 'Important public interest of the Union or a member state (here: taxation).' },
  },
});

@InputType({ description: "A data subject's request to restrict processing of their data in region DE (GDPR art. 18)." })
export class DeRestrictionRequestInput {
  @Field(() => String, { nullable: true, description: 'The customer; customers omit it and act for themselves, staff name the customer.' })
  @IsOptional()
  @MaxLength(200)
  customerRef?: string;

  @Field(() => DeRestrictionGroundEnum, { description: 'Which case of art. 18(1) the subject invokes.' })
  @IsIn(RESTRICTION_GROUNDS)
  ground!: RestrictionGround;

  // Its length is a rule of its own (restriction.rules.ts), answered as a user error with its field.
  @Field(() => String, { nullable: true, description: 'What the request is about, at most 500 characters; never the disputed data itself.' })
  @IsOptional()
  @IsString()
  note?: string;

  @Field(() => String, { description: 'Client-generated; repeating it answers with the same restriction.' })
  @Matches(/^[A-Za-z0-9._:-]{8,200}$/)
  idempotencyKey!: string;
}

@InputType({ description: 'Lifting a restriction of processing (GDPR art. 18(3)): only after the data subject was informed.' })
export class DeRestrictionLiftInput {
  @Field(() => ID, { description: 'The restriction to lift.' })
  @IsUUID()
  restrictionId!: string;

  @Field(() => String, { description: 'Why it ends (10 to 500 characters), e.g. the accuracy was verified; never personal data.' })
  @IsString()
  reason!: string;

  @Field(() => Boolean, { description: 'Confirms that the data subject was informed before the lift (art. 18(3)); false is refused.' })
  @IsBoolean()
  subjectInformed!: boolean;
}

@ObjectType('DeProcessingRestriction', { description: 'One restriction of processing, in force or lifted.' })
export class DeProcessingRestrictionView {
  @Field(() => ID, { description: 'The restriction.' }) id!: string;
  @Field(() => DeRestrictionGroundEnum, { description: 'The case of art. 18(1) invoked.' }) ground!: RestrictionGround;
  @Field(() => String, { description: 'The provision it rests on.' }) legalBasis!: string;
  @Field(() => String, { description: 'When it may be lifted (after informing the subject).' }) liftWhen!: string;
  @Field(() => String, { nullable: true, description: 'What the request was about; null when none was given.' }) note!: string | null;
  @Field(() => GraphQLISODateTime, { description: 'When it was requested.' }) requestedAt!: Date;
  @Field(() => String, { description: 'The customer, or the agent who filed it for them.' }) requestedBy!: string;
  @Field(() => Boolean, { description: 'Whether it is in force.' }) inForce!: boolean;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When it was lifted; null while in force.' }) liftedAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'Who lifted it; null while in force.' }) liftedBy!: string | null;
  @Field(() => String, { nullable: true, description: 'Why it was lifted; null while in force.' }) liftReason!: string | null;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the lifting staff confirmed the subject was informed; null while in force.' })
  subjectInformedAt!: Date | null;
}

@ObjectType({ description: 'What region-de still does with the data of a customer who restricted processing, and why.' })
export class DeProcessingWhileRestricted {
  @Field(() => DeProcessingEnum, { description: 'The processing.' }) processing!: DeProcessing;
  @Field(() => Boolean, { description: 'Whether it goes on while a restriction is in force.' }) allowed!: boolean;
  @Field(() => DeRestrictionExceptionEnum, { nullable: true, description: 'The art. 18(2) exception that allows it; null when it stops.' })
  exception!: RestrictionException | null;
  @Field(() => String, { description: 'Why, in one sentence.' }) why!: string;
}

@ObjectType({ description: "A DE customer's restrictions of processing: the one in force, every request and lift, and what a restriction stops." })
export class DeProcessingRestrictions {
  @Field(() => String, { description: 'The customer.' }) customerRef!: string;
  @Field(() => DeProcessingRestrictionView, { nullable: true, description: 'The restriction in force; null when none is.' })
  inForce!: DeProcessingRestrictionView | null;
  @Field(() => [DeProcessingRestrictionView], { description: 'Every restriction, newest first.' }) history!: DeProcessingRestrictionView[];
  @Field(() => [DeProcessingWhileRestricted], { description: "Each of region-de's processings while a restriction is in force." })
  whileRestricted!: DeProcessingWhileRestricted[];
}
