import 'reflect-metadata';
import { graphql, printSchema } from 'graphql';
import { Args, Field, ID, ObjectType, Query, Resolver, buildSchema } from 'type-graphql';
import { InputValidationError } from '../errors.js';
import { ConnectionArgs, connectionFromSorted, connectionType, decodeCursor, decodeTimeIdCursor, encodeCursor, toConnection } from './connection.js';

@ObjectType('Widget', { description: 'A thing to list.' })
class Widget {
  @Field(() => ID, { description: 'Its id.' }) id!: string;
}

const WidgetConnection = connectionType(Widget, 'Widget');
const WIDGETS = Array.from({ length: 45 }, (_, i) => ({ id: `w${String(i).padStart(3, '0')}` }));

@Resolver()
class WidgetResolver {
  @Query(() => WidgetConnection, { description: 'Every widget.' })
  widgets(@Args(() => ConnectionArgs) args: ConnectionArgs) {
    return connectionFromSorted(WIDGETS, args, (widget) => [widget.id]);
  }
}

describe('cursors', () => {
  it('round-trip a sort key and stay opaque', () => {
    const cursor = encodeCursor(['2026-12-01T00:00:00.000Z', 'abc']);
    expect(cursor).not.toContain('abc');
    expect(decodeCursor(cursor, 2)).toEqual(['2026-12-01T00:00:00.000Z', 'abc']);
  });

  it.each(['not base64 json', encodeCursor(['a']), Buffer.from('{"a":1}').toString('base64url')])('refuse %s on field after', (cursor) => {
    expect(() => decodeCursor(cursor, 2)).toThrow(InputValidationError);
    try {
      decodeCursor(cursor, 2);
    } catch (error) {
      expect((error as InputValidationError).field).toBe('after');
    }
  });
});

describe('time and id cursors', () => {
  it('give back the instant and the id', () => {
    expect(decodeTimeIdCursor(encodeCursor(['2026-12-01T00:00:00.000Z', 'abc']))).toEqual({ at: new Date('2026-12-01T00:00:00.000Z'), id: 'abc' });
  });

  it.each([
    ['a time that is not one', encodeCursor(['yesterday', 'abc'])],
    ['a number for the time', encodeCursor([1, 'abc'])],
    ['a number for the id', encodeCursor(['2026-12-01T00:00:00.000Z', 7])],
    ['one part only', encodeCursor(['2026-12-01T00:00:00.000Z'])],
  ])('refuse %s on field after', (_, cursor) => {
    expect(() => decodeTimeIdCursor(cursor)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'after' }));
  });
});

describe('toConnection', () => {
  it('uses the extra row only to tell that a page follows', () => {
    const page = toConnection(
      [1, 2, 3],
      { first: 2 },
      (n) => [n],
      (n) => ({ n }),
    );
    expect(page.nodes).toEqual([{ n: 1 }, { n: 2 }]);
    expect(page.edges.map((edge) => edge.node)).toEqual(page.nodes);
    expect(page.pageInfo).toEqual({ hasNextPage: true, endCursor: encodeCursor([2]) });
  });

  it('ends an empty page with no cursor', () => {
    expect(
      toConnection(
        [],
        {},
        (n: number) => [n],
        (n) => n,
      ).pageInfo,
    ).toEqual({ hasNextPage: false, endCursor: null });
  });
});

describe('a connection in a schema', () => {
  let schema: Awaited<ReturnType<typeof buildSchema>>;
  beforeAll(async () => {
    schema = await buildSchema({ resolvers: [WidgetResolver], validate: true });
  });

  it('has the one connection shape', () => {
    const sdl = printSchema(schema);
    expect(sdl).toContain('widgets(\n    """How many items to return, 1 to 100."""\n    first: Int = 20');
    expect(sdl).toMatch(/type WidgetConnection \{[^}]*edges: \[WidgetEdge!\]!/s);
    expect(sdl).toMatch(/type WidgetConnection \{[^}]*nodes: \[Widget!\]!/s);
    expect(sdl).toMatch(/type WidgetConnection \{[^}]*pageInfo: PageInfo!/s);
    expect(sdl).toMatch(/type WidgetEdge \{[^}]*cursor: String![^}]*node: Widget!/s);
  });

  it('walks every item once, page by page', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const result: any = await graphql({
        schema,
        source: 'query($after: String) { widgets(after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }',
        variableValues: { after },
      });
      expect(result.errors).toBeUndefined();
      seen.push(...result.data.widgets.nodes.map((node: { id: string }) => node.id));
      after = result.data.widgets.pageInfo.hasNextPage ? result.data.widgets.pageInfo.endCursor : null;
      pages += 1;
    } while (after);
    expect(pages).toBe(3);
    expect(seen).toEqual(WIDGETS.map((widget) => widget.id));
  });

  it.each([0, 101, -1])('refuses first: %d on field first', async (first) => {
    const result = await graphql({ schema, source: 'query($first: Int) { widgets(first: $first) { nodes { id } } }', variableValues: { first } });
    expect(result.data).toBeNull();
    const validation = (result.errors?.[0]?.originalError as any)?.extensions?.validationErrors;
    expect(validation?.[0]?.property).toBe('first');
  });

  it('accepts the largest page', async () => {
    const result: any = await graphql({ schema, source: '{ widgets(first: 100) { nodes { id } pageInfo { hasNextPage } } }' });
    expect(result.data.widgets.nodes).toHaveLength(45);
    expect(result.data.widgets.pageInfo.hasNextPage).toBe(false);
  });
});
