import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { CatalogueProblem } from '@hub/shared/catalogue/problem';

export const IMPORT_STATUSES = ['RUNNING', 'APPLIED', 'REJECTED', 'FAILED'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** A bulk import and its outcome: progress while it runs, then either every row applied or none and the rejected rows. */
export const CatalogueImport = defineEntity({
  name: 'CatalogueImport',
  tableName: 'catalogue_import',
  properties: {
    id: p.uuid().primary(),
    kind: p.string().length(16),
    format: p.string().length(8),
    priceListId: p.string().length(100).nullable(),
    status: p.string().length(16),
    totalRows: p.integer(),
    processedRows: p.integer(),
    appliedRows: p.integer(),
    rejectedRowCount: p.integer(),
    /** The first problems found, by row (capped, so a broken file cannot bloat the table). */
    problems: p.json<Array<CatalogueProblem & { row: number }>>(),
    catalogueVersion: p.integer().nullable(),
    createdBy: p.string().length(200),
    createdAt: p.datetime(),
    finishedAt: p.datetime().nullable(),
  },
});
export type CatalogueImport = InferEntity<typeof CatalogueImport>;
