import { DurableConsumer, type DurableConsumerOptions } from '@hub/shared/messaging/durable-consumer';
import { regionSummarySchema, type RegionSummary } from '@hub/shared/messaging/summary-contracts';
import type { Infrastructure } from '@hub/shared/server/infrastructure';
import { applyRegionSummary } from './summary-aggregation.service.js';

/** Core's durable consumer of every region's summaries. */
export function createSummaryConsumer(infra: Infrastructure, onSettled?: DurableConsumerOptions<RegionSummary>['onSettled']) {
  return new DurableConsumer<RegionSummary>({
    nc: infra.nc,
    em: infra.orm.em,
    logger: infra.logger,
    stream: infra.subjects.summariesStream,
    durableName: infra.subjects.summaryConsumer,
    filterSubject: infra.subjects.summaries,
    schema: regionSummarySchema,
    ...(onSettled ? { onSettled } : {}),
    handle: async (summary, em) => {
      await applyRegionSummary(em, summary);
    },
  });
}
