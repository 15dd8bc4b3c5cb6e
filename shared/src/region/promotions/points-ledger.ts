import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '../../errors.js';
import type { PointsEntryKind } from './points-ledger.entity.js';

export interface PointsChange {
  customerRef: string;
  /** Derived from the change, so a retry is the same entry: `spend:<orderId>`. */
  entryKey: string;
  kind: PointsEntryKind;
  /** Signed: positive credits, negative debits. */
  points: number;
  orderId: string | null;
  reason: string;
}

/** Spending more points than the balance holds: the placement is refused and nothing is written. */
export class PointsInsufficientError extends DomainError {
  constructor(balance: number) {
    super('BAD_USER_INPUT', `The points balance (${balance}) does not cover the points asked for.`, { field: 'pointsToUse', rule: 'POINTS_INSUFFICIENT' });
  }
}

/** Raw SQL in the service's own schema (the connection has no search path), inside the caller's transaction. */
const run = (em: EntityManager, sql: string, params: unknown[]) =>
  em.getConnection().execute<Array<Record<string, string>>>(sql.replaceAll('{s}', `"${em.config.get('schema')}"`), params, 'all', em.getTransactionContext());

/**
 * Applies one change to a balance in the caller's transaction, once per key. Concurrency: the customer's balance row
 * is locked first (`for update`), so two placements spending the same points are decided one after the other and
 * the second reads the balance the first left: it finds too little and is refused. The key is checked under that
 * lock, so a retried change (or its concurrent twin) is applied once and answered with the entry it made.
 */
export async function applyPointsChange(em: EntityManager, change: PointsChange, now: Date): Promise<{ balanceAfter: number; applied: boolean }> {
  if (!Number.isSafeInteger(change.points) || change.points === 0) throw new RangeError('a points change is a non-zero whole number');
  await run(em, 'insert into {s}.points_account (customer_ref, balance, updated_at) values (?, 0, ?) on conflict (customer_ref) do nothing', [
    change.customerRef,
    now,
  ]);
  const [account] = await run(em, 'select balance from {s}.points_account where customer_ref = ? for update', [change.customerRef]);
  const [existing] = await run(em, 'select balance_after from {s}.points_ledger_entry where customer_ref = ? and entry_key = ?', [
    change.customerRef,
    change.entryKey,
  ]);
  if (existing) return { balanceAfter: Number(existing.balance_after), applied: false };
  const balance = Number(account!.balance);
  const balanceAfter = balance + change.points;
  if (balanceAfter < 0) throw new PointsInsufficientError(balance);
  await run(em, 'update {s}.points_account set balance = ?, updated_at = ? where customer_ref = ?', [balanceAfter, now, change.customerRef]);
  await run(
    em,
    `insert into {s}.points_ledger_entry (customer_ref, entry_key, kind, points, balance_after, order_id, reason, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)`,
    [change.customerRef, change.entryKey, change.kind, change.points, balanceAfter, change.orderId, change.reason.slice(0, 200), now],
  );
  return { balanceAfter, applied: true };
}

/** The customer's balance now (0 for a customer who never had points). */
export async function balanceOf(em: EntityManager, customerRef: string): Promise<number> {
  const [account] = await run(em, 'select balance from {s}.points_account where customer_ref = ?', [customerRef]);
  return Number(account?.balance ?? 0);
}
