import type { EntityManager } from '@mikro-orm/postgresql';
import { runStatement } from '@hub/shared/persistence/run-statement';

/**
 * Runs SQL on the caller's transaction (or a fresh connection). Set-based writes pass their rows as one
 * JSON parameter read with `jsonb_to_recordset`, so 10,000 rows are one statement and one round trip.
 * Those JSON parameters (`asJson`) go to PostgreSQL as bound parameters; the others are inlined by MikroORM as
 * before. Inlining a 5 MB JSON text (escaping it, then measuring the whole statement's byte length) cost more
 * CPU than planning and writing the rows it carried.
 */
export async function query<T = Record<string, unknown>>(em: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  const connection = em.getConnection();
  if (!params.some((param) => param instanceof JsonParameter)) return connection.execute<T[]>(qualify(sql), params, 'all', em.getTransactionContext());
  const { text, inline, bound } = bindJson(qualify(sql), params);
  return runStatement<T & object>(em, em.getPlatform().formatQuery(text, inline), bound);
}

/** A JSON document passed as one bound parameter (see `query`). */
export class JsonParameter {
  constructor(readonly json: string) {}
}

/** Replaces the `?` of each JSON parameter with `$n` and leaves the other `?` for MikroORM's formatting. */
export function bindJson(sql: string, params: readonly unknown[]): { text: string; inline: unknown[]; bound: string[] } {
  const inline: unknown[] = [];
  const bound: string[] = [];
  let index = 0;
  const text = sql.replace(/\?/g, (mark) => {
    const param = params[index++];
    if (!(param instanceof JsonParameter)) {
      inline.push(param);
      return mark;
    }
    bound.push(param.json);
    return `$${bound.length}`;
  });
  if (index !== params.length) throw new Error(`${params.length} parameters for ${index} placeholders`);
  return { text, inline, bound };
}

export const FULFILMENT_SCHEMA = 'fulfilment';
const TABLES = [
  'node_lane',
  'node',
  'delivery_zone',
  'sku',
  'inventory',
  'stock_movement',
  'capacity_usage',
  'fulfilment_order_line',
  'fulfilment_order',
  'shipment_line',
  'shipment',
  'order_timeline',
  'reallocation_job',
  'demand_forecast',
  'transfer_proposal',
  'transfer_event',
  'transfer',
  'allocation_settings',
  'outbox_event',
  'box_type',
  'carbon_label_format',
  'consignment',
];
const TABLE_REFERENCE = new RegExp(`\\b(from|join|into|update)\\s+(${TABLES.join('|')})\\b(?!\\.)`, 'gi');
const qualified = new Map<string, string>();

/** Statements name tables bare for readability; the service's connections share a database with others, so they are qualified here once. */
function qualify(sql: string): string {
  let result = qualified.get(sql);
  if (result === undefined) {
    result = sql.replace(TABLE_REFERENCE, (_match, keyword: string, table: string) => `${keyword} "${FULFILMENT_SCHEMA}".${table}`);
    qualified.set(sql, result);
  }
  return result;
}

export const asJson = (rows: unknown) => new JsonParameter(JSON.stringify(rows));

/** A uuid[] parameter as a PostgreSQL array literal (`= any(?::uuid[])` lets the planner use the key index). */
export const uuidList = (ids: readonly string[]) => `{${ids.join(',')}}`;
