import { Migration20261202000000CatalogueSchema } from './Migration20261202000000CatalogueSchema.js';
import { Migration20261205220000OutboxKeyOnce } from './Migration20261205220000OutboxKeyOnce.js';

import { RulesReplicaMigration } from '@hub/shared/rules/replication/rules-replica';
import { SubgraphMessagingMigration } from '@hub/shared/subgraph/subgraph-messaging.migration';

/** In order of application; a new migration is appended, never edited once released. */
export const catalogueMigrations = {
  Migration20261202000000CatalogueSchema,
  // The catalogue's copy of the order rules (quotes apply their promotions) and its consumer's de-duplication table.
  SubgraphMessagingMigration,
  RulesReplicaMigration,
  Migration20261205220000OutboxKeyOnce,
};
