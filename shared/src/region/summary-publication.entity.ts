import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** The last summary a region published for a period, so an unchanged period is not sent again. */
export const SummaryPublication = defineEntity({
  name: 'SummaryPublication',
  tableName: 'summary_publication',
  properties: {
    periodStart: p.datetime().primary(),
    revision: p.integer(),
    fingerprint: p.string().length(64),
    publishedAt: p.datetime(),
  },
});
export type SummaryPublication = InferEntity<typeof SummaryPublication>;
