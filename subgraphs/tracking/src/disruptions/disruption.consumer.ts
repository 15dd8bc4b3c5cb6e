import type pg from 'pg';
import { DurableConsumer } from '@hub/shared/messaging/durable-consumer';
import type { Infrastructure } from '@hub/shared/server/infrastructure';
import type { TrackingSubjects } from '@hub/shared/notices/tracking-subjects';
import { disruptionSchema, recordDisruption, type DisruptionInput } from './disruption.service.js';

/**
 * Disruptions from weather, traffic and operations feeds. Recording one is an upsert by its id, so the
 * effect is idempotent by itself; the shared consumer still de-duplicates by message id and terms invalid ones.
 */
export function createDisruptionConsumer(infra: Infrastructure, subjects: TrackingSubjects, pool: pg.Pool, onRecorded: () => void) {
  return new DurableConsumer<DisruptionInput>({
    nc: infra.nc,
    em: infra.orm.em,
    logger: infra.logger,
    stream: subjects.trackingStream,
    durableName: subjects.disruptionsConsumer,
    filterSubject: subjects.disruptions,
    schema: disruptionSchema as never,
    async handle(disruption) {
      await recordDisruption(pool, disruption, new Date());
      onRecorded();
    },
  });
}
