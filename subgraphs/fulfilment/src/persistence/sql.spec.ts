import { asJson, bindJson } from './sql.js';

describe('JSON rows as bound parameters', () => {
  it('binds each JSON parameter as $n and leaves the others for inlining, in order', () => {
    const rows = asJson([{ id: 1, note: "it's ? and '$1'" }]);
    const { text, inline, bound } = bindJson('update t set a = ? from jsonb_to_recordset(?::jsonb) r where b = ? and c = any(?::jsonb)', [
      7,
      rows,
      'x',
      asJson(['y']),
    ]);
    expect(text).toBe('update t set a = ? from jsonb_to_recordset($1::jsonb) r where b = ? and c = any($2::jsonb)');
    expect(inline).toEqual([7, 'x']);
    expect(bound).toEqual([`[{"id":1,"note":"it's ? and '$1'"}]`, '["y"]']);
  });

  it('refuses a parameter count that does not match the placeholders', () => {
    expect(() => bindJson('select ?', [asJson([]), 1])).toThrow('2 parameters for 1 placeholders');
  });
});
