import { registerEnumType } from 'type-graphql';
import { PRODUCT_STATUSES, type ProductStatus } from '@hub/shared/catalogue/products/product.rules';
import { CN_RETURN_CLASSES, PRODUCT_CATEGORIES, type CnReturnClass, type ProductCategory } from '@hub/shared/catalogue/products/return-class.rules';
import { CUSTOMER_TYPES, type CustomerType } from '@hub/shared/catalogue/quote/quote.rules';
import { EU_TAX_CLASSES, type EuTaxClass } from '@hub/shared/catalogue/vat/tax-class';

const enumOf = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const ProductCategoryEnum = enumOf<ProductCategory>(PRODUCT_CATEGORIES);
export const CnReturnClassEnum = enumOf<CnReturnClass>(CN_RETURN_CLASSES);
export const EuTaxClassEnum = enumOf<EuTaxClass>(EU_TAX_CLASSES);
export const ProductStatusEnum = enumOf<ProductStatus>(PRODUCT_STATUSES);
export const CustomerTypeEnum = enumOf<CustomerType>(CUSTOMER_TYPES);

registerEnumType(ProductCategoryEnum, { name: 'ProductCategory', description: 'What kind of goods a product is; decides which CN return classes it may carry.' });
registerEnumType(CnReturnClassEnum, {
  name: 'CnReturnClass',
  description: 'A product\'s class for China\'s 7-day no-reason returns: RETURNABLE, one of the statutory exclusions (CRPL art. 25(1), Interim Measures 2017 art. 6), '
    + 'or one that applies only with the customer\'s confirmation at purchase (art. 7). Ordinary categories can only be RETURNABLE (Implementing Regulation 2024 art. 19).',
});
registerEnumType(EuTaxClassEnum, { name: 'EuTaxClass', description: 'The lowest VAT rate class the product is entitled to; a country without that rate applies its next higher one.' });
registerEnumType(ProductStatusEnum, { name: 'ProductStatus', description: 'DRAFT: not sold yet; ACTIVE: sold; RETIRED: no longer sold (kept for past orders).' });
registerEnumType(CustomerTypeEnum, { name: 'CustomerType', description: 'A consumer, or a business buying for its business (may give a VAT ID).' });
