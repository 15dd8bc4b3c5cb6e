import { checkVatIdFormat, VAT_ID_PREFIXES } from './vat-id.rules.js';

/** A well-formed number for every prefix (format only; not necessarily issued). */
const VALID: Record<string, string[]> = {
  AT: ['ATU12345678'],
  BE: ['BE0123456789', 'BE1234567890'],
  BG: ['BG123456789', 'BG1234567890'],
  CY: ['CY12345678L'],
  CZ: ['CZ12345678', 'CZ123456789', 'CZ1234567890'],
  DE: ['DE123456789'],
  DK: ['DK12345678'],
  EE: ['EE100123456'],
  EL: ['EL123456789'],
  ES: ['ESA1234567B', 'ESX1234567Z', 'ES12345678Z'],
  FI: ['FI12345678'],
  FR: ['FR12345678901', 'FRAB123456789'],
  HR: ['HR12345678901'],
  HU: ['HU12345678'],
  IE: ['IE1234567WA', 'IE1234567T', 'IE1A23456B'],
  IT: ['IT12345678901'],
  LT: ['LT123456789', 'LT123456789012'],
  LU: ['LU12345678'],
  LV: ['LV12345678901'],
  MT: ['MT12345678'],
  NL: ['NL123456789B01'],
  PL: ['PL1234567890'],
  PT: ['PT123456789'],
  RO: ['RO12', 'RO1234567890'],
  SE: ['SE123456789001'],
  SI: ['SI12345678'],
  SK: ['SK1234567890'],
  XI: ['XI123456789', 'XI123456789012', 'XIGD123', 'XIHA567'],
};

const INVALID: Array<[string, string]> = [
  ['AT12345678', 'AT without U'],
  ['ATU1234567', 'AT, 7 digits'],
  ['BE2123456789', 'BE starting with 2'],
  ['BG12345678', 'BG, 8 digits'],
  ['CY123456789', 'CY without the letter'],
  ['CZ1234567', 'CZ, 7 digits'],
  ['DE12345678', 'DE, 8 digits'],
  ['DE1234567890', 'DE, 10 digits'],
  ['DK1234567', 'DK, 7 digits'],
  ['EE12345678', 'EE, 8 digits'],
  ['GR123456789', 'Greece under GR instead of EL'],
  ['ES123456789', 'ES, digits only'],
  ['FI1234567', 'FI, 7 digits'],
  ['FRIO123456789', 'FR with I and O'],
  ['HR1234567890', 'HR, 10 digits'],
  ['HU1234567', 'HU, 7 digits'],
  ['IE1234567', 'IE without check letter'],
  ['IT1234567890', 'IT, 10 digits'],
  ['LT1234567890', 'LT, 10 digits'],
  ['LU1234567', 'LU, 7 digits'],
  ['LV1234567890', 'LV, 10 digits'],
  ['MT1234567', 'MT, 7 digits'],
  ['NL123456789A01', 'NL without B'],
  ['PL123456789', 'PL, 9 digits'],
  ['PT12345678', 'PT, 8 digits'],
  ['RO0123456', 'RO with a leading zero'],
  ['RO12345678901', 'RO, 11 digits'],
  ['SE123456789002', 'SE not ending in 01'],
  ['SI01234567', 'SI with a leading zero'],
  ['SK0123456789', 'SK with a leading zero'],
  ['XIGD567', 'XI government department out of range'],
  ['GB123456789', 'Great Britain, no longer in the EU'],
  ['CHE123456789', 'Switzerland'],
  ['', 'empty'],
  ['DE', 'prefix only'],
];

describe('checkVatIdFormat', () => {
  it('has a format for the 27 member states (Greece as EL) and Northern Ireland', () => {
    expect(VAT_ID_PREFIXES).toHaveLength(28);
    expect(Object.keys(VALID).sort()).toEqual([...VAT_ID_PREFIXES].sort());
  });

  it.each(Object.entries(VALID).flatMap(([prefix, ids]) => ids.map((id) => [prefix, id])))('accepts %s %s', (prefix, id) => {
    expect(checkVatIdFormat(id)).toMatchObject({ ok: true, vatId: id, prefix });
  });

  it.each(INVALID)('rejects %s (%s)', (id) => {
    expect(checkVatIdFormat(id)).toEqual({ ok: false });
  });

  it('normalises spacing, dots, dashes and case, and maps EL to Greece', () => {
    expect(checkVatIdFormat(' de 123.456-789 ')).toEqual({ ok: true, vatId: 'DE123456789', prefix: 'DE', issuingCountry: 'DE' });
    expect(checkVatIdFormat('el123456789')).toEqual({ ok: true, vatId: 'EL123456789', prefix: 'EL', issuingCountry: 'GR' });
  });
});
