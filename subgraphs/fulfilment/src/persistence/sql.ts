import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Runs SQL on the caller's transaction (or a fresh connection). Set-based writes pass their rows as one
 * JSON parameter read with `jsonb_to_recordset`, so 10,000 rows are one statement and one round trip.
 */
export async function query<T = Record<string, unknown>>(em: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  return em.getConnection().execute<T[]>(qualify(sql), params, 'all', em.getTransactionContext());
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
  'transfer',
  'allocation_settings',
  'outbox_event',
  'box_type',
  'carbon_label_format',
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

export const asJson = (rows: unknown) => JSON.stringify(rows);

/** A uuid[] parameter as a PostgreSQL array literal (`= any(?::uuid[])` lets the planner use the key index). */
export const uuidList = (ids: readonly string[]) => `{${ids.join(',')}}`;
