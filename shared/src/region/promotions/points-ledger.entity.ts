import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * A customer's points balance in the region that holds the customer. The ledger lives in the region's own schema,
 * not in the centre: points are spent at placement, and a region takes orders while the centre is down (edge
 * autonomy), so the balance it checks must be its own. The customer is the pseudonymous `customerRef`, so the ledger
 * holds no personal data. The CHECK keeps the balance from going negative whatever the code above it does.
 */
export const PointsAccount = defineEntity({
  name: 'PointsAccount',
  tableName: 'points_account',
  properties: {
    customerRef: p.string().length(200).primary(),
    balance: p.bigint('number'),
    updatedAt: p.datetime(),
  },
  checks: [{ name: 'points_account_balance_check', expression: 'balance >= 0' }],
});
export type PointsAccount = InferEntity<typeof PointsAccount>;

export const POINTS_ENTRY_KINDS = ['EARNED', 'SPENT', 'REFUNDED', 'EARNED_REVERSED', 'ADJUSTED'] as const;
export type PointsEntryKind = (typeof POINTS_ENTRY_KINDS)[number];

/**
 * One change of a balance, never updated or deleted (append-only: corrections are entries of their own). The key
 * is derived from the change (`earn:<order>`, `spend:<order>`, `refund:<return>`), so a retried change is one entry.
 */
export const PointsLedgerEntry = defineEntity({
  name: 'PointsLedgerEntry',
  tableName: 'points_ledger_entry',
  triggers: [
    {
      name: 'points_ledger_entry_append_only',
      timing: 'before',
      events: ['update', 'delete'],
      forEach: 'statement',
      body: `raise exception 'points_ledger_entry is append-only';`,
    },
  ],
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    customerRef: p.string().length(200),
    entryKey: p.string().length(200),
    kind: p.string().length(16).$type<PointsEntryKind>(),
    /** Signed: positive credits, negative debits. */
    points: p.bigint('number'),
    balanceAfter: p.bigint('number'),
    orderId: p.uuid().nullable(),
    /** The rule set and version that decided the points, or the return that gave them back. */
    reason: p.string().length(200),
    createdAt: p.datetime(),
  },
  uniques: [{ name: 'points_ledger_entry_key_unique', properties: ['customerRef', 'entryKey'] }],
  indexes: [{ name: 'points_ledger_entry_customer_index', properties: ['customerRef', 'id'] }],
});
export type PointsLedgerEntry = InferEntity<typeof PointsLedgerEntry>;
