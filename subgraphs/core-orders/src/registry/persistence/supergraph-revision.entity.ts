import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** Each supergraph the registry composed; gateways serve the newest, so the last good one is always there. */
export const SupergraphRevision = defineEntity({
  name: 'SupergraphRevision',
  tableName: 'supergraph_revision',
  properties: {
    version: p.integer().primary().autoincrement(),
    sdl: p.text(),
    composedAt: p.datetime(),
    /** Which submission produced it, e.g. "region-cn@0.1.0+3f2a". */
    cause: p.string().length(200),
  },
});
export type SupergraphRevision = InferEntity<typeof SupergraphRevision>;
