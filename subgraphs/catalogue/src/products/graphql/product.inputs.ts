import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Min, ValidateNested } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import { PRODUCT_STATUSES, type ProductStatus } from '@hub/shared/catalogue/products/product.rules';
import { CN_RETURN_CLASSES, PRODUCT_CATEGORIES, type CnReturnClass, type ProductCategory } from '@hub/shared/catalogue/products/return-class.rules';
import { EU_TAX_CLASSES, type EuTaxClass } from '@hub/shared/catalogue/vat/tax-class';
import { CnReturnClassEnum, EuTaxClassEnum, ProductCategoryEnum, ProductStatusEnum } from '../../graphql/enums.js';

@InputType({ description: 'A product name in one locale.' })
export class LocalizedNameInput {
  @Field(() => String, { description: 'BCP 47 locale: en, de, zh-CN, th, id, ms, vi, fil.' }) @IsString() @Length(2, 10) locale!: string;
  @Field(() => String, { description: 'The name.' }) @IsString() @Length(0, 300) value!: string;
}

@InputType({ description: 'A product as the catalogue manager states it; the SKU identifies it.' })
export class ProductInput {
  @Field(() => String, { description: 'Stock keeping unit.' }) @IsString() @Length(0, 64) sku!: string;
  @Field(() => [LocalizedNameInput], { description: 'Names by locale; en required.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested()
  names!: LocalizedNameInput[];
  @Field(() => ProductCategoryEnum, { description: 'Kind of goods.' }) @IsIn(PRODUCT_CATEGORIES) category!: ProductCategory;
  @Field(() => CnReturnClassEnum, { defaultValue: 'RETURNABLE', description: "Class for China's no-reason returns; must be allowed for the category." })
  @IsIn(CN_RETURN_CLASSES)
  cnReturnClass!: CnReturnClass;
  @Field(() => EuTaxClassEnum, { defaultValue: 'STANDARD', description: 'VAT rate class in the EU.' }) @IsIn(EU_TAX_CLASSES) euTaxClass!: EuTaxClass;
  @Field(() => Boolean, { defaultValue: false, description: 'Dangerous goods for transport.' }) @IsBoolean() hazardous!: boolean;
  @Field(() => Int, { description: 'Weight of one unit as shipped, grams.' }) @IsInt() weightGrams!: number;
  @Field(() => Int, { description: 'Longest side, mm.' }) @IsInt() lengthMm!: number;
  @Field(() => Int, { description: 'Second side, mm.' }) @IsInt() widthMm!: number;
  @Field(() => Int, { description: 'Third side, mm.' }) @IsInt() heightMm!: number;
  @Field(() => ProductStatusEnum, { defaultValue: 'ACTIVE', description: 'Whether it is sold.' }) @IsIn(PRODUCT_STATUSES) status!: ProductStatus;
  @Field(() => Int, { nullable: true, description: 'The version the change was based on; omitted: create or overwrite.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number | null;
}

@InputType({ description: "Changes a product's status (e.g. retires it)." })
export class SetProductStatusInput {
  @Field(() => String, { description: 'The product.' }) @IsString() @Length(1, 64) sku!: string;
  @Field(() => ProductStatusEnum, { description: 'The new status.' }) @IsIn(PRODUCT_STATUSES) status!: ProductStatus;
  @Field(() => Int, { nullable: true, description: 'The version the change was based on.' }) @IsOptional() @IsInt() @Min(1) expectedVersion?: number | null;
}
