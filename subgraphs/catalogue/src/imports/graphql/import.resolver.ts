import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '@hub/shared/graphql/context';
import { Refused } from '../../changes/catalogue-writer.js';
import { userErrorsOf } from '../../graphql/user-error.type.js';
import type { CatalogueImport } from '../catalogue-import.entity.js';
import type { ImportService } from '../import.service.js';
import { CatalogueImportStartPayload, CatalogueImportView, ImportCatalogueInput } from './import.graphql-types.js';

const MANAGERS = ['catalogue_manager', 'admin'];
const toView = (record: CatalogueImport): CatalogueImportView => ({
  id: record.id,
  kind: record.kind as CatalogueImportView['kind'],
  format: record.format as CatalogueImportView['format'],
  priceListId: record.priceListId ?? null,
  status: record.status as CatalogueImportView['status'],
  totalRows: record.totalRows,
  processedRows: record.processedRows,
  appliedRows: record.appliedRows,
  rejectedRowCount: record.rejectedRowCount,
  problems: record.problems,
  catalogueVersion: record.catalogueVersion ?? null,
  createdAt: record.createdAt,
  finishedAt: record.finishedAt ?? null,
});

export function createImportResolver(imports: ImportService) {
  @Resolver()
  class ImportResolver {
    @Authorized(...MANAGERS)
    @Mutation(() => CatalogueImportStartPayload, {
      description: 'Starts a bulk import of products or prices from CSV or JSON: every row is validated, then all are applied in one change or none.',
    })
    async catalogueImportStart(
      @Arg('input', () => ImportCatalogueInput, { description: 'What the rows are, their format, the file content and, for PRICES, the price list.' })
      input: ImportCatalogueInput,
      @Ctx() { principal }: RequestContext,
    ): Promise<CatalogueImportStartPayload> {
      const result = await imports.start(principal, { kind: input.kind, format: input.format, content: input.content, priceListId: input.priceListId ?? null });
      return result instanceof Refused ? { import: null, userErrors: userErrorsOf(result.problems) } : { import: toView(result), userErrors: [] };
    }

    @Authorized(...MANAGERS, 'auditor')
    @Query(() => CatalogueImportView, { nullable: true, description: "An import's progress and outcome." })
    async catalogueImport(@Arg('id', () => ID, { description: 'Import id.' }) id: string): Promise<CatalogueImportView | null> {
      const record = await imports.find(id);
      return record ? toView(record) : null;
    }
  }
  return ImportResolver;
}
