import type { EntityManager, EntityName, RequiredEntityData } from '@mikro-orm/postgresql';
import { runStatement } from './run-statement.js';
import { tableOf } from './table-name.js';

interface TableRows {
  entity: EntityName<object>;
  properties: string[];
  rows: Array<Record<string, unknown>>;
}

/**
 * New rows for several tables, collected to be written by `insertRows` in one statement. A row sets columns by
 * property name, as `em.create` takes them, and a relation by its primary key; a column a row leaves out gets its
 * database default (entity `onCreate` hooks and version numbering do not run, so a row sets such columns itself).
 */
export class RowBatch {
  private readonly byEntity = new Map<EntityName<object>, Map<string, TableRows>>();

  add<T extends object>(entity: EntityName<T>, row: RequiredEntityData<T>): void {
    const values = row as Record<string, unknown>;
    const properties = Object.keys(values).filter((property) => values[property] !== undefined);
    // Rows that set the same columns share one insert; others get their own, so no left-out column becomes null.
    const groups = this.byEntity.get(entity as EntityName<object>) ?? new Map<string, TableRows>();
    this.byEntity.set(entity as EntityName<object>, groups);
    const signature = properties.join(',');
    const group = groups.get(signature) ?? { entity: entity as EntityName<object>, properties, rows: [] };
    groups.set(signature, group);
    group.rows.push(values);
  }

  /** The rows by table, in the order each table was first added to. */
  get tables(): TableRows[] {
    return [...this.byEntity.values()].flatMap((groups) => [...groups.values()]);
  }
}

/**
 * Inserts a batch's rows in one statement (one insert per table, as data-modifying CTEs), in `em`'s transaction when
 * it is in one: one round trip instead of a flush's statement per table, and no entity is instantiated. Values travel as
 * one JSON parameter per table and take the table's column types (`jsonb_populate_recordset`): dates as `Date`, JSON
 * columns as values; the statement's text depends only on the tables and columns, so outside a transaction each
 * connection prepares it once (`runStatement`). A database error comes back as MikroORM's exception (`UniqueConstraintViolationException`…), as from a flush.
 */
export async function insertRows(em: EntityManager, batch: RowBatch): Promise<void> {
  const tables = batch.tables;
  if (tables.length === 0) return;
  const platform = em.getPlatform();
  const params: string[] = [];
  const statements = tables.map(({ entity, properties, rows }) => {
    const meta = em.getMetadata().find<object>(entity);
    if (!meta) throw new Error(`${String((entity as { name?: string }).name ?? entity)} is not an entity of this database`);
    const props = meta.properties as Record<string, { fieldNames?: string[] } | undefined>;
    const fields = properties.map((property) => {
      const names = props[property]?.fieldNames ?? [];
      // A relation is set by its primary key, which must be a single column.
      if (names.length !== 1) throw new Error(`${meta.className}.${property} is not one column`);
      return names[0]!;
    });
    params.push(JSON.stringify(rows.map((row) => Object.fromEntries(properties.map((property, i) => [fields[i], row[property] ?? null])))));
    const table = tableOf(em, entity);
    const columns = fields.map((field) => platform.quoteIdentifier(field)).join(', ');
    return `insert into ${table} (${columns}) select ${columns} from jsonb_populate_recordset(null::${table}, $${params.length}::jsonb)`;
  });
  // Each statement in a WITH runs exactly once, whether or not the main statement reads it.
  const ctes = statements.slice(0, -1).map((statement, i) => `w${i} as (${statement})`);
  const sql = `${ctes.length > 0 ? `with ${ctes.join(', ')} ` : ''}${statements.at(-1)!}`;
  await runStatement(em, sql, params, { prepare: true });
}
