import { determineVatScheme, type VatSchemeFacts } from './vat-scheme.rules.js';

const base: VatSchemeFacts = {
  destination: 'FR',
  dispatchCountry: 'DE',
  buyerVatIdCountry: null,
  orderNet: 5_000,
  exciseGoods: false,
  crossBorderB2cNet: { previousYear: 0, currentYear: 0 },
  optedForDestinationTaxation: false,
  iossRegistered: true,
};
const sales = (previousYear: number, currentYear: number) => ({ crossBorderB2cNet: { previousYear, currentYear } });

describe('determineVatScheme', () => {
  it.each<[string, Partial<VatSchemeFacts>, string, string | null]>([
    ['domestic consumer', { destination: 'DE' }, 'DOMESTIC', 'DE'],
    ['domestic business', { destination: 'DE', buyerVatIdCountry: 'DE' }, 'DOMESTIC', 'DE'],
    ['domestic business with a foreign VAT ID', { destination: 'DE', buyerVatIdCountry: 'FR' }, 'DOMESTIC', 'DE'],
    // EUR 10,000 threshold: both years at or below it → German VAT.
    ['distance sale, nothing sold abroad yet', {}, 'DISTANCE_SALE_DE_VAT', 'DE'],
    ['distance sale reaching exactly EUR 10,000 this year', { ...sales(0, 995_000), orderNet: 5_000 }, 'DISTANCE_SALE_DE_VAT', 'DE'],
    ['distance sale crossing EUR 10,000 this year by one cent', { ...sales(0, 995_001), orderNet: 5_000 }, 'OSS', 'FR'],
    ['distance sale after EUR 10,000 were crossed this year', { ...sales(0, 1_200_000) }, 'OSS', 'FR'],
    ['previous year exactly EUR 10,000', { ...sales(1_000_000, 0) }, 'DISTANCE_SALE_DE_VAT', 'DE'],
    ['previous year above EUR 10,000', { ...sales(1_000_001, 0) }, 'OSS', 'FR'],
    ['below the threshold, but opted for destination taxation', { optedForDestinationTaxation: true }, 'OSS', 'FR'],
    ['OSS to Estonia', { destination: 'EE', ...sales(2_000_000, 0) }, 'OSS', 'EE'],
    ['business with a French VAT ID', { buyerVatIdCountry: 'FR' }, 'REVERSE_CHARGE', null],
    ['business with a Northern Irish VAT ID', { buyerVatIdCountry: 'XI' }, 'REVERSE_CHARGE', null],
    ['business above the threshold', { buyerVatIdCountry: 'FR', ...sales(5_000_000, 5_000_000) }, 'REVERSE_CHARGE', null],
    // Imports: IOSS up to EUR 150 intrinsic value.
    ['import of EUR 150.00 to a consumer', { dispatchCountry: 'CN', orderNet: 15_000 }, 'IOSS', 'FR'],
    ['import of EUR 150.01 to a consumer', { dispatchCountry: 'CN', orderNet: 15_001 }, 'IMPORT', null],
    ['import to a German consumer', { dispatchCountry: 'US', destination: 'DE', orderNet: 2_000 }, 'IOSS', 'DE'],
    ['import without IOSS registration', { dispatchCountry: 'CN', iossRegistered: false }, 'IMPORT', null],
    ['import of excise goods', { dispatchCountry: 'CH', exciseGoods: true }, 'IMPORT', null],
    ['import to a business', { dispatchCountry: 'CN', buyerVatIdCountry: 'FR' }, 'IMPORT', null],
  ])('%s → %s', (_label, facts, scheme, taxCountry) => {
    expect(determineVatScheme({ ...base, ...facts })).toEqual({ ok: true, scheme, taxCountry });
  });

  it.each<[string, Partial<VatSchemeFacts>, string, string]>([
    ['business abroad with a German VAT ID', { buyerVatIdCountry: 'DE' }, 'VAT_ID_NOT_FROM_OTHER_MEMBER_STATE', 'customer.vatId'],
    ['goods dispatched from stock in Poland', { dispatchCountry: 'PL' }, 'DISPATCH_COUNTRY_UNSUPPORTED', 'dispatchCountry'],
  ])('%s → %s', (_label, facts, rule, field) => {
    expect(determineVatScheme({ ...base, ...facts })).toEqual({ ok: false, rule, field });
  });
});
