import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsDate, IsIn, IsOptional, ValidateNested } from 'class-validator';
import { ArgsType, Field, GraphQLISODateTime, InputType } from 'type-graphql';
import { ConnectionArgs } from '@hub/shared/graphql/connection';
import { RETURN_LIST_SORTS, type ReturnListSort } from '../../rules/return-list.rules.js';
import { RETURN_STATES, type ReturnState } from '../../rules/return-steps.rules.js';
import { CnReturnListSortEnum, CnReturnStateEnum } from './cn-return.enums.js';

@InputType({ description: 'Narrows a list of CN returns; every given criterion must match.' })
export class CnReturnsFilterInput {
  @Field(() => [CnReturnStateEnum], { nullable: true, description: 'Only returns in one of these states (at least one).' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(RETURN_STATES.length)
  @IsIn(RETURN_STATES, { each: true })
  states?: ReturnState[];

  @Field(() => Boolean, {
    nullable: true,
    description: 'True: only open returns (work left to do); false: only settled and closed ones (refunded, rejected, withdrawn, refused by core).',
  })
  @IsOptional()
  @IsBoolean()
  open?: boolean;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Only returns requested at or after this time.' })
  @IsOptional()
  @IsDate()
  requestedFrom?: Date;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Only returns requested before this time (exclusive); later than `requestedFrom`.' })
  @IsOptional()
  @IsDate()
  requestedTo?: Date;
}

@ArgsType()
export class CnReturnsArgs extends ConnectionArgs {
  @Field(() => CnReturnsFilterInput, { nullable: true, description: 'Only returns matching every given criterion.' })
  @IsOptional()
  @ValidateNested()
  filter?: CnReturnsFilterInput;

  @Field(() => CnReturnListSortEnum, { defaultValue: 'NEWEST_FIRST', description: 'Newest or oldest request first.' })
  @IsIn(RETURN_LIST_SORTS)
  sort!: ReturnListSort;
}
