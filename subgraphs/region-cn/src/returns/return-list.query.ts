import type { FilterQuery, MikroORM } from '@mikro-orm/postgresql';
import type { Principal } from '@hub/shared/auth/principal';
import { checkRequestedRange, statesToList, type ReturnListFilter, type ReturnListSort } from '../rules/return-list.rules.js';
import { assertWorksInCn } from './order-access.js';
import { CnReturn } from './persistence/cn-return.entity.js';

export interface ReturnListPage {
  limit: number;
  /** The (requestedAt, id) of the last return of the previous page. */
  after?: { at: Date; id: string };
}

/**
 * CN returns for the staff work list, keyset-paginated on (requestedAt, id) in the sort asked for: the
 * `cn_return_requested_at_id_index` serves the order in both directions and the range, so deep pages stay as fast.
 */
export async function listReturns(
  orm: MikroORM,
  principal: Principal,
  filter: ReturnListFilter,
  sort: ReturnListSort,
  page: ReturnListPage,
): Promise<CnReturn[]> {
  assertWorksInCn(principal);
  checkRequestedRange(filter);
  const states = statesToList(filter);
  if (states.length === 0) return [];
  const past = sort === 'NEWEST_FIRST' ? '$lt' : '$gt';
  const direction = sort === 'NEWEST_FIRST' ? 'desc' : 'asc';
  const requestedAt: Record<string, Date> = {};
  if (filter.requestedFrom) requestedAt.$gte = filter.requestedFrom;
  if (filter.requestedTo) requestedAt.$lt = filter.requestedTo;
  const where: FilterQuery<CnReturn> & Record<string, unknown> = { state: { $in: [...states] } };
  if (filter.requestedFrom || filter.requestedTo) where.$and = [{ requestedAt }];
  if (page.after) where.$or = [{ requestedAt: { [past]: page.after.at } }, { requestedAt: page.after.at, id: { [past]: page.after.id } }];
  return orm.em.fork().find(CnReturn, where, { orderBy: { requestedAt: direction, id: direction }, limit: page.limit });
}
