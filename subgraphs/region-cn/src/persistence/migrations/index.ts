import { Migration20261125000100CnOrderContact } from './Migration20261125000100CnOrderContact.js';

/** region-cn's own migrations, applied after the shared regional tables; append only. */
export const cnMigrations = { Migration20261125000100CnOrderContact };
