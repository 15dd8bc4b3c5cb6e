import { PersonalDataAccessLogMigration } from '@hub/shared/region/personal-data.access-log.migration';
import { Migration20261125000300SeaOrderContact } from './Migration20261125000300SeaOrderContact.js';
import { Migration20261126000400SeaPaymentsAndDelivery } from './Migration20261126000400SeaPaymentsAndDelivery.js';
import { Migration20261202000300SeaCoreCommands } from './Migration20261202000300SeaCoreCommands.js';
import { Migration20261204150000SeaSavedAddresses } from './Migration20261204150000SeaSavedAddresses.js';

/** region-sea's own migrations, applied after the shared regional tables; append only. */
export const seaMigrations = {
  Migration20261125000300SeaOrderContact,
  Migration20261126000400SeaPaymentsAndDelivery,
  Migration20261202000300SeaCoreCommands,
  Migration20261202000400PersonalDataAccessLog: PersonalDataAccessLogMigration,
  Migration20261204150000SeaSavedAddresses,
};
