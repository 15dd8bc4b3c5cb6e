/**
 * SQL that installs a PostgreSQL extension once per database, safely when several services migrate at the same
 * time: `create extension if not exists` alone races (both see it missing, one fails on the catalogue's unique
 * key), so a transaction-level advisory lock makes the second wait and then find it installed.
 */
export function createExtensionSql(name: string): string[] {
  return [`select pg_advisory_xact_lock(hashtext('create extension ${name}'));`, `create extension if not exists ${name};`];
}
