import { buildSchema, getOperationAST, parse } from 'graphql';
import { operationCost } from './operation-cost.js';

const schema = buildSchema(`
  type Query {
    orders(first: Int = 20, after: String): OrderConnection!
    history(last: Int): OrderConnection!
    summaries(first: Int = 24): [Summary!]!
    order(id: ID!): Order
    regions: [Region!]!
  }
  type OrderConnection { nodes: [Order!]! pageInfo: PageInfo! }
  type PageInfo { hasNextPage: Boolean! endCursor: String }
  type Order { id: ID! number: String! lines: [Line!]! events(first: Int): EventConnection! }
  type Line { sku: String! quantity: Int! }
  type EventConnection { nodes: [Event!]! }
  type Event { id: ID! kind: String! }
  type Region { code: String! }
  type Summary { total: Int! }
`);

const costOf = (query: string, variables?: Record<string, unknown>) => {
  const document = parse(query);
  return operationCost({ schema, document, operation: getOperationAST(document)!, variables });
};

/** `f0` spreads `f1` twice, `f1` spreads `f2` twice…: 2^30 copies of `regions { code }` in a few hundred characters. */
const doublingFragments = `{ ...f0 } ${Array.from({ length: 30 }, (_, i) => `fragment f${i} on Query { ...f${i + 1} ...f${i + 1} }`).join(' ')} fragment f30 on Query { regions { code } }`;

describe('operation cost', () => {
  it.each<[string, string, Record<string, unknown> | undefined, number]>([
    ['a list without paging counts its selection once', '{ regions { code } }', undefined, 2],
    ['an order with its lines', '{ order(id: "1") { id lines { sku quantity } } }', undefined, 5],
    ['one order per page', '{ orders(first: 1) { nodes { id } } }', undefined, 3],
    ['a hundred orders per page', '{ orders(first: 100) { nodes { id } } }', undefined, 201],
    ['no first: the argument default', '{ orders { nodes { id } } }', undefined, 41],
    ['no first and no argument default: the hub default page size', '{ order(id: "1") { events { nodes { id } } } }', undefined, 1 + 1 + 20 * 2],
    ['a page larger than allowed counts as the largest page (the list refuses it by name)', '{ orders(first: 100000) { nodes { id } } }', undefined, 201],
    ['a negative page counts nothing below it', '{ orders(first: -1) { nodes { id } } }', undefined, 1],
    ['last', '{ history(last: 50) { nodes { id } } }', undefined, 101],
    ['a list with its own default page', '{ summaries { total } }', undefined, 25],
    ['first from a variable', 'query($n: Int) { orders(first: $n) { nodes { id } } }', { n: 5 }, 11],
    ['an absent variable: the argument default', 'query($n: Int) { orders(first: $n) { nodes { id } } }', {}, 41],
    ['an absent variable: its own default', 'query($n: Int = 7) { orders(first: $n) { nodes { id } } }', {}, 15],
    ['a null variable: the argument default', 'query($n: Int) { orders(first: $n) { nodes { id } } }', { n: null }, 41],
    ['a variable that is not a number: the argument default', 'query($n: Int) { orders(first: $n) { nodes { id } } }', { n: '100' }, 41],
    [
      'pages inside pages multiply',
      '{ orders(first: 100) { nodes { id events(first: 100) { nodes { id kind } } } } }',
      undefined,
      1 + 100 * (1 + 1 + (1 + 100 * 3)),
    ],
    [
      'pages inside pages, from variables',
      'query($a: Int, $b: Int) { orders(first: $a) { nodes { events(first: $b) { nodes { id } } } } }',
      { a: 10, b: 3 },
      1 + 10 * (1 + (1 + 3 * 2)),
    ],
    ['aliased pages add up', '{ a: orders(first: 100) { nodes { id } } b: orders(first: 100) { nodes { id } } }', undefined, 402],
    [
      'a named fragment weighs what its selection weighs',
      '{ orders(first: 10) { ...page } } fragment page on OrderConnection { nodes { id number } }',
      undefined,
      31,
    ],
    ['an inline fragment', '{ orders(first: 10) { ... on OrderConnection { nodes { id number } } } }', undefined, 31],
    ['fragments spread many times count every copy', doublingFragments, undefined, 2 ** 30 * 2],
    ['a field the schema does not have counts as a plain field', '{ nope { a b } }', undefined, 3],
    ['introspection', '{ __schema { types { name } } __typename }', undefined, 4],
  ])('%s', (_name, query, variables, expected) => {
    expect(costOf(query, variables)).toBe(expected);
  });

  it('weighs the operation asked for, not the other ones in the document', () => {
    const document = parse('query Small { regions { code } } query Large { orders(first: 100) { nodes { id } } }');
    expect(operationCost({ schema, document, operation: getOperationAST(document, 'Small')! })).toBe(2);
  });
});
