import { ArrayMaxSize, IsBoolean, IsDate, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min, ValidateNested } from 'class-validator';
import { Field, GraphQLISODateTime, ID, InputType, Int } from 'type-graphql';
import { RULE_MODULES, type RuleModule } from '@hub/shared/rules/domain/rule-modules';
import { RuleModuleEnum } from './enums.js';

@InputType({ description: 'Where a rule set applies; leave a field out for every value.' })
export class RuleScopeInput {
  @Field(() => String, { nullable: true, description: 'Region code, e.g. de.' }) @IsOptional() @IsString() @Length(2, 16) region?: string | null;
  @Field(() => String, { nullable: true, description: 'Sales channel, e.g. WEB.' }) @IsOptional() @IsString() @Length(2, 20) channel?: string | null;
  @Field(() => String, { nullable: true, description: 'Customer segment, e.g. b2b.' }) @IsOptional() @IsString() @Length(1, 32) customerSegment?: string | null;
}

@InputType({ description: 'A new rule set; its rules come as versions.' })
export class CreateRuleSetInput {
  @Field(() => String, { description: 'Stable key: lower-case letters, digits and dashes.' }) @IsString() @Length(2, 63) key!: string;
  @Field(() => String, { description: 'Name for people.' }) @IsString() @Length(1, 200) name!: string;
  @Field(() => RuleModuleEnum, { description: 'The module it configures.' }) @IsIn(RULE_MODULES) module!: RuleModule;
  @Field(() => RuleScopeInput, { description: 'Where it applies.' }) @ValidateNested() scope!: RuleScopeInput;
}

@InputType({ description: 'One rule as the editor writes it.' })
export class RuleInput {
  @Field(() => String, { description: 'Stable id within the rule set: lower-case letters, digits and dashes.' }) @IsString() @Length(1, 64) key!: string;
  @Field(() => String, { defaultValue: '', description: 'What the rule is for.' }) @IsString() @Length(0, 500) description!: string;
  @Field(() => String, { description: 'CEL condition of type bool.' }) @IsString() @Length(1, 2_000) condition!: string;
  @Field(() => String, { nullable: true, description: "CEL value of the module's type; leave out for validation rules." })
  @IsOptional()
  @IsString()
  @Length(1, 2_000)
  value?: string | null;
  @Field(() => String, { nullable: true, description: 'Validation: refusal code in UPPER_SNAKE_CASE.' }) @IsOptional() @IsString() @Length(1, 64) code?:
    string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Allocation: the criterion weighted; inventory lock: the shortage policy (BACKORDER, REFUSE); notification: SUPPRESS or URGENT (none: send).',
  })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  target?: string | null;
  @Field(() => String, { description: 'What the customer or operator is told.' }) @IsString() @Length(0, 500) message!: string;
  @Field(() => Int, { defaultValue: 0, description: 'Evaluation order; lower first.' }) @IsInt() @Min(-1_000) @Max(1_000) priority!: number;
}

@InputType({ description: 'The content of a draft version.' })
export class DraftRuleVersionInput {
  @Field(() => String, { description: "The rule set's key." }) @IsString() @Length(2, 63) ruleSetKey!: string;
  @Field(() => [RuleInput], { description: 'The rules.' }) @ArrayMaxSize(200) @ValidateNested() rules!: RuleInput[];
  @Field(() => GraphQLISODateTime, { description: 'When it is to come into force.' }) @IsDate() effectiveFrom!: Date;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When it is to stop (exclusive); leave out for open-ended.' })
  @IsOptional()
  @IsDate()
  effectiveTo?: Date | null;
  @Field(() => String, { defaultValue: '', description: 'A note for reviewers.' }) @IsString() @Length(0, 500) note!: string;
}

@InputType({ description: 'New content for a draft, by its author.' })
export class UpdateRuleVersionInput {
  @Field(() => ID, { description: 'The draft.' }) @IsUUID() versionId!: string;
  @Field(() => Int, { description: 'The revision read; a changed version is refused with CONFLICT.' }) @IsInt() @Min(1) expectedRevision!: number;
  @Field(() => [RuleInput], { description: 'The rules.' }) @ArrayMaxSize(200) @ValidateNested() rules!: RuleInput[];
  @Field(() => GraphQLISODateTime, { description: 'When it is to come into force.' }) @IsDate() effectiveFrom!: Date;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When it is to stop (exclusive).' }) @IsOptional() @IsDate() effectiveTo?: Date | null;
  @Field(() => String, { defaultValue: '', description: 'A note for reviewers.' }) @IsString() @Length(0, 500) note!: string;
}

@InputType({ description: 'A lifecycle step on a version.' })
export class RuleVersionStepInput {
  @Field(() => ID, { description: 'The version.' }) @IsUUID() versionId!: string;
  @Field(() => Int, { description: 'The revision read; a changed version is refused with CONFLICT.' }) @IsInt() @Min(1) expectedRevision!: number;
}

@InputType({ description: 'Turns down a version in review.' })
export class RejectRuleVersionInput extends RuleVersionStepInput {
  @Field(() => String, { description: 'Why, for the author.' }) @IsString() @Length(1, 500) reason!: string;
}

@InputType({ description: 'Publishes an approved version for its period.' })
export class ActivateRuleVersionInput extends RuleVersionStepInput {
  @Field(() => Boolean, { defaultValue: false, description: 'End (or retire) published versions overlapping its period; without it an overlap is refused.' })
  @IsBoolean()
  supersede!: boolean;
}

@InputType({ description: "Puts an earlier version's rules back in force at once, as a new version." })
export class RollbackRuleSetInput {
  @Field(() => String, { description: "The rule set's key." }) @IsString() @Length(2, 63) ruleSetKey!: string;
  @Field(() => Int, { description: 'The earlier version whose rules to restore.' }) @IsInt() @Min(1) toVersion!: number;
}

@InputType({ description: 'Replays a version against past orders.' })
export class DryRunRuleVersionInput {
  @Field(() => ID, { description: 'The version, usually a draft.' }) @IsUUID() versionId!: string;
  @Field(() => Int, { defaultValue: 30, description: 'How many days of orders, 1 to 90.' }) @IsInt() @Min(1) @Max(90) days!: number;
}
