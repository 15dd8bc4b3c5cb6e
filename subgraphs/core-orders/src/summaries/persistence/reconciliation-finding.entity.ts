import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A difference between a region's summary and core's master data, for auditors to follow up. */
export const ReconciliationFinding = defineEntity({
  name: 'ReconciliationFinding',
  tableName: 'reconciliation_finding',
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    region: p.string().length(16),
    periodStart: p.datetime(),
    kind: p.string().length(40),
    orderId: p.uuid().nullable(),
    currency: p.string().length(3).nullable(),
    regionValue: p.bigint('number').nullable(),
    coreValue: p.bigint('number').nullable(),
    summaryRevision: p.integer(),
    detectedAt: p.datetime(),
  },
  indexes: [{ properties: ['region', 'periodStart'] }],
});
export type ReconciliationFinding = InferEntity<typeof ReconciliationFinding>;
