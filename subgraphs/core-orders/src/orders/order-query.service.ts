import type { FilterQuery, MikroORM } from '@mikro-orm/postgresql';
import { canReadOrder, readableRegions } from '@hub/shared/auth/access';
import type { Principal } from '@hub/shared/auth/principal';
import { ForbiddenError, NotFoundError } from '@hub/shared/errors';
import type { OrderStatus } from '@hub/shared/messaging/contracts';
import { decodeTimeIdCursor, pageSize, toConnection, type Connection, type ConnectionArgs } from '@hub/shared/graphql/connection';
import { checkPlacedRange } from './domain/placed-range.rules.js';
import { OrderLine } from './persistence/order-line.entity.js';
import { Order } from './persistence/order.entity.js';
import { OrderStatusChange } from './persistence/order-status-change.entity.js';

export interface OrderListFilter {
  region?: string;
  status?: OrderStatus;
  customerRef?: string;
  placedFrom?: Date;
  placedTo?: Date;
}

/** Reads master orders, always within what the caller may see. */
export class OrderQueryService {
  constructor(private readonly orm: MikroORM) {}

  async getById(principal: Principal, id: string): Promise<Order> {
    const order = await this.orm.em.fork().findOne(Order, { id });
    return this.visible(principal, order, id);
  }

  async getByNumber(principal: Principal, number: string): Promise<Order> {
    const order = await this.orm.em.fork().findOne(Order, { number });
    return this.visible(principal, order, number);
  }

  /** Batch load for federation references: one query for all the ids a gateway plan needs. */
  async getManyById(principal: Principal, ids: readonly string[]): Promise<Array<Order | Error>> {
    const orders = await this.orm.em.fork().find(Order, { id: { $in: [...ids] } });
    const byId = new Map(orders.map((order) => [order.id, order]));
    return ids.map((id) => {
      try {
        return this.visible(principal, byId.get(id) ?? null, id);
      } catch (error) {
        return error as Error;
      }
    });
  }

  /** Newest first, keyset-paginated on (placedAt, id) so deep pages stay as fast as the first. */
  async list(principal: Principal, filter: OrderListFilter, page: ConnectionArgs): Promise<Connection<Order>> {
    const where: FilterQuery<Order> & Record<string, unknown> = {};
    const regions = readableRegions(principal);
    if (filter.region) {
      if (regions && !regions.includes(filter.region)) throw new ForbiddenError("This region is outside the caller's scope");
      where.region = filter.region;
    } else if (regions) {
      where.region = { $in: regions };
    }
    if (principal.role === 'customer') where.customerRef = principal.subject;
    else if (filter.customerRef) where.customerRef = filter.customerRef;
    if (filter.status) where.status = filter.status;
    // The window and the cursor both bound placed_at: the (placed_at) index serves the range and the order.
    const range = checkPlacedRange({ from: filter.placedFrom, to: filter.placedTo });
    const placedAt: Record<string, Date> = {};
    if (range.from) placedAt.$gte = range.from;
    if (range.to) placedAt.$lt = range.to;
    if (page.after) {
      const cursor = decodeTimeIdCursor(page.after);
      where.$or = [{ placedAt: { $lt: cursor.at } }, { placedAt: cursor.at, id: { $lt: cursor.id } }];
    }
    if (range.from || range.to) where.$and = [{ placedAt }];
    const rows = await this.orm.em.fork().find(Order, where, {
      orderBy: { placedAt: 'desc', id: 'desc' },
      limit: pageSize(page) + 1,
    });
    return toConnection(
      rows,
      page,
      (order) => [order.placedAt.toISOString(), order.id],
      (order) => order,
    );
  }

  /**
   * The approver's inbox: orders an order rule holds that wait for an approval this caller may still give (in their
   * regions, not cancelled, not already approved by them: each level needs a different approver), oldest first.
   * Bounded, and read through the partial index of unreleased holds.
   */
  async heldAwaitingApprovalBy(principal: Principal, actor: { type: string; id: string }, first: number): Promise<Order[]> {
    const regions = readableRegions(principal);
    const rows = await this.orm.em
      .fork()
      .getConnection()
      .execute<Array<{ id: string }>>(
        `select id from core_orders."order"
          where hold is not null and hold->>'releasedAt' is null and status <> 'CANCELLED'
            and (?::text[] is null or region = any(?::text[]))
            and not exists (select 1 from jsonb_array_elements(hold->'approvals') a where a->'actor'->>'type' = ? and a->'actor'->>'id' = ?)
          order by placed_at, id limit ?`,
        [regions ? `{${regions.join(',')}}` : null, regions ? `{${regions.join(',')}}` : null, actor.type, actor.id, Math.min(Math.max(first, 1), 100)],
      );
    if (rows.length === 0) return [];
    const orders = await this.orm.em.fork().find(Order, { id: { $in: rows.map((row) => row.id) } }, { orderBy: { placedAt: 'asc', id: 'asc' } });
    return orders.filter((order) => canReadOrder(principal, order));
  }

  /**
   * The lines of each order, in line order: one query for all the orders a request resolves them for (a page, a
   * gateway's batch), and none when no one asked for lines. Visibility was checked on the orders themselves.
   */
  async linesOf(orderIds: readonly string[]): Promise<OrderLine[][]> {
    const lines = await this.orm.em.fork().find(OrderLine, { order: { $in: [...orderIds] } }, { orderBy: { lineNo: 'asc' } });
    return groupedByOrder(orderIds, lines);
  }

  /** Each order's timeline, oldest step first; as `linesOf`. */
  async timelinesOf(orderIds: readonly string[]): Promise<OrderStatusChange[][]> {
    const steps = await this.orm.em.fork().find(OrderStatusChange, { order: { $in: [...orderIds] } }, { orderBy: { sequence: 'asc' } });
    return groupedByOrder(orderIds, steps);
  }

  private visible(principal: Principal, order: Order | null, key: string): Order {
    if (!order) throw new NotFoundError('Order', key);
    if (!canReadOrder(principal, order)) throw new ForbiddenError("This order is outside the caller's scope");
    return order;
  }
}

/** The rows of each order, in the order of `orderIds`, each list in the order the rows came. */
function groupedByOrder<T extends { order: { id: string } }>(orderIds: readonly string[], rows: readonly T[]): T[][] {
  const byOrder = new Map(orderIds.map((id) => [id, [] as T[]]));
  for (const row of rows) byOrder.get(row.order.id)?.push(row);
  return orderIds.map((id) => byOrder.get(id)!);
}
