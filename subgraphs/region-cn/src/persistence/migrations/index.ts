import { PersonalDataAccessLogMigration } from '@hub/shared/region/personal-data.access-log.migration';
import { Migration20261125000100CnOrderContact } from './Migration20261125000100CnOrderContact.js';
import { Migration20261126000100CnReturns } from './Migration20261126000100CnReturns.js';
import { Migration20261202000100CnCoreCommands } from './Migration20261202000100CnCoreCommands.js';
import { Migration20261203070500CnRefundPaymentSplit } from './Migration20261203070500CnRefundPaymentSplit.js';
import { Migration20261203161500CnReturnWorkList } from './Migration20261203161500CnReturnWorkList.js';

/** region-cn's own migrations, applied after the shared regional tables; append only. */
export const cnMigrations = {
  Migration20261125000100CnOrderContact,
  Migration20261126000100CnReturns,
  Migration20261202000100CnCoreCommands,
  Migration20261202000200PersonalDataAccessLog: PersonalDataAccessLogMigration,
  Migration20261203070500CnRefundPaymentSplit,
  Migration20261203161500CnReturnWorkList,
};
