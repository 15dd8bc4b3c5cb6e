import { createHash } from 'node:crypto';

/**
 * A fixed-size fingerprint of a set of order ids, so a region's summary can say which orders it counted without
 * listing them (a period can hold millions; a JetStream message holds 1 MB). It is the XOR of the first 64 bits of
 * each id's MD5: independent of order, computed by an aggregate in PostgreSQL on both sides, and adjustable in
 * JavaScript for the ids a summary does list (XOR an id again to take it out). MD5 only spreads the ids here; it
 * guards nothing, as summaries travel on the hub's authenticated streams.
 */
export const EMPTY_ORDER_SET_DIGEST = '0000000000000000';

/** The digest of the ids in `column` over the rows an SQL query aggregates (PostgreSQL 14 or later, for bit_xor). */
export const orderSetDigestSql = (column: string) => `lpad(to_hex(coalesce(bit_xor(('x' || left(md5(${column}::text), 16))::bit(64)::bigint), 0)), 16, '0')`;

/** The digest with these ids added or, as XOR is its own inverse, taken out again. */
export function xorOrderIds(digest: string, orderIds: Iterable<string>): string {
  let value = BigInt(`0x${digest}`);
  for (const id of orderIds) value ^= createHash('md5').update(id.toLowerCase()).digest().readBigUInt64BE(0);
  return value.toString(16).padStart(16, '0');
}

/** The digest of the union of two disjoint sets (the per-currency parts of a period, say). */
export const xorDigests = (a: string, b: string): string => (BigInt(`0x${a}`) ^ BigInt(`0x${b}`)).toString(16).padStart(16, '0');
