import { calculateVatLines, findVatMismatch, unitVat } from './vat-lines.rules.js';
import { checkVatCompliance, type VatComplianceInput } from './vat-compliance.rules.js';
import { isOutsideEuVatArea } from './vat-territory.rules.js';

const input = (changes: Partial<VatComplianceInput> = {}): VatComplianceInput => ({
  destination: 'DE',
  destinationPostalCode: '10115',
  dispatchCountry: 'DE',
  buyerVatIdCountry: null,
  exciseGoods: false,
  crossBorderB2cNet: { previousYear: 0, currentYear: 0 },
  optedForDestinationTaxation: false,
  iossRegistered: false,
  orderDate: '2026-03-10',
  lines: [{ quantity: 2, unitPrice: 1499, unitTax: 285 }],
  ...changes,
});

describe('unitVat and VAT lines', () => {
  it.each([
    [1499, 1900, 285],
    [1000, 1900, 190],
    [1000, 2550, 255],
    [999, 2550, 255],
    [10, 1900, 2],
    [2, 2500, 1],
    [1, 1900, 0],
    [0, 2000, 0],
    [1000, 0, 0],
  ])('unitVat(%i, %i bp) = %i', (unitPrice, rateBp, vat) => {
    expect(unitVat(unitPrice, rateBp)).toBe(vat);
  });

  it('adds up lines as core does (quantity × unit VAT)', () => {
    expect(
      calculateVatLines(
        [
          { quantity: 3, unitPrice: 999, unitTax: 0 },
          { quantity: 1, unitPrice: 50, unitTax: 0 },
        ],
        2550,
      ),
    ).toEqual({
      lines: [
        { lineNo: 1, net: 2997, vat: 765 },
        { lineNo: 2, net: 50, vat: 13 },
      ],
      netTotal: 3047,
      vatTotal: 778,
    });
  });

  it('finds the first line whose VAT does not match the rate', () => {
    expect(
      findVatMismatch(
        [
          { quantity: 1, unitPrice: 1000, unitTax: 190 },
          { quantity: 1, unitPrice: 1000, unitTax: 160 },
        ],
        1900,
      ),
    ).toEqual({ index: 1, expectedUnitTax: 190 });
  });
});

describe('checkVatCompliance', () => {
  it('charges German VAT in force on the order date', () => {
    expect(checkVatCompliance(input())).toEqual({
      ok: true,
      vat: {
        scheme: 'DOMESTIC',
        destination: 'DE',
        taxCountry: 'DE',
        rateBp: 1900,
        rateValidFrom: '2021-01-01',
        lines: [{ lineNo: 1, net: 2998, vat: 570 }],
        netTotal: 2998,
        vatTotal: 570,
      },
    });
  });

  it('applies 16 % to an order of the second half of 2020', () => {
    const result = checkVatCompliance(input({ orderDate: '2020-11-02', lines: [{ quantity: 1, unitPrice: 1000, unitTax: 160 }] }));
    expect(result).toMatchObject({ ok: true, vat: { rateBp: 1600, rateValidFrom: '2020-07-01' } });
  });

  it("charges the destination's rate of the order date under the OSS", () => {
    const oss = (orderDate: string, unitTax: number) =>
      checkVatCompliance(
        input({
          destination: 'EE',
          destinationPostalCode: '10111',
          orderDate,
          crossBorderB2cNet: { previousYear: 2_000_000, currentYear: 0 },
          lines: [{ quantity: 1, unitPrice: 1000, unitTax }],
        }),
      );
    expect(oss('2025-06-30', 220)).toMatchObject({ ok: true, vat: { scheme: 'OSS', taxCountry: 'EE', rateBp: 2200 } });
    expect(oss('2025-07-01', 240)).toMatchObject({ ok: true, vat: { scheme: 'OSS', taxCountry: 'EE', rateBp: 2400, rateValidFrom: '2025-07-01' } });
    expect(oss('2025-07-01', 220)).toEqual({ ok: false, violation: expect.objectContaining({ field: 'lines.0.unitTax', rule: 'VAT_AMOUNT_MISMATCH' }) });
  });

  it('charges no VAT under reverse charge and requires none in the prices', () => {
    const reverse = (unitTax: number) =>
      checkVatCompliance(
        input({ destination: 'FR', destinationPostalCode: '75001', buyerVatIdCountry: 'FR', lines: [{ quantity: 1, unitPrice: 1000, unitTax }] }),
      );
    expect(reverse(0)).toMatchObject({ ok: true, vat: { scheme: 'REVERSE_CHARGE', taxCountry: null, rateBp: 0, rateValidFrom: null, vatTotal: 0 } });
    expect(reverse(190)).toMatchObject({ ok: false, violation: { field: 'lines.0.unitTax', rule: 'VAT_AMOUNT_MISMATCH' } });
  });

  it.each([
    ['the Canary Islands', { destination: 'ES', destinationPostalCode: '35001' }, 'shippingAddress.postalCode', 'OUTSIDE_EU_VAT_AREA'],
    ['a date before the rate table', { orderDate: '2019-06-01' }, 'lines', 'VAT_RATE_UNKNOWN'],
    [
      'a German VAT ID for a supply abroad',
      { destination: 'AT', destinationPostalCode: '1010', buyerVatIdCountry: 'DE' },
      'customer.vatId',
      'VAT_ID_NOT_FROM_OTHER_MEMBER_STATE',
    ],
  ] as const)('refuses %s', (_label, changes, field, rule) => {
    expect(checkVatCompliance(input(changes))).toEqual({ ok: false, violation: { field, rule, message: expect.any(String) } });
  });
});

describe('isOutsideEuVatArea', () => {
  it.each([
    ['ES', '35001', true],
    ['ES', '38001', true],
    ['ES', '51001', true],
    ['ES', '28001', false],
    ['DE', '27498', true],
    ['DE', '78266', true],
    ['DE', '10115', false],
    ['FI', '22100', true],
    ['FI', '00100', false],
    ['FR', '97400', true],
    ['FR', '98000', false],
    ['IT', '23041', true],
    ['GR', '63086', true],
  ] as const)('%s %s → %s', (country, postalCode, outside) => {
    expect(isOutsideEuVatArea(country, postalCode)).toBe(outside);
  });
});
