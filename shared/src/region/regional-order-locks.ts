/**
 * The regional orders with these ids (`ids`: an SQL uuid[] expression), locked in id order; a statement that changes
 * several orders locks them through it (`with locked as materialized (…)`, joined). Core's verdicts on registrations
 * (the command relay) and the statuses order events bring (their consumer) change the same orders in batches, each in
 * its own order: at 200 orders/s two such batches deadlocked about every 20 s (2026-12-05), and PostgreSQL breaks a
 * deadlock only after `deadlock_timeout` (1 s), a second in which both held connections and the rows they had locked.
 * Taken in one order, the later batch waits for the earlier one instead.
 */
export const regionalOrdersLockedInIdOrder = (table: string, ids: string) =>
  `select order_id from ${table} where order_id = any(${ids}) order by order_id for update`;
