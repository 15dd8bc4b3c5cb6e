import { Migration20261202000000CatalogueSchema } from './Migration20261202000000CatalogueSchema.js';

/** In order of application; a new migration is appended, never edited once released. */
export const catalogueMigrations = { Migration20261202000000CatalogueSchema };
