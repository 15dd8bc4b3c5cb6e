import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { InputValidationError } from '../errors.js';
import { PageInfo } from './page-info.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './page-size.js';

export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE };

/** `first` and `after` of every list that can grow. Out-of-range `first` is BAD_USER_INPUT with `field: "first"`. */
@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE, description: `How many items to return, 1 to ${MAX_PAGE_SIZE}.` })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Return the items after this cursor: the `endCursor` of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  after?: string | null;
}

/** A cursor's position: the values of the list's sort key for one item, in sort order. */
export type CursorKey = ReadonlyArray<string | number>;

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Array<Edge<T>>;
  nodes: T[];
  pageInfo: PageInfo;
}

/** Opaque to clients: base64url of the sort key, so the key can change without changing the API. */
export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The sort key inside an `after` cursor; BAD_USER_INPUT on `after` for anything this list did not hand out. */
export function decodeCursor(after: string, arity?: number): CursorKey {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  const valid =
    Array.isArray(key) &&
    key.length > 0 &&
    (arity === undefined || key.length === arity) &&
    key.every((part) => typeof part === 'string' || typeof part === 'number');
  if (!valid) throw new InputValidationError('after', 'Not a cursor of this list: pass the endCursor of the previous page');
  return key as CursorKey;
}

/** The id inside the cursor of a list sorted by a numeric id alone. */
export function decodeIdCursor(after: string): number {
  const [id] = decodeCursor(after, 1);
  if (typeof id !== 'number' || !Number.isSafeInteger(id))
    throw new InputValidationError('after', 'Not a cursor of this list: pass the endCursor of the previous page');
  return id;
}

/**
 * The position inside the cursor of a list sorted by a timestamp, then an id as the tie-break (`[iso, id]`);
 * BAD_USER_INPUT on `after` for anything else.
 */
export function decodeTimeIdCursor(after: string): { at: Date; id: string } {
  const [at, id] = decodeCursor(after, 2);
  const date = new Date(String(at));
  if (typeof at !== 'string' || typeof id !== 'string' || Number.isNaN(date.getTime()))
    throw new InputValidationError('after', 'Not a cursor of this list: pass the endCursor of the previous page');
  return { at: date, id };
}

/** The page size asked for (default 20); the argument's validation has already kept it within 1..100. */
export function pageSize(args: ConnectionArgs): number {
  return args.first ?? DEFAULT_PAGE_SIZE;
}

/**
 * Builds a connection from rows read with `limit: first + 1` past the cursor, in sort order: the extra row
 * only tells that another page follows.
 */
export function toConnection<Row, Node>(
  rows: readonly Row[],
  args: ConnectionArgs,
  keyOf: (row: Row) => CursorKey,
  toNode: (row: Row) => Node,
): Connection<Node> {
  const first = pageSize(args);
  const edges = rows.slice(0, first).map((row) => ({ cursor: encodeCursor(keyOf(row)), node: toNode(row) }));
  return { edges, nodes: edges.map((edge) => edge.node), pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
}

/**
 * Pages a list computed in memory, sorted by `keyOf` (ascending, tuples compared part by part). The cursor
 * holds a key, not a position, so an item added or removed before it does not shift the next page.
 */
export function connectionFromSorted<T, Node = T>(
  items: readonly T[],
  args: ConnectionArgs,
  keyOf: (item: T) => CursorKey,
  toNode: (item: T) => Node = (item) => item as unknown as Node,
): Connection<Node> {
  const first = pageSize(args);
  const after = args.after ? decodeCursor(args.after, items[0] === undefined ? undefined : keyOf(items[0]).length) : undefined;
  const rest = after ? items.filter((item) => compareKeys(keyOf(item), after) > 0) : items;
  return toConnection(rest.slice(0, first + 1), args, keyOf, toNode);
}

export function compareKeys(a: CursorKey, b: CursorKey): number {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const [x, y] = [a[i], b[i]];
    if (x === y) continue;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    return typeof x === 'number' && typeof y === 'number' ? x - y : String(x) < String(y) ? -1 : 1;
  }
  return 0;
}

/**
 * Declares `<Name>Connection` and `<Name>Edge` for a node type, e.g.
 * `const OrderConnection = connectionType(OrderView, 'Order')`. Call once per node type.
 */
export function connectionType<T extends object>(nodeType: ClassType<T>, name: string, description?: string): ClassType<Connection<T>> {
  @ObjectType(`${name}Edge`, { description: `One ${name} of a page, with its cursor.` })
  class EdgeType {
    @Field(() => String, { description: `Opaque cursor of this ${name}: pass it as \`after\` to read the items after it.` })
    cursor!: string;

    @Field(() => nodeType, { description: `The ${name}.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: description ?? `A page of ${name} items, with the cursor to read the next one.` })
  class ConnectionType {
    @Field(() => [EdgeType], { description: 'The items of this page with their cursors.' })
    edges!: Array<Edge<T>>;

    @Field(() => [nodeType], { description: 'The items of this page, without cursors.' })
    nodes!: T[];

    @Field(() => PageInfo, { description: 'Where this page ends and whether another follows.' })
    pageInfo!: PageInfo;
  }
  return ConnectionType;
}
