/**
 * The page size when a caller names none, and the largest one allowed: documented on every `first` argument,
 * and what the cost limit counts a page as. Apart from connection.ts so that code without type-graphql's
 * decorators (the cost estimate every server runs) reads the same numbers.
 */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
