import { Args, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { MikroORM } from '@mikro-orm/postgresql';
import { isRegionScoped } from '@hub/shared/auth/access';
import type { Principal } from '@hub/shared/auth/principal';
import { ForbiddenError, InputValidationError } from '@hub/shared/errors';
import { decodeCursor, pageSize, toConnection, type Connection } from '@hub/shared/graphql/connection';
import { loadBatched, type RequestContext } from '@hub/shared/graphql/context';
import {
  consignmentStateOf,
  consignmentStatusOf,
  mayListConsignmentMembers,
  WITHDRAWN_SHIPMENT_STATES,
  type ConsignmentState,
  type ConsignmentStatusName,
} from '../consolidation/domain/consignment-disclosure.rules.js';
import { loadNodeRows } from '../nodes/node.repository.js';
import { asJson, query, uuidList } from '../persistence/sql.js';
import { Consignment, ConsignmentConnection, ConsignmentsArgs } from './consignment.types.js';
import { Shipment } from './fulfilment.types.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface ConsignmentRow {
  id: string;
  state: ConsignmentState;
  node_id: string;
  region: string;
  dispatch_by: Date | string;
  released_at: Date | string | null;
  members: string[];
}

/** Consignments with their node's region and current members (shipments still travelling), filtered by `where`. */
async function loadConsignments(orm: MikroORM, where: string, params: unknown[], limit?: number): Promise<ConsignmentRow[]> {
  return query<ConsignmentRow>(
    orm.em.fork(),
    `
    select c.id, c.state, c.node_id, n.region, c.dispatch_by, c.released_at,
           coalesce(array_agg(distinct s.order_id) filter (where s.id is not null), '{}') as members
      from consignment c join node n on n.id = c.node_id
      left join shipment s on s.consignment_id = c.id and not (s.state = any(?::text[]))
     where ${where}
     group by c.id, n.region order by c.dispatch_by, c.id${limit ? ` limit ${limit}` : ''}`,
    [`{${WITHDRAWN_SHIPMENT_STATES.join(',')}}`, ...params],
  );
}

/** What the caller may see of one consignment: the member count always, the member ids per the disclosure rule. */
function consignmentView(row: ConsignmentRow, principal: Principal): Consignment {
  const members = (row.members ?? []).map(String).sort();
  return {
    id: row.id,
    status: consignmentStatusOf(row.state),
    nodeId: row.node_id,
    departsBy: new Date(row.dispatch_by),
    releasedAt: row.released_at ? new Date(row.released_at) : null,
    memberOrderCount: members.length,
    memberOrderIds: mayListConsignmentMembers(principal, row.region) ? members : null,
  };
}

export function createConsignmentResolvers(orm: MikroORM) {
  @Resolver()
  class ConsignmentQueryResolver {
    @Authorized('operator', 'warehouse', 'admin', 'auditor')
    @Query(() => ConsignmentConnection, {
      description: "Low-carbon consignments at the nodes of the caller's regions (or one node or region), the soonest to leave first.",
    })
    async consignments(@Args(() => ConsignmentsArgs) args: ConsignmentsArgs, @Ctx() { principal }: RequestContext): Promise<Connection<Consignment>> {
      const scoped = isRegionScoped(principal) ? principal.regions : undefined;
      if (args.region && scoped && !scoped.includes(args.region)) throw new ForbiddenError("This region is outside the caller's regions");
      if (args.nodeId) {
        const [node] = await loadNodeRows(orm.em.fork(), { ids: [args.nodeId] });
        if (node && scoped && !scoped.includes(node.region)) throw new ForbiddenError("This node is outside the caller's regions");
      }
      const regions = args.region ? [args.region] : scoped;
      const conditions: string[] = ['true'];
      const params: unknown[] = [];
      const where = (condition: string, ...values: unknown[]) => {
        conditions.push(condition);
        params.push(...values);
      };
      if (regions) where('n.region in (select jsonb_array_elements_text(?::jsonb))', asJson(regions));
      if (args.nodeId) where('c.node_id = ?', args.nodeId);
      if (args.status) where('c.state = ?', consignmentStateOf(args.status as ConsignmentStatusName));
      if (args.after) {
        const [departsBy, id] = decodeCursor(args.after, 2);
        // A cursor of another list must come back as BAD_USER_INPUT on `after`, not as a failed cast in PostgreSQL.
        if (typeof departsBy !== 'string' || Number.isNaN(Date.parse(departsBy)) || !UUID.test(String(id)))
          throw new InputValidationError('after', 'Not a cursor of this list: pass the endCursor of the previous page');
        where('(c.dispatch_by, c.id) > (?::timestamptz, ?::uuid)', departsBy, id);
      }
      const rows = await loadConsignments(orm, conditions.join(' and '), params, pageSize(args) + 1);
      return toConnection(
        rows,
        args,
        (row) => [new Date(row.dispatch_by).toISOString(), row.id],
        (row) => consignmentView(row, principal),
      );
    }
  }

  @Resolver(() => Shipment)
  class ShipmentConsignmentResolver {
    @FieldResolver(() => Consignment, {
      nullable: true,
      description: "The low-carbon consignment it waits in or left with; null when it travels alone. Member order ids only for the node's staff.",
    })
    async consignment(@Root() shipment: Shipment, @Ctx() context: RequestContext): Promise<Consignment | null> {
      if (!shipment.consignmentId) return null;
      const row = await loadBatched<string, ConsignmentRow | null>(
        context,
        'fulfilment-consignments',
        async (ids) => {
          const rows = await loadConsignments(orm, 'c.id = any(?::uuid[])', [uuidList(ids)]);
          const byId = new Map(rows.map((found) => [found.id, found]));
          return ids.map((id) => byId.get(id) ?? null);
        },
        shipment.consignmentId,
      );
      return row ? consignmentView(row, context.principal) : null;
    }
  }

  return [ConsignmentQueryResolver, ShipmentConsignmentResolver] as const;
}
