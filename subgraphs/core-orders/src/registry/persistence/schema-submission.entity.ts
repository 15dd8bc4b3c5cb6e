import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** Every schema a subgraph submitted, accepted or not, with the reasons a rejected one was refused. */
export const SchemaSubmission = defineEntity({
  name: 'SchemaSubmission',
  tableName: 'schema_submission',
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    name: p.string().length(32).index(),
    version: p.string().length(100),
    url: p.string().length(500),
    accepted: p.boolean(),
    problems: p.json<string[]>(),
    submittedAt: p.datetime(),
  },
});
export type SchemaSubmission = InferEntity<typeof SchemaSubmission>;
