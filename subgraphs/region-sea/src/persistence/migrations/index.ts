import { Migration20261125000300SeaOrderContact } from './Migration20261125000300SeaOrderContact.js';

/** region-sea's own migrations, applied after the shared regional tables; append only. */
export const seaMigrations = { Migration20261125000300SeaOrderContact };
