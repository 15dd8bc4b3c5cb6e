import type { NatsConnection } from '@nats-io/transport-node';
import { z } from 'zod';
import type { StreamUse } from '../../messaging/jetstream-use.js';
import { declareStreams } from '../../messaging/streams.js';
import { subjectsFor } from '../../messaging/subjects.js';
import { RULE_MODULES } from '../domain/rule-modules.js';
import type { RuleSetPublication } from '../domain/rule.js';

/**
 * The order rules' replication channel: one subject per rule set, and a stream that keeps only the newest
 * publication of each, so the stream is the current rule book: a new region reads it from the start and holds
 * every rule set in force or scheduled.
 */
export function rulesSubjectsFor(namespace: string) {
  const declared = subjectsFor(namespace);
  return {
    stream: declared.orderRulesStream,
    all: declared.orderRulesAll,
    ruleSet: (key: string) => `${namespace}.order-rules.v1.rule-set.${key}`,
    replicaConsumer: (service: string) => `${namespace}-${service}-order-rules`,
    /** order-rules' own consumer of placed orders, the sample a dry-run replays. */
    samplesConsumer: `${namespace}-order-rules-samples`,
  };
}
export type RulesSubjects = ReturnType<typeof rulesSubjectsFor>;

/** Declares the rules stream: newest publication per rule set, kept until superseded; a `user` only creates it when missing. */
export async function ensureRulesStream(nc: NatsConnection, subjects: RulesSubjects, role: StreamUse['role'] = 'owner'): Promise<void> {
  await declareStreams(nc, [{ name: subjects.stream, subjects: [subjects.all], newestPerSubject: true, role }]);
}

const ruleSchema = z.object({
  id: z.string().min(1).max(64),
  description: z.string().max(500),
  condition: z.string().min(1).max(1_000),
  value: z.string().max(1_000).nullable().optional(),
  code: z.string().max(64).nullable().optional(),
  target: z.string().max(64).nullable().optional(),
  message: z.string().min(1).max(300),
  priority: z.number().int(),
});

export const RULE_SET_KEY = /^[a-z0-9][a-z0-9-]{1,62}$/;

export const ruleSetPublicationSchema = z.object({
  ruleSet: z.string().regex(RULE_SET_KEY),
  module: z.enum(RULE_MODULES),
  scope: z.object({ region: z.string().nullable(), channel: z.string().nullable(), customerSegment: z.string().nullable() }),
  publication: z.number().int().min(1),
  publishedAt: z.iso.datetime({ offset: true }),
  versions: z.array(
    z.object({
      version: z.number().int().min(1),
      effectiveFrom: z.iso.datetime({ offset: true }),
      effectiveTo: z.iso.datetime({ offset: true }).nullable(),
      rules: z.array(ruleSchema).max(100),
    }),
  ),
}) satisfies z.ZodType<RuleSetPublication>;

/** Derived from the publication, so a republished one is dropped by the stream and skipped by replicas. */
export const rulePublicationMessageId = (publication: Pick<RuleSetPublication, 'ruleSet' | 'publication'>) =>
  `order-rules:${publication.ruleSet}:${publication.publication}`;
