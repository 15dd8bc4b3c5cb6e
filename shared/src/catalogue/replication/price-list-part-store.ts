import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { queryRows } from '../../persistence/query-rows.js';
import type { PriceListFacts } from '../pricing/price-list.rules.js';
import type { PriceListPartChange } from './catalogue-contracts.js';
import { assemblePriceList } from './price-list-parts.js';

/** A part as a replica stores it: its row's kind is `price-list-part` and its catalogue version is the row's. */
export type StoredPriceListPart = Pick<PriceListPartChange, 'part' | 'parts' | 'priceList'>;

/** What a part did to a replica's stored copy. */
export type PartOutcome = { status: 'stale' } | { status: 'incomplete' } | { status: 'assembled'; priceList: PriceListFacts };

/** Ids up to this long key their parts as `<id>#<part>`; longer ones by a digest, so a key fits the 100-character column. */
const READABLE_ID_LENGTH = 90;

const partKeyPrefix = (priceListId: string) =>
  `${priceListId.length <= READABLE_ID_LENGTH ? priceListId : createHash('sha256').update(priceListId).digest('base64url')}#`;

export const partOfRow = (catalogueVersion: number, payload: StoredPriceListPart): PriceListPartChange => ({
  kind: 'price-list-part',
  catalogueVersion,
  ...payload,
});

/**
 * Stores a part in a replica's table (`schema`), inside the message's transaction. The part that completes its
 * catalogue version also stores the assembled list as the list's own row and drops the parts: that row is the list
 * in force, so a restart prices from it even while a newer version's parts are still arriving. A part no newer than
 * the list held is stale (a redelivery, or an older, longer version left in the stream) and changes nothing.
 */
export async function storePriceListPart(em: EntityManager, schema: string, change: PriceListPartChange): Promise<PartOutcome> {
  const { id } = change.priceList;
  const table = `"${schema}".catalogue_replica_item`;
  const run = <T extends object>(sql: string, params: unknown[]) => queryRows<T>(em, sql, params);
  // The parts of one list are counted and assembled by one transaction at a time, or two last parts could each miss the other.
  await run(`select pg_advisory_xact_lock(hashtext(?))`, [`${schema}.catalogue_replica_item.${id}`]);
  const [held] = await run<{ catalogue_version: number }>(`select catalogue_version from ${table} where kind = 'price-list' and key = ?`, [id]);
  if (held && held.catalogue_version >= change.catalogueVersion) return { status: 'stale' };
  const stored: StoredPriceListPart = { part: change.part, parts: change.parts, priceList: change.priceList };
  await run(
    `insert into ${table} (kind, key, catalogue_version, payload) values ('price-list-part', ?, ?, ?::jsonb)
     on conflict (kind, key) do update set catalogue_version = excluded.catalogue_version, payload = excluded.payload
     where catalogue_replica_item.catalogue_version < excluded.catalogue_version`,
    [partKeyPrefix(id) + change.part, change.catalogueVersion, JSON.stringify(stored)],
  );
  const keys = Array.from({ length: change.parts }, (_, part) => partKeyPrefix(id) + part);
  const [present] = await run<{ parts: number }>(
    `select count(*)::int as parts from ${table} where kind = 'price-list-part' and key in (select jsonb_array_elements_text(?::jsonb)) and catalogue_version = ?`,
    [JSON.stringify(keys), change.catalogueVersion],
  );
  if (present!.parts < change.parts) return { status: 'incomplete' };
  const rows = await run<{ payload: StoredPriceListPart }>(
    `select payload from ${table} where kind = 'price-list-part' and key in (select jsonb_array_elements_text(?::jsonb)) and catalogue_version = ?`,
    [JSON.stringify(keys), change.catalogueVersion],
  );
  const assembled = assemblePriceList(rows.map((row) => partOfRow(change.catalogueVersion, row.payload)));
  if (!assembled) return { status: 'incomplete' };
  await run(
    `insert into ${table} (kind, key, catalogue_version, payload) values ('price-list', ?, ?, ?::jsonb)
     on conflict (kind, key) do update set catalogue_version = excluded.catalogue_version, payload = excluded.payload`,
    [id, change.catalogueVersion, JSON.stringify(assembled.priceList)],
  );
  await dropPriceListParts(em, schema, id, change.catalogueVersion);
  return { status: 'assembled', priceList: assembled.priceList };
}

/** Drops a list's stored parts of `catalogueVersion` and before: the list's own row holds that version or a newer one. */
export async function dropPriceListParts(em: EntityManager, schema: string, priceListId: string, catalogueVersion: number): Promise<void> {
  await em
    .getConnection()
    .execute(
      `delete from "${schema}".catalogue_replica_item where kind = 'price-list-part' and starts_with(key, ?) and catalogue_version <= ?`,
      [partKeyPrefix(priceListId), catalogueVersion],
      'run',
      em.getTransactionContext(),
    );
}
