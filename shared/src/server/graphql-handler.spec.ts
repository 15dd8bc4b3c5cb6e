import { parse } from 'node:url';
import { isStorable, searchOf } from './graphql-handler.js';

it.each([
  '/',
  '/graphql',
  '/?',
  '/?query=%7Border%7D',
  '/?query={order(id:"o-1"){id}}&variables={"id":1}',
  '/?a=1#fragment',
  '/#fragment?not=search',
  '/path?a=1?b=2',
  "/?q='x'|^`\\",
])('reads the query string of %p as url.parse does', (path) => {
  // What Apollo Server reads of it: the parameters, decoded.
  const decoded = (search: string) => [...new URLSearchParams(search)];
  expect(decoded(searchOf(path))).toEqual(decoded(parse(path).search ?? ''));
});

describe('isStorable', () => {
  it.each([
    ['no-store', false],
    ['private, no-store', false],
    ['No-Store', false],
    ['private, max-age=15', true],
    ['public, max-age=3600', true],
    [undefined, true],
  ])('Cache-Control %p: storable %p', (cacheControl, storable) => {
    expect(isStorable(cacheControl)).toBe(storable);
  });
});
