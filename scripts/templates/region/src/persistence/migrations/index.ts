import type { MigrationClass } from '@hub/shared/persistence/orm';

/** region-__code__'s own migrations, applied after the shared regional tables; append only. */
export const __code__Migrations: Record<string, MigrationClass> = {};
