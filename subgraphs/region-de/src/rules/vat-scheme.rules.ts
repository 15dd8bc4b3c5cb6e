// The VAT regimes are shared with the catalogue's quote: one rule for the price a checkout shows and the order takes.
export * from '@hub/shared/catalogue/vat/vat-scheme.rules';
