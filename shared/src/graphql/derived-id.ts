import { FieldResolver, ID, Resolver, Root, type ClassType } from 'type-graphql';

/**
 * Gives a type that services return as plain objects an `id` derived from what it already holds (a 1:1 record
 * of an order uses the order id; a row of a report uses its key), so client caches can normalise it.
 */
export function derivedIdResolver<T extends object>(type: ClassType<T>, idOf: (root: T) => string, description: string): ClassType {
  @Resolver(() => type)
  class DerivedIdResolver {
    @FieldResolver(() => ID, { description })
    id(@Root() root: T): string {
      return idOf(root);
    }
  }
  return DerivedIdResolver;
}
