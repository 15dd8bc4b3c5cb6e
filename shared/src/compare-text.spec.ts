import { compareText } from './compare-text.js';

describe('compareText', () => {
  it.each([
    ['equal', 'rule-1', 'rule-1', 0],
    ['shorter prefix first', 'SKU', 'SKU-1', -1],
    ['upper case before lower case, unlike an English collation', 'Zeta', 'alpha', -1],
    ['punctuation by its code, not ignored', 'a-b', 'ab', -1],
    ['digits by code, not by value', 'rule-10', 'rule-9', -1],
    ['accented letters after ASCII', 'é', 'z', 1],
    ['Chinese by code point', '上海', '北京', -1],
  ])('%s: %s vs %s', (_case, a, b, expected) => {
    expect(compareText(a, b)).toBe(expected);
    expect(compareText(b, a)).toBe(-expected || 0);
  });

  it('sorts as PostgreSQL\'s "C" collation does', () => {
    expect(['b', 'B', 'a-1', 'a1', 'A', '_a', 'ä'].sort(compareText)).toEqual(['A', 'B', '_a', 'a-1', 'a1', 'b', 'ä']);
  });
});
