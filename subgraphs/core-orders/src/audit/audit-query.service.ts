import type { FilterQuery, MikroORM } from '@mikro-orm/postgresql';
import { AuditEntry } from './persistence/audit-entry.entity.js';

export interface AuditFilter {
  entityId?: string;
  actorId?: string;
  action?: string;
  region?: string;
  from?: Date;
  to?: Date;
  first: number;
  /** Id of the last entry of the previous page. */
  after?: number;
}

/** Reads the audit trail newest first, keyset-paginated on its id. */
export class AuditQueryService {
  constructor(private readonly orm: MikroORM) {}

  /** One page and, when another follows, one entry more. */
  async list(filter: AuditFilter): Promise<AuditEntry[]> {
    const where: FilterQuery<AuditEntry> & Record<string, unknown> = {};
    for (const key of ['entityId', 'actorId', 'action', 'region'] as const) {
      if (filter[key]) where[key] = filter[key];
    }
    if (filter.from || filter.to) where.at = { ...(filter.from ? { $gte: filter.from } : {}), ...(filter.to ? { $lt: filter.to } : {}) };
    if (filter.after) where.id = { $lt: filter.after };
    return this.orm.em.fork().find(AuditEntry, where, { orderBy: { id: 'desc' }, limit: filter.first + 1 });
  }
}
