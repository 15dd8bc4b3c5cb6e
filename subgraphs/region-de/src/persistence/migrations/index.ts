import { Migration20261125000200DeOrderContact } from './Migration20261125000200DeOrderContact.js';

/** region-de's own migrations, applied after the shared regional tables; append only. */
export const deMigrations = { Migration20261125000200DeOrderContact };
