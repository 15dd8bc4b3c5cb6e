import { InputValidationError } from '@hub/shared/errors';

/** The hub's connection rule: `first` from 1 to 100, else BAD_USER_INPUT on field `first`. */
export function assertFirst(first: number): void {
  if (!Number.isInteger(first) || first < 1 || first > 100) {
    throw new InputValidationError('first', 'first must be between 1 and 100');
  }
}

export const encodeCursor = (position: unknown[]): string => Buffer.from(JSON.stringify(position)).toString('base64url');

/** Cursors are opaque to clients; a forged or stale one is a BAD_USER_INPUT on `after`, never a server error. */
export function decodeCursor<T extends unknown[]>(cursor: string | null | undefined, arity: number): T | null {
  if (!cursor) return null;
  try {
    const position = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(position) && position.length === arity && position.every((part) => typeof part === 'string' || typeof part === 'number')) return position as T;
  } catch {
    // fall through
  }
  throw new InputValidationError('after', 'after is not a cursor from this connection');
}

/** Builds a connection from one extra row fetched beyond the page (which tells whether another page follows). */
export function toConnection<R, N>(rows: R[], first: number, toNode: (row: R) => N, cursorOf: (row: R) => string) {
  const page = rows.slice(0, first);
  const edges = page.map((row) => ({ cursor: cursorOf(row), node: toNode(row) }));
  return { edges, nodes: edges.map((edge) => edge.node), pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
}
