import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../graphql/context.js';
import type { PersonalDataGate, PersonalDataSubject } from './personal-data.gate.js';

/** One GraphQL field of a personal-data object and the policy field it discloses (chosen by the object where one type serves several). */
export interface PersonalFieldBinding<F extends string, R extends PersonalDataSubject = PersonalDataSubject> {
  field: F | ((root: R) => F);
  /** Schema nullability; fields that shipped non-null stay so (the registry refuses relaxing them). */
  nullable: boolean;
  description?: string;
}

/**
 * The field resolvers of one personal-data object type (`CnCustomer`, `DeAddress`, …): each GraphQL field is a
 * one-line call to the gate, so a region declares which field shows which policy field and nothing else.
 */
export function createPersonalFieldResolvers<F extends string, R extends PersonalDataSubject = PersonalDataSubject>(
  objectType: Function,
  gate: PersonalDataGate<F>,
  bindings: Record<string, PersonalFieldBinding<F, R>>,
): Function {
  class PersonalFieldResolver {}
  const prototype = PersonalFieldResolver.prototype as Record<string, unknown>;
  for (const [name, { field, nullable, description }] of Object.entries(bindings)) {
    prototype[name] = (root: R, context: RequestContext) => gate.reveal(context, root, typeof field === 'function' ? field(root) : field);
    Root()(prototype, name, 0);
    Ctx()(prototype, name, 1);
    FieldResolver(() => String, { nullable, ...(description ? { description } : {}) })(prototype, name, Object.getOwnPropertyDescriptor(prototype, name)!);
  }
  Resolver(() => objectType)(PersonalFieldResolver);
  Object.defineProperty(PersonalFieldResolver, 'name', { value: `${objectType.name}PersonalFieldResolver` });
  return PersonalFieldResolver;
}
