import { parse } from 'node:url';
import { searchOf } from './graphql-handler.js';

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
