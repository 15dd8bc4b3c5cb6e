import { Directive, Field, ObjectType } from 'type-graphql';
import type { CatalogueProblem, CatalogueProblemCode } from '@hub/shared/catalogue/problem';
import { UserErrorCodeEnum } from './enums.js';

@Directive('@shareable')
@ObjectType('UserError', { description: 'An expected refusal the caller can correct: which field (path), why (code) and a message quoting no value.' })
export class UserError {
  @Field(() => UserErrorCodeEnum, { description: 'Stable reason code.' }) code!: CatalogueProblemCode;
  @Field(() => [String], { nullable: true, description: 'Path to the input field, e.g. ["rows", "12", "unitPrice"] or ["lines", "0", "sku"].' }) field!: string[] | null;
  @Field(() => String, { description: 'For people; never quotes the submitted value.' }) message!: string;
}

export const userErrorsOf = (problems: readonly CatalogueProblem[]): UserError[] =>
  problems.map(({ code, field, message }) => ({ code, field: field.length > 0 ? field : null, message }));
