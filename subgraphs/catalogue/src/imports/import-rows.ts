import { parse } from 'csv-parse/sync';
import { problem, type CatalogueProblem } from '@hub/shared/catalogue/problem';
import type { PriceEntry } from '@hub/shared/catalogue/pricing/price-list.rules';
import { NAME_LOCALES, validateProduct, type ProductFacts } from '@hub/shared/catalogue/products/product.rules';
import { validatePriceList } from '@hub/shared/catalogue/pricing/price-list.rules';

export const IMPORT_KINDS = ['PRODUCTS', 'PRICES'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const IMPORT_FORMATS = ['CSV', 'JSON'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** One data row with the number a person finds it under: the line in a CSV file (header is line 1), the position in a JSON array. */
export interface SourceRow {
  row: number;
  values: Record<string, unknown>;
}

export type RowProblem = CatalogueProblem & { row: number };
export type ParsedRows = { ok: true; rows: SourceRow[] } | { ok: false; problems: RowProblem[] };

/** Reads the file into rows; a row with the wrong number of fields is a problem of that row, unreadable syntax one of the file. */
export function readRows(format: ImportFormat, content: string): ParsedRows {
  if (format === 'JSON') {
    let data: unknown;
    try {
      data = JSON.parse(content);
    } catch {
      return { ok: false, problems: [{ row: 0, ...problem('content', 'INVALID', 'The content is not valid JSON') }] };
    }
    if (!Array.isArray(data)) return { ok: false, problems: [{ row: 0, ...problem('content', 'INVALID', 'A JSON import is an array of rows') }] };
    const problems: RowProblem[] = [];
    const rows = data.flatMap((values, index): SourceRow[] => {
      if (values !== null && typeof values === 'object' && !Array.isArray(values)) return [{ row: index + 1, values: values as Record<string, unknown> }];
      problems.push({ row: index + 1, ...problem('row', 'INVALID', 'Each row is an object') });
      return [];
    });
    return problems.length > 0 ? { ok: false, problems } : { ok: true, rows };
  }
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(content, { relax_column_count: true, skip_empty_lines: true, trim: true, info: true, bom: true }) as never;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 0;
    return { ok: false, problems: [{ row: line, ...problem('content', 'INVALID', `The CSV cannot be read at line ${line} (unclosed quote or similar)`) }] };
  }
  const [header, ...data] = records;
  if (!header) return { ok: false, problems: [{ row: 0, ...problem('content', 'INVALID', 'The file is empty') }] };
  const columns = header.record;
  const problems: RowProblem[] = [];
  const rows = data.flatMap(({ record, info }): SourceRow[] => {
    if (record.length !== columns.length) {
      problems.push({ row: info.lines, ...problem('row', 'INVALID', `The row has ${record.length} fields; the header has ${columns.length}`) });
      return [];
    }
    return [{ row: info.lines, values: Object.fromEntries(columns.map((column, i) => [column, record[i]])) }];
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows };
}

const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value).trim());
/** Numbers as written: "19.99" stays fractional and "1e3" or "" are not numbers, so the rules can name the problem. */
const numberOf = (value: unknown): number => {
  if (typeof value === 'number') return value;
  const written = text(value);
  return /^-?\d+(\.\d+)?$/.test(written) ? Number(written) : Number.NaN;
};
const booleanOf = (value: unknown): boolean | undefined => {
  if (typeof value === 'boolean') return value;
  const written = text(value).toLowerCase();
  if (['true', 'yes', '1'].includes(written)) return true;
  if (['false', 'no', '0', ''].includes(written)) return false;
  return undefined;
};

/**
 * A product from a row: JSON rows use the API's field names (`names` an object by locale); CSV rows flat columns
 * `sku, name_en, name_de, …, category, cn_return_class, eu_tax_class, hazardous, weight_grams, length_mm, width_mm, height_mm, status`.
 */
export function productOf({ values }: SourceRow): ProductFacts {
  const names =
    typeof values.names === 'object' && values.names !== null
      ? (values.names as ProductFacts['names'])
      : Object.fromEntries(NAME_LOCALES.map((locale) => [locale, text(values[`name_${locale}`])]).filter(([, name]) => name !== ''));
  const pick = (camel: string, snake: string) => values[camel] ?? values[snake];
  return {
    sku: text(values.sku),
    names,
    category: text(values.category) as ProductFacts['category'],
    cnReturnClass: (text(pick('cnReturnClass', 'cn_return_class')) || 'RETURNABLE') as ProductFacts['cnReturnClass'],
    euTaxClass: (text(pick('euTaxClass', 'eu_tax_class')) || 'STANDARD') as ProductFacts['euTaxClass'],
    hazardous: booleanOf(values.hazardous) as boolean,
    weightGrams: numberOf(pick('weightGrams', 'weight_grams')),
    lengthMm: numberOf(pick('lengthMm', 'length_mm')),
    widthMm: numberOf(pick('widthMm', 'width_mm')),
    heightMm: numberOf(pick('heightMm', 'height_mm')),
    status: (text(values.status) || 'ACTIVE') as ProductFacts['status'],
  };
}

/** A price from a row: `sku, unit_price (or unitPrice), free`. */
export function priceOf({ values }: SourceRow): PriceEntry {
  const free = booleanOf(values.free);
  return { sku: text(values.sku), unitPrice: numberOf(values.unitPrice ?? values.unit_price), ...(free ? { free } : {}) };
}

/** Every problem of every row, each naming its row; duplicates within the file count too. */
export function validateProductRows(rows: readonly SourceRow[]): { products: ProductFacts[]; problems: RowProblem[] } {
  const seen = new Map<string, number>();
  const problems: RowProblem[] = [];
  const products = rows.map((row) => {
    const product = productOf(row);
    problems.push(...validateProduct(product).map((p) => ({ row: row.row, ...p })));
    const earlier = seen.get(product.sku);
    if (earlier !== undefined) problems.push({ row: row.row, ...problem('sku', 'CONFLICT', `The SKU is already on row ${earlier}`) });
    seen.set(product.sku, row.row);
    return product;
  });
  return { products, problems };
}

export function validatePriceRows(rows: readonly SourceRow[]): { prices: PriceEntry[]; problems: RowProblem[] } {
  const prices = rows.map(priceOf);
  const shipping = { baseFee: 0, perKgFee: 0, bulkySurcharge: 0, freeFrom: null };
  const listProblems = validatePriceList({ region: 'xx', channel: 'WEB', currency: 'XXX', validFrom: '2000-01-01T00:00:00Z', validTo: null, shipping, prices });
  const problems = listProblems.map(({ field: [, index, ...field], ...rest }) => ({ ...rest, row: rows[Number(index)]!.row, field }));
  return { prices, problems };
}
