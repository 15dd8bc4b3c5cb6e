import { Migration20261125000200DeOrderContact } from './Migration20261125000200DeOrderContact.js';
import { Migration20261126000100DePrivacy } from './Migration20261126000100DePrivacy.js';
import { Migration20261126000200DeOrderVat } from './Migration20261126000200DeOrderVat.js';
import { Migration20261202000100PersonalDataAccessLog } from './Migration20261202000100PersonalDataAccessLog.js';
import { Migration20261203000100DeProcessingRestriction } from './Migration20261203000100DeProcessingRestriction.js';

/** region-de's own migrations, applied after the shared regional tables; append only. */
export const deMigrations = {
  Migration20261125000200DeOrderContact,
  Migration20261126000100DePrivacy,
  Migration20261126000200DeOrderVat,
  Migration20261202000100PersonalDataAccessLog,
  Migration20261203000100DeProcessingRestriction,
};
