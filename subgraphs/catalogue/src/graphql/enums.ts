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

const valuesConfig = (descriptions: Record<string, string>) =>
  Object.fromEntries(Object.entries(descriptions).map(([value, description]) => [value, { description }]));

registerEnumType(ProductCategoryEnum, {
  name: 'ProductCategory',
  description: 'What kind of goods a product is; decides which CN return classes it may carry.',
  valuesConfig: valuesConfig({
    FRESH_FOOD: 'Fresh, live or perishable food.',
    GROCERY: 'Packaged food and household consumables.',
    APPAREL: 'Clothing.',
    FOOTWEAR: 'Shoes.',
    ELECTRONICS: 'Consumer electronics.',
    HOME: 'Household goods.',
    FURNITURE: 'Furniture.',
    LARGE_APPLIANCES: 'Large household appliances.',
    BOOKS: 'Printed books.',
    NEWSPAPERS_PERIODICALS: 'Newspapers and periodicals.',
    SOFTWARE_MEDIA: 'Software and audio-visual products on a physical medium.',
    DIGITAL_CONTENT: 'Digital goods delivered by download.',
    CUSTOM_MADE_GOODS: "Goods made to the customer's specification.",
    COSMETICS: 'Cosmetics and personal care.',
    TOYS: 'Toys.',
    SPORTS: 'Sports goods.',
  } satisfies Record<ProductCategory, string>),
});
registerEnumType(CnReturnClassEnum, {
  name: 'CnReturnClass',
  description:
    "A product's class for China's 7-day no-reason returns: RETURNABLE, one of the statutory exclusions (CRPL art. 25(1), Interim Measures 2017 art. 6), " +
    "or one that applies only with the customer's confirmation at purchase (art. 7). Ordinary categories can only be RETURNABLE (Implementing Regulation 2024 art. 19).",
  valuesConfig: valuesConfig({
    RETURNABLE: "May be returned within 7 days without a reason (the law's presumption).",
    CUSTOM_MADE: 'Statutory exclusion: custom-made goods.',
    FRESH_PERISHABLE: 'Statutory exclusion: fresh, live and perishable goods.',
    DIGITAL_DOWNLOAD: 'Statutory exclusion: digital goods downloaded online.',
    SEALED_MEDIA: 'Statutory exclusion: audio-visual products and software, once unsealed by the customer.',
    NEWSPAPER_PERIODICAL: 'Statutory exclusion: newspapers and periodicals once delivered.',
    UNSEALING_AFFECTS_SAFETY_OR_QUALITY: 'Excluded only if the customer confirmed it at purchase: goods whose unsealing affects safety, health or quality.',
    ACTIVATION_OR_TRIAL_DEVALUES: 'Excluded only if the customer confirmed it at purchase: goods whose activation or trial sharply lowers their value.',
    DISCLOSED_NEAR_EXPIRY_OR_DEFECT: 'Excluded only if the customer confirmed it at purchase: goods sold as near expiry or with a disclosed defect.',
  } satisfies Record<CnReturnClass, string>),
});
registerEnumType(EuTaxClassEnum, {
  name: 'EuTaxClass',
  description: 'The lowest VAT rate class the product is entitled to; a country without that rate applies its next higher one.',
  valuesConfig: valuesConfig({
    STANDARD: "The country's standard VAT rate.",
    REDUCED: 'A reduced VAT rate (Annex III VAT Directive goods such as food or books).',
    SUPER_REDUCED: 'A super-reduced VAT rate, below 5% (VAT Directive art. 98(2) and 105a).',
    ZERO: 'Exempt with right of deduction, i.e. a zero rate (VAT Directive art. 98(2) second subparagraph).',
  } satisfies Record<EuTaxClass, string>),
});
registerEnumType(ProductStatusEnum, {
  name: 'ProductStatus',
  description: 'DRAFT: not sold yet; ACTIVE: sold; RETIRED: no longer sold (kept for past orders).',
  valuesConfig: valuesConfig({
    DRAFT: 'Being prepared; not sold yet.',
    ACTIVE: 'On sale.',
    RETIRED: 'No longer sold; kept so past orders still resolve it.',
  } satisfies Record<ProductStatus, string>),
});
registerEnumType(CustomerTypeEnum, {
  name: 'CustomerType',
  description: 'A consumer, or a business buying for its business (may give a VAT ID).',
  valuesConfig: valuesConfig({
    CONSUMER: 'A private person buying for personal use.',
    BUSINESS: 'A business buying for its business; may give a VAT ID.',
  } satisfies Record<CustomerType, string>),
});
