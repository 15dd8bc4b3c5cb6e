/**
 * Orders strings by their UTF-16 code units, as PostgreSQL's "C" collation does: the same order on every machine.
 * `localeCompare` follows the process's locale and ICU version, so a tie-break by id or code (which rule runs first,
 * which order is allocated first) could differ between an edge and core, or from one Node version to the next.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
