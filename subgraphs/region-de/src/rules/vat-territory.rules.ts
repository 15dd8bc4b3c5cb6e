export { isOutsideEuVatArea } from '@hub/shared/catalogue/vat/vat-territory.rules';
