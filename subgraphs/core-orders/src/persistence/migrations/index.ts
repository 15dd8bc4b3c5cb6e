import { Migration20261125000000InitialSchema } from './Migration20261125000000InitialSchema.js';
import { Migration20261125010000SubgraphRegistry } from './Migration20261125010000SubgraphRegistry.js';
import { Migration20261125020000RegionSummaries } from './Migration20261125020000RegionSummaries.js';
import { Migration20261125030000RefusedDeliveries } from './Migration20261125030000RefusedDeliveries.js';
import { Migration20261202000000EdgeAutonomy } from './Migration20261202000000EdgeAutonomy.js';
import { Migration20261202010000PricedWith } from './Migration20261202010000PricedWith.js';
import { Migration20261203000000LineDiscounts } from './Migration20261203000000LineDiscounts.js';
import { Migration20261203010000HeartbeatReadiness } from './Migration20261203010000HeartbeatReadiness.js';
import { Migration20261203065714RuleFacts } from './Migration20261203065714RuleFacts.js';
import { Migration20261203065800DeliveryOption } from './Migration20261203065800DeliveryOption.js';
import { Migration20261203081500TimelineNotes } from './Migration20261203081500TimelineNotes.js';
import { Migration20261204120000SummaryDigest } from './Migration20261204120000SummaryDigest.js';
import { Migration20261204170000RegionPlacedAtIndex } from './Migration20261204170000RegionPlacedAtIndex.js';

/** In order of application; a new migration is appended, never edited once released. */
export const coreMigrations = {
  Migration20261125000000InitialSchema,
  Migration20261125010000SubgraphRegistry,
  Migration20261125020000RegionSummaries,
  Migration20261125030000RefusedDeliveries,
  Migration20261202000000EdgeAutonomy,
  Migration20261202010000PricedWith,
  Migration20261203000000LineDiscounts,
  Migration20261203010000HeartbeatReadiness,
  Migration20261203065714RuleFacts,
  Migration20261203065800DeliveryOption,
  Migration20261203081500TimelineNotes,
  Migration20261204120000SummaryDigest,
  Migration20261204170000RegionPlacedAtIndex,
};
