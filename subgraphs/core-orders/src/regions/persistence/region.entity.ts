import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A region known to the hub. Orders may only be registered for a region in this registry. */
export const Region = defineEntity({
  name: 'Region',
  tableName: 'region',
  properties: {
    code: p.string().length(16).primary(),
    name: p.string().length(100),
    defaultCurrency: p.string().length(3),
    timeZone: p.string().length(64),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type Region = InferEntity<typeof Region>;
