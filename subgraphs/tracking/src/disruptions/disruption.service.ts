import { z } from 'zod';
import type pg from 'pg';
import { DISRUPTION_KINDS } from '../eta/domain/eta.model.js';

const ID = /^[A-Za-z0-9._:>-]{1,210}$/;

/** A disruption as feeds send it over NATS (and operators through GraphQL). */
export const disruptionSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/),
    kind: z.enum(DISRUPTION_KINDS),
    lane: z.string().regex(ID).optional(),
    node: z
      .string()
      .regex(/^[A-Za-z0-9._:-]{1,100}$/)
      .optional(),
    factor: z.number().min(1).max(10),
    startsAt: z.coerce.date(),
    endsAt: z.coerce.date(),
  })
  .refine((value) => value.lane || value.node, { message: 'name a lane or a node', path: ['lane'] })
  .refine((value) => value.endsAt.getTime() > value.startsAt.getTime(), { message: 'endsAt must be after startsAt', path: ['endsAt'] })
  .refine((value) => value.kind !== 'HUB_CLOSURE' || value.node, { message: 'a hub closure names its node', path: ['node'] });
export type DisruptionInput = z.infer<typeof disruptionSchema>;

/**
 * Records a disruption (a repeat with the same id updates it) and asks for an ETA re-check of the parcels
 * still travelling over that lane or node, so warnings reflect it on the next sweep.
 */
export async function recordDisruption(db: pg.Pool | pg.PoolClient, disruption: DisruptionInput, now: Date): Promise<number> {
  await db.query(
    `insert into "tracking".disruption (id, kind, lane, node, factor, starts_at, ends_at, received_at) values ($1, $2, $3, $4, $5, $6, $7, $8)
    on conflict (id) do update set kind = excluded.kind, lane = excluded.lane, node = excluded.node, factor = excluded.factor,
      starts_at = excluded.starts_at, ends_at = excluded.ends_at, received_at = excluded.received_at`,
    [disruption.id, disruption.kind, disruption.lane ?? null, disruption.node ?? null, disruption.factor, disruption.startsAt, disruption.endsAt, now],
  );
  const nodes = [disruption.node, ...(disruption.lane?.split('>') ?? []).slice(0, 1)].filter((node): node is string => !!node);
  const { rowCount } = await db.query(
    `update "tracking".shipment set check_due_at = $2
    where not delivered and promised_by is not null and route ?| $1::text[]`,
    [nodes, now],
  );
  return rowCount ?? 0;
}
