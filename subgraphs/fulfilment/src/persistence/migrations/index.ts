import { Migration20261202000000FulfilmentSchema } from './Migration20261202000000FulfilmentSchema.js';

export const fulfilmentMigrations = { Migration20261202000000FulfilmentSchema };
