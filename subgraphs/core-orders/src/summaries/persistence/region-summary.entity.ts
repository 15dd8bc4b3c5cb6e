import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** The newest revision a region reported for a period; older or repeated revisions never replace it. */
export const RegionSummaryRecord = defineEntity({
  name: 'RegionSummaryRecord',
  tableName: 'region_summary',
  properties: {
    region: p.string().length(16).primary(),
    periodStart: p.datetime().primary(),
    periodEnd: p.datetime(),
    revision: p.integer(),
    ordersPlaced: p.integer(),
    orderDigest: p.string().length(16),
    unconfirmedOrderIds: p.json<string[]>(),
    gmv: p.json<Record<string, number>>(),
    metrics: p.json<Record<string, number>>(),
    computedAt: p.datetime(),
    receivedAt: p.datetime(),
  },
});
export type RegionSummaryRecord = InferEntity<typeof RegionSummaryRecord>;
