import { CommandOutboxMigration } from '@hub/shared/commands/command-outbox.migration';
import { Migration20261202000000FulfilmentSchema } from './Migration20261202000000FulfilmentSchema.js';
import { Migration20261202180000GreenOrders } from './Migration20261202180000GreenOrders.js';
import { Migration20261203000000TransferReceipts } from './Migration20261203000000TransferReceipts.js';
import { Migration20261203065800OrderRules } from './Migration20261203065800OrderRules.js';
import { Migration20261203070000Consolidation } from './Migration20261203070000Consolidation.js';
import { Migration20261203100000EmptiedConsignments } from './Migration20261203100000EmptiedConsignments.js';
import { RulesReplicaMigration } from '@hub/shared/rules/replication/rules-replica';

export const fulfilmentMigrations = {
  Migration20261202000000FulfilmentSchema,
  CommandOutboxMigration,
  Migration20261202180000GreenOrders,
  Migration20261203000000TransferReceipts,
  RulesReplicaMigration,
  Migration20261203065800OrderRules,
  Migration20261203070000Consolidation,
  Migration20261203100000EmptiedConsignments,
};
