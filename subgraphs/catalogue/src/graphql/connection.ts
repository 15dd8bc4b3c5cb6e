import { ArgsType, Field, Int, ObjectType } from 'type-graphql';
import { IsOptional, IsString, Max, Min } from 'class-validator';
import { Directive } from 'type-graphql';

@Directive('@shareable')
@ObjectType('PageInfo', { description: 'Where a page ends and whether another follows.' })
export class PageInfo {
  @Field(() => Boolean, { description: 'Whether asking again with `after: endCursor` returns more.' }) hasNextPage!: boolean;
  @Field(() => String, { nullable: true, description: 'Cursor of the last item of this page.' }) endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 20, description: 'How many items (1-100).' }) @Min(1) @Max(100) first!: number;
  @Field(() => String, { nullable: true, description: 'Opaque cursor from a previous page\'s endCursor.' }) @IsOptional() @IsString() after?: string | null;
}

export const encodeCursor = (key: string): string => Buffer.from(key, 'utf8').toString('base64url');
export const decodeCursor = (cursor: string | null | undefined): string | null => (cursor ? Buffer.from(cursor, 'base64url').toString('utf8') : null);

/** Builds a page from `first + 1` rows fetched after the cursor, keyed by `keyOf`. */
export function pageOf<T>(rows: T[], first: number, keyOf: (row: T) => string) {
  const nodes = rows.slice(0, first);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return { edges, nodes, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
}
