import { v7 as uuidv7 } from 'uuid';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Principal } from '@hub/shared/auth/principal';
import { problem } from '@hub/shared/catalogue/problem';
import type { PriceEntry } from '@hub/shared/catalogue/pricing/price-list.rules';
import type { ProductFacts } from '@hub/shared/catalogue/products/product.rules';
import type { Logger } from '@hub/shared/logger';
import { Refused, type CatalogueWriter, type ChangeScope } from '../changes/catalogue-writer.js';
import { PriceList } from '../price-lists/persistence/price-list.entity.js';
import { applyPrices, recordPriceListChange } from '../price-lists/price-list.service.js';
import { loadPriceListFacts } from '../price-lists/price-list.mapper.js';
import { Product } from '../products/persistence/product.entity.js';
import { productFactsOf } from '../products/product.mapper.js';
import { CatalogueImport } from './catalogue-import.entity.js';
import { readRows, validatePriceRows, validateProductRows, type ImportFormat, type ImportKind, type RowProblem, type SourceRow } from './import-rows.js';

export interface ImportCommand {
  kind: ImportKind;
  format: ImportFormat;
  content: string;
  priceListId: string | null;
}

/** How many rows are validated between progress updates. */
const CHUNK_ROWS = 500;
/** Problems kept in the report; a file broken on every row still yields a readable report. */
const MAX_REPORTED_PROBLEMS = 1_000;

/**
 * Bulk imports: the file is read and every row validated (progress recorded as it goes), then either every row is
 * applied in one catalogue change or none is and the report names each rejected row. Runs after the mutation
 * returned, so a long file does not hold the request open; the import's record says how far it got.
 */
export class ImportService {
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly orm: MikroORM,
    private readonly writer: CatalogueWriter,
    private readonly logger: Logger,
  ) {}

  async start(principal: Principal, command: ImportCommand): Promise<CatalogueImport | Refused> {
    if (command.kind === 'PRICES' && !command.priceListId) return new Refused([problem('priceListId', 'INVALID', 'A price import names its price list')]);
    if (command.priceListId && !(await this.orm.em.fork().findOne(PriceList, { id: command.priceListId }))) {
      return new Refused([problem('priceListId', 'NOT_FOUND', 'No price list has this id')]);
    }
    const parsed = readRows(command.format, command.content);
    const em = this.orm.em.fork();
    const record = em.create(CatalogueImport, {
      id: uuidv7(),
      kind: command.kind,
      format: command.format,
      priceListId: command.priceListId,
      status: parsed.ok ? 'RUNNING' : 'REJECTED',
      totalRows: parsed.ok ? parsed.rows.length : 0,
      processedRows: 0,
      appliedRows: 0,
      rejectedRowCount: parsed.ok ? 0 : new Set(parsed.problems.map((p) => p.row)).size,
      problems: parsed.ok ? [] : parsed.problems.slice(0, MAX_REPORTED_PROBLEMS),
      catalogueVersion: null,
      createdBy: principal.subject,
      createdAt: new Date(),
      finishedAt: parsed.ok ? null : new Date(),
    });
    await em.flush();
    if (parsed.ok) this.track(this.run(principal, record.id, command, parsed.rows));
    return record;
  }

  find(id: string): Promise<CatalogueImport | null> {
    return this.orm.em.fork().findOne(CatalogueImport, { id });
  }

  /** Waits for imports in flight; on shutdown, and in tests that want the outcome. */
  async settled(): Promise<void> {
    await Promise.all([...this.running]);
  }

  private track(job: Promise<void>): void {
    this.running.add(job);
    void job.finally(() => this.running.delete(job));
  }

  private async run(principal: Principal, id: string, command: ImportCommand, rows: SourceRow[]): Promise<void> {
    try {
      const problems: RowProblem[] = [];
      const products: ProductFacts[] = [];
      const prices: PriceEntry[] = [];
      for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
        const chunk = rows.slice(start, start + CHUNK_ROWS);
        const checked = command.kind === 'PRODUCTS' ? validateProductRows(chunk) : validatePriceRows(chunk);
        problems.push(...checked.problems);
        if ('products' in checked) products.push(...checked.products);
        else prices.push(...checked.prices);
        await this.progress(id, start + chunk.length, rows.length);
      }
      // Duplicates across chunks and SKUs the catalogue lacks need the whole file and the database.
      problems.push(...crossChunkDuplicates(rows, command.kind === 'PRODUCTS' ? products.map((p) => p.sku) : prices.map((p) => p.sku), problems));
      if (command.kind === 'PRICES') problems.push(...(await this.unknownSkus(rows, prices)));
      if (problems.length > 0) return await this.finish(id, { status: 'REJECTED', problems });
      const result = await this.writer.change(principal, (scope) =>
        command.kind === 'PRODUCTS' ? importProducts(scope, products) : importPrices(scope, command.priceListId!, prices),
      );
      if (result instanceof Refused) return await this.finish(id, { status: 'REJECTED', problems: result.problems.map((p) => ({ row: 0, ...p })) });
      await this.finish(id, { status: 'APPLIED', problems: [], appliedRows: rows.length, catalogueVersion: result });
      this.logger.info({ importId: id, rows: rows.length, catalogueVersion: result }, 'catalogue import applied');
    } catch (error) {
      this.logger.error({ err: error, importId: id }, 'catalogue import failed; nothing was applied');
      await this.finish(id, { status: 'FAILED', problems: [] }).catch(() => undefined);
    }
  }

  private async progress(id: string, processedRows: number, totalRows: number): Promise<void> {
    await this.orm.em.fork().nativeUpdate(CatalogueImport, { id }, { processedRows });
    if (totalRows >= CHUNK_ROWS * 2)
      this.logger.info({ importId: id, processedRows, totalRows }, `catalogue import: ${processedRows}/${totalRows} rows checked`);
  }

  private async finish(
    id: string,
    outcome: { status: 'APPLIED' | 'REJECTED' | 'FAILED'; problems: RowProblem[]; appliedRows?: number; catalogueVersion?: number },
  ): Promise<void> {
    await this.orm.em.fork().nativeUpdate(
      CatalogueImport,
      { id },
      {
        status: outcome.status,
        problems: outcome.problems.slice(0, MAX_REPORTED_PROBLEMS),
        rejectedRowCount: new Set(outcome.problems.map((p) => p.row)).size,
        appliedRows: outcome.appliedRows ?? 0,
        catalogueVersion: outcome.catalogueVersion ?? null,
        finishedAt: new Date(),
      },
    );
  }

  private async unknownSkus(rows: readonly SourceRow[], prices: readonly PriceEntry[]): Promise<RowProblem[]> {
    const skus = [...new Set(prices.map((p) => p.sku))];
    const known = new Set((await this.orm.em.fork().find(Product, { sku: { $in: skus } }, { fields: ['sku'] })).map((p) => p.sku));
    return prices.flatMap((price, index) =>
      known.has(price.sku) ? [] : [{ row: rows[index]!.row, ...problem('sku', 'UNKNOWN_SKU', 'No product has this SKU') }],
    );
  }
}

