// VAT ID formats are shared with the catalogue's quote, which checks a buyer's VAT ID the same way.
export * from '@hub/shared/catalogue/vat/vat-id.rules';
