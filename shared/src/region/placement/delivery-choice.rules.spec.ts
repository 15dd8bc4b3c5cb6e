import { DomainError } from '../../errors.js';
import { consolidationKeyOf, deliveryOfPlacement } from './delivery-choice.rules.js';

const SECRET = 'test-secret-of-at-least-32-characters!!';
const AT = new Date('2026-12-03T10:00:00Z');
const day = (n: number) => new Date(AT.getTime() + n * 86_400_000);

describe('consolidationKeyOf', () => {
  const home = ['DE', '10115', 'Berlin', 'Hauptstraße', '5'];
  it.each<[string, string, string[], boolean]>([
    ['the same address typed differently', 'cust-1', ['de', '10115', ' berlin ', 'HAUPTSTRASSE'.toLowerCase().replace('ss', 'ß'), '5.'], true],
    ['another house number', 'cust-1', ['DE', '10115', 'Berlin', 'Hauptstraße', '7'], false],
    ['another customer at the same address', 'cust-2', home, false],
  ])('%s', (_name, customerRef, address, same) => {
    expect(consolidationKeyOf(SECRET, customerRef, address) === consolidationKeyOf(SECRET, 'cust-1', home)).toBe(same);
  });

  it('is a 64-hex keyed hash that shows nothing of the address and changes with the secret', () => {
    const key = consolidationKeyOf(SECRET, 'cust-1', home);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(key).not.toContain('10115');
    expect(consolidationKeyOf(`${SECRET}x`, 'cust-1', home)).not.toBe(key);
  });
});

describe('deliveryOfPlacement', () => {
  const key = () => 'a'.repeat(64);
  it.each<[string, Parameters<typeof deliveryOfPlacement>[1], () => string | null, object | [string, string]]>([
    ['nothing chosen: standard', null, key, { option: 'STANDARD', promisedBy: day(4).toISOString(), consolidateUntil: null, consolidationKey: null }],
    [
      'express carries no key',
      { option: 'EXPRESS' },
      key,
      { option: 'EXPRESS', promisedBy: day(2).toISOString(), consolidateUntil: null, consolidationKey: null },
    ],
    [
      'consolidated with its key and window',
      { option: 'CONSOLIDATED', consolidateUntil: day(2) },
      key,
      { option: 'CONSOLIDATED', promisedBy: day(7).toISOString(), consolidateUntil: day(2).toISOString(), consolidationKey: key() },
    ],
    [
      'a window past the last dispatch',
      { option: 'CONSOLIDATED', consolidateUntil: day(5) },
      key,
      ['delivery.consolidateUntil', 'CONSOLIDATION_WINDOW_BEYOND_PROMISE'],
    ],
    ['a region that cannot key addresses', { option: 'CONSOLIDATED' }, () => null, ['delivery.option', 'INVALID']],
  ])('%s', (_name, choice, keyOf, expected) => {
    if (!Array.isArray(expected)) return expect(deliveryOfPlacement(AT, choice, keyOf)).toEqual(expected);
    let caught: unknown;
    try {
      deliveryOfPlacement(AT, choice, keyOf);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect((caught as DomainError).details).toMatchObject({ field: expected[0], rule: expected[1] });
  });
});
