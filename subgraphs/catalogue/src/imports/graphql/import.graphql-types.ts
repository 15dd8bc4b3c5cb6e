import { IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { CatalogueProblemCode } from '@hub/shared/catalogue/problem';
import { MutationPayload, UserErrorCodeEnum } from '@hub/shared/graphql/user-error';
import { IMPORT_STATUSES, type ImportStatus } from '../catalogue-import.entity.js';
import { IMPORT_FORMATS, IMPORT_KINDS, type ImportFormat, type ImportKind } from '../import-rows.js';

const enumOf = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };
export const ImportKindEnum = enumOf<ImportKind>(IMPORT_KINDS);
export const ImportFormatEnum = enumOf<ImportFormat>(IMPORT_FORMATS);
export const ImportStatusEnum = enumOf<ImportStatus>(IMPORT_STATUSES);
const valuesConfig = (descriptions: Record<string, string>) =>
  Object.fromEntries(Object.entries(descriptions).map(([value, description]) => [value, { description }]));
registerEnumType(ImportKindEnum, {
  name: 'CatalogueImportKind',
  description: 'PRODUCTS: product rows; PRICES: price rows for one price list.',
  valuesConfig: valuesConfig({
    PRODUCTS: 'Each row creates or updates a product.',
    PRICES: 'Each row sets a price in one price list.',
  } satisfies Record<ImportKind, string>),
});
registerEnumType(ImportFormatEnum, {
  name: 'CatalogueImportFormat',
  description: 'CSV with a header row, or a JSON array of objects.',
  valuesConfig: valuesConfig({
    CSV: 'Comma-separated values with a header row naming the columns.',
    JSON: 'A JSON array of objects, one per row.',
  } satisfies Record<ImportFormat, string>),
});
registerEnumType(ImportStatusEnum, {
  name: 'CatalogueImportStatus',
  description: 'RUNNING; APPLIED: every row; REJECTED: none, see problems; FAILED: none, an internal error.',
  valuesConfig: valuesConfig({
    RUNNING: 'Being validated and applied.',
    APPLIED: 'Every row was applied.',
    REJECTED: 'Some rows were invalid, so none was applied; see the problems.',
    FAILED: 'An internal error stopped it; no row was applied.',
  } satisfies Record<ImportStatus, string>),
});

@ObjectType({ description: 'A rejected row of an import.' })
export class ImportProblem {
  @Field(() => Int, { description: 'The line of the CSV file (header is line 1) or the position in the JSON array (from 1); 0 for the whole file.' })
  row!: number;
  @Field(() => UserErrorCodeEnum, { description: 'Why.' }) code!: CatalogueProblemCode;
  @Field(() => [String], { description: 'The field of the row.' }) field!: string[];
  @Field(() => String, { description: 'For people; quotes no value.' }) message!: string;
}

@ObjectType('CatalogueImport', { description: 'A bulk import: all rows applied in one change, or none and a report.' })
export class CatalogueImportView {
  @Field(() => ID, { description: 'Import id.' }) id!: string;
  @Field(() => ImportKindEnum, { description: 'What was imported.' }) kind!: ImportKind;
  @Field(() => ImportFormatEnum, { description: 'File format.' }) format!: ImportFormat;
  @Field(() => String, { nullable: true, description: 'The price list, for price imports.' }) priceListId!: string | null;
  @Field(() => ImportStatusEnum, { description: 'Where it is.' }) status!: ImportStatus;
  @Field(() => Int, { description: 'Data rows in the file.' }) totalRows!: number;
  @Field(() => Int, { description: 'Rows checked so far (progress).' }) processedRows!: number;
  @Field(() => Int, { description: 'Rows applied (all or none).' }) appliedRows!: number;
  @Field(() => Int, { description: 'Rows with at least one problem.' }) rejectedRowCount!: number;
  @Field(() => [ImportProblem], { description: 'The first 1,000 problems, by row.' }) problems!: ImportProblem[];
  @Field(() => Int, { nullable: true, description: 'Catalogue version the import created.' }) catalogueVersion!: number | null;
  @Field(() => GraphQLISODateTime, { description: 'Started.' }) createdAt!: Date;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Finished.' }) finishedAt!: Date | null;
}

@InputType({ description: 'A file to import. Up to the request size limit (1 MB, some 5,000 product rows); larger catalogues import in parts.' })
export class ImportCatalogueInput {
  @Field(() => ImportKindEnum, { description: 'What the rows are.' }) @IsIn(IMPORT_KINDS) kind!: ImportKind;
  @Field(() => ImportFormatEnum, { description: 'CSV or JSON.' }) @IsIn(IMPORT_FORMATS) format!: ImportFormat;
  @Field(() => String, { description: "The file's content." }) @IsString() @MaxLength(1_000_000) content!: string;
  @Field(() => String, { nullable: true, description: 'The price list, for PRICES.' }) @IsOptional() @IsString() @Length(1, 100) priceListId?: string | null;
}

@ObjectType({ description: 'Result of catalogueImportStart.' })
export class CatalogueImportStartPayload extends MutationPayload {
  @Field(() => CatalogueImportView, { nullable: true, description: 'The import; poll catalogueImport(id) for progress and outcome.' })
  import!: CatalogueImportView | null;
}
