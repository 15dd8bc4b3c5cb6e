import { Directive, Field, GraphQLISODateTime, ID, Int, ObjectType } from 'type-graphql';
import { connectionType } from '@hub/shared/graphql/connection';
import { MutationPayload } from '@hub/shared/graphql/user-error';
import type { ProductStatus } from '@hub/shared/catalogue/products/product.rules';
import type { CnReturnClass, ProductCategory } from '@hub/shared/catalogue/products/return-class.rules';
import type { EuTaxClass } from '@hub/shared/catalogue/vat/tax-class';
import { CnReturnClassEnum, EuTaxClassEnum, ProductCategoryEnum, ProductStatusEnum } from '../../graphql/enums.js';

@ObjectType({ description: 'A product name in one locale.' })
export class LocalizedName {
  @Field(() => String, { description: 'BCP 47 locale, e.g. en, de, zh-CN.' }) locale!: string;
  @Field(() => String, { description: 'The name in that locale.' }) value!: string;
}

@ObjectType({ description: 'Outer dimensions of one unit as shipped, in millimetres.' })
export class Dimensions {
  @Field(() => Int, { description: 'Longest side.' }) lengthMm!: number;
  @Field(() => Int, { description: 'Second side.' }) widthMm!: number;
  @Field(() => Int, { description: 'Third side.' }) heightMm!: number;
}

@Directive('@key(fields: "sku")')
@Directive('@key(fields: "id")')
@ObjectType('Product', { description: 'A sellable SKU with the facts regional rules, pricing and fulfilment read. Other subgraphs reference it by sku.' })
export class ProductView {
  @Field(() => ID, { description: 'Stable id.' }) id!: string;
  @Field(() => String, { description: 'Stock keeping unit, unique.' }) sku!: string;
  @Field(() => [LocalizedName], { description: 'Names by locale; en is always present.' }) names!: LocalizedName[];
  @Field(() => ProductCategoryEnum, { description: 'Kind of goods.' }) category!: ProductCategory;
  @Field(() => CnReturnClassEnum, { description: "Class for China's 7-day no-reason returns." }) cnReturnClass!: CnReturnClass;
  @Field(() => EuTaxClassEnum, { description: 'VAT rate class in the EU.' }) euTaxClass!: EuTaxClass;
  @Field(() => Boolean, { description: 'Dangerous goods for transport (ADR/IATA): carriers and boxes are restricted.' }) hazardous!: boolean;
  @Field(() => Int, { description: 'Weight of one unit as shipped, in grams.' }) weightGrams!: number;
  @Field(() => Dimensions, { description: 'Outer dimensions of one unit as shipped.' }) dimensions!: Dimensions;
  @Field(() => ProductStatusEnum, { description: 'Whether it is sold.' }) status!: ProductStatus;
  @Field(() => Int, { description: 'Optimistic-locking version: pass it back as expectedVersion.' }) version!: number;
  @Field(() => Int, { description: "Catalogue version of the product's last change." }) catalogueVersion!: number;
  @Field(() => GraphQLISODateTime, { description: 'When it last changed.' }) updatedAt!: Date;
}

export const ProductConnection = connectionType(ProductView, 'Product', 'A page of products, by SKU.');

@ObjectType({ description: 'Result of productUpsert.' })
export class ProductUpsertPayload extends MutationPayload {
  @Field(() => ProductView, { nullable: true, description: 'The product as stored; null when refused.' }) product!: ProductView | null;
}

@ObjectType({ description: 'Result of productStatusSet.' })
export class ProductStatusSetPayload extends MutationPayload {
  @Field(() => ProductView, { nullable: true, description: 'The product as stored; null when refused.' }) product!: ProductView | null;
}
