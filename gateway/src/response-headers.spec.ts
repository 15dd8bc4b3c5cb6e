import { isStorable } from './response-headers.js';

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
