import { Migration20261202000000TrackingSchema } from './Migration20261202000000TrackingSchema.js';

/** In order of application; a new migration is appended, never edited once released. */
export const trackingMigrations = { Migration20261202000000TrackingSchema };
