import { CoreCommandRecord } from '../../src/commands/core-command.entity.js';
import { OutboxEvent } from '../../src/messaging/outbox-event.entity.js';
import { openDatabase, type MikroORM } from '../../src/persistence/orm.js';
import { REGION_MIGRATIONS } from '../../src/region/region-app.js';
import { RegionalOrder, RegionalOrderStatusEvent } from '../../src/region/regional-order.entity.js';
import { SummaryPublication } from '../../src/region/summary-publication.entity.js';
import type { TestScope } from '../../src/testing/harness.js';

/** A region's own tables (orders, summaries, outbox, commands for core) in `schema`, migrated as a region migrates them. */
export function openRegionStore(scope: TestScope, schema: string, poolSize = 1): Promise<MikroORM> {
  return openDatabase({
    clientUrl: scope.env.DATABASE_URL,
    schema,
    entities: [RegionalOrder, RegionalOrderStatusEvent, SummaryPublication, CoreCommandRecord, OutboxEvent],
    migrations: REGION_MIGRATIONS,
    poolSize,
  });
}
