import { checkAgeData, findPersonalDataInLines, requiredMinimumAge } from './intake-minimisation.rules.js';

const coffee = { name: 'Kaffeebohnen 1 kg', attributes: { category: 'food' } };
const wine = { name: 'Riesling 0.75 l', attributes: { minimumAge: 16 } };
const whisky = { name: 'Single Malt 0.7 l', attributes: { minimumAge: 18 } };

describe('checkAgeData', () => {
  it('takes the highest age limit of the lines', () => {
    expect(requiredMinimumAge([coffee, wine, whisky])).toBe(18);
    expect(requiredMinimumAge([coffee])).toBeNull();
  });

  it.each([
    ['no age limit, no date of birth', [coffee], undefined, null],
    ['no age limit, date of birth given', [coffee], '1990-04-01', 'DATA_NOT_REQUIRED'],
    ['wine, no date of birth', [wine], undefined, 'AGE_VERIFICATION_REQUIRED'],
    ['wine, 16 today', [wine], '2010-03-10', null],
    ['whisky, 17', [coffee, whisky], '2008-03-11', 'MINIMUM_AGE_NOT_MET'],
    ['whisky, 18 today', [whisky], '2008-03-10', null],
    ['whisky, impossible date', [whisky], '1990-02-30', 'INVALID_DATE'],
    ['whisky, date in the future', [whisky], '2030-01-01', 'INVALID_DATE'],
  ])('%s → %s', (_label, lines, dateOfBirth, rule) => {
    const violation = checkAgeData(lines, dateOfBirth, '2026-03-10');
    expect(violation?.rule ?? null).toBe(rule);
    if (violation) expect(violation.field).toBe('customer.dateOfBirth');
  });
});

describe('findPersonalDataInLines', () => {
  const personal = ['Anna Schmidt', 'anna.schmidt@example.de', '+4915112345678', 'Invalidenstraße', undefined, 'Li'];
  it.each([
    ['ordinary lines', [coffee, wine], null],
    ['a name in a line name', [{ name: 'Geschenk für ANNA SCHMIDT', attributes: {} }], 'lines.0.name'],
    ['an e-mail in an attribute', [coffee, { name: 'Gutschein', attributes: { recipient: 'anna.schmidt@example.de' } }], 'lines.1.attributes.recipient'],
    ['a short value matching by chance', [{ name: 'Lichterkette', attributes: {} }], null],
  ])('%s → %s', (_label, lines, field) => {
    expect(findPersonalDataInLines(lines, personal)?.field ?? null).toBe(field);
  });
});