function crossChunkDuplicates(rows: readonly SourceRow[], skus: readonly string[], found: readonly RowProblem[]): RowProblem[] {
  const reported = new Set(found.filter((p) => p.code === 'CONFLICT').map((p) => p.row));
  const first = new Map<string, number>();
  return skus.flatMap((sku, index) => {
    const row = rows[index]!.row;
    const earlier = first.get(sku);
    if (earlier === undefined) {
      first.set(sku, row);
      return [];
    }
    return reported.has(row) ? [] : [{ row, ...problem('sku', 'CONFLICT', `The SKU is already on row ${earlier}`) }];
  });
}

/** Upserts every product in one statement, then audits and replicates each; returns the catalogue version. */
async function importProducts(scope: ChangeScope, products: readonly ProductFacts[]): Promise<number> {
  const { em } = scope;
  const before = new Map((await em.find(Product, { sku: { $in: products.map((p) => p.sku) } })).map((p) => [p.sku, productFactsOf(p)]));
  const now = new Date();
  await em.getConnection().execute(
    `insert into catalogue.product (id, sku, names, category, cn_return_class, eu_tax_class, hazardous, weight_grams, length_mm, width_mm, height_mm, status, version, catalogue_version, created_at, updated_at)
     select r.id, r.sku, r.names, r.category, r.cn_return_class, r.eu_tax_class, r.hazardous, r.weight_grams, r.length_mm, r.width_mm, r.height_mm, r.status, 1, ?, ?, ?
       from jsonb_to_recordset(?::jsonb) as r(id uuid, sku varchar, names jsonb, category varchar, cn_return_class varchar, eu_tax_class varchar, hazardous boolean,
                                             weight_grams int, length_mm int, width_mm int, height_mm int, status varchar)
     on conflict (sku) do update set names = excluded.names, category = excluded.category, cn_return_class = excluded.cn_return_class,
       eu_tax_class = excluded.eu_tax_class, hazardous = excluded.hazardous, weight_grams = excluded.weight_grams, length_mm = excluded.length_mm,
       width_mm = excluded.width_mm, height_mm = excluded.height_mm, status = excluded.status, version = product.version + 1,
       catalogue_version = excluded.catalogue_version, updated_at = excluded.updated_at`,
    [
      scope.catalogueVersion,
      now,
      now,
      JSON.stringify(
        products.map((p) => ({
          id: uuidv7(),
          sku: p.sku,
          names: p.names,
          category: p.category,
          cn_return_class: p.cnReturnClass,
          eu_tax_class: p.euTaxClass,
          hazardous: p.hazardous,
          weight_grams: p.weightGrams,
          length_mm: p.lengthMm,
          width_mm: p.widthMm,
          height_mm: p.heightMm,
          status: p.status,
        })),
      ),
    ],
    'run',
    em.getTransactionContext(),
  );
  for (const product of products) {
    const previous = before.get(product.sku) ?? null;
    scope.audit({ action: previous ? 'product.updated' : 'product.created', entityType: 'Product', entityId: product.sku, before: previous, after: product });
    scope.publish({ kind: 'product', product });
  }
  return scope.catalogueVersion;
}

async function importPrices(scope: ChangeScope, priceListId: string, prices: readonly PriceEntry[]): Promise<number> {
  const list = await scope.em.findOneOrFail(PriceList, { id: priceListId });
  const before = await loadPriceListFacts(scope.em, list);
  await applyPrices(scope.em, priceListId, prices);
  await recordPriceListChange(scope, list, before, 'price-list.imported');
  return scope.catalogueVersion;
}
