// One dated table of every member state's rates lives in shared (standard, reduced, super-reduced, zero, parking).
export { standardVatRate, VAT_TABLE_COVERAGE_FROM } from '@hub/shared/catalogue/vat/vat-rates.table';
