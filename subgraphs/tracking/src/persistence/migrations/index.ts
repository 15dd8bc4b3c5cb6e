import { CommandOutboxMigration } from '@hub/shared/commands/command-outbox.migration';
import { Migration20261202000000TrackingSchema } from './Migration20261202000000TrackingSchema.js';
import { Migration20261202160000MilestonesThroughCommandOutbox } from './Migration20261202160000MilestonesThroughCommandOutbox.js';
import { Migration20261203000000EventDedupKey } from './Migration20261203000000EventDedupKey.js';
import { Migration20261203065600LeanEventIndexes } from './Migration20261203065600LeanEventIndexes.js';
import { Migration20261203103000ParkedBacklog } from './Migration20261203103000ParkedBacklog.js';
import { Migration20261204190000HotShipmentFold } from './Migration20261204190000HotShipmentFold.js';

/** In order of application; a new migration is appended, never edited once released. */
export const trackingMigrations = {
  Migration20261202000000TrackingSchema,
  CommandOutboxMigration,
  Migration20261202160000MilestonesThroughCommandOutbox,
  Migration20261203000000EventDedupKey,
  Migration20261203065600LeanEventIndexes,
  Migration20261203103000ParkedBacklog,
  Migration20261204190000HotShipmentFold,
};
