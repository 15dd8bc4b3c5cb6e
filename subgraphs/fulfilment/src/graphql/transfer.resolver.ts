import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { MikroORM } from '@mikro-orm/postgresql';
import { actorOf, type Principal } from '@hub/shared/auth/principal';
import { assertMayWrite, isRegionScoped } from '@hub/shared/auth/access';
import { InputValidationError } from '@hub/shared/errors';
import { decodeCursor, pageSize, toConnection, type Connection } from '@hub/shared/graphql/connection';
import { loadBatched, type RequestContext } from '@hub/shared/graphql/context';
import { assertNodeAction } from '../access/node-access.js';
import { PARTNER_SCOPES } from '../access/node-access.rules.js';
import { asJson, query } from '../persistence/sql.js';
import { loadTransferEvents, type TransferEventRow, type TransferRow } from '../transfers/transfer.repository.js';
import type { TransferReceiptService } from '../transfers/transfer-receipt.service.js';
import { RefusedError } from '../user-error.js';
import { Transfer, TransferConnection, TransferEvent, TransferReceiveInput, TransferReceivePayload, TransfersArgs } from './transfer.types.js';

export interface TransferResolverDependencies {
  orm: MikroORM;
  receipts: TransferReceiptService;
}

const READERS = ['operator', 'warehouse', 'admin', 'auditor', 'service'] as const;
const STATES = ['IN_TRANSIT', 'RECEIVED'];

export const transferView = (row: TransferRow): Transfer => ({
  id: row.id,
  sku: row.sku,
  fromNodeId: row.from_node_id,
  toNodeId: row.to_node_id,
  quantity: row.quantity,
  state: row.state,
  version: row.version,
  receivedQuantity: row.received_quantity,
  receiptReference: row.receipt_reference,
  // Raw SQL answers timestamps as text; the DateTime scalar serialises only a Date.
  createdAt: new Date(row.created_at),
  receivedAt: row.received_at === null ? null : new Date(row.received_at),
});

const eventView = (row: TransferEventRow): TransferEvent => ({
  id: String(row.id),
  at: new Date(row.at),
  kind: row.kind,
  actor: `${row.actor_type}:${row.actor_id}`,
  note: row.note,
  received: typeof row.details.received === 'number' ? row.details.received : null,
  shortfall: typeof row.details.shortfall === 'number' ? row.details.shortfall : null,
  reference: typeof row.details.reference === 'string' ? row.details.reference : null,
});

/** Regions whose transfers (from or to) the caller sees; undefined: all. A partner's service token sees its regions. */
function visibleRegions(principal: Principal): string[] | undefined {
  return isRegionScoped(principal) || (principal.role === 'service' && principal.regions.length > 0) ? principal.regions : undefined;
}

/** Transfers between nodes and their receipt at the destination (goods in at a forward warehouse). */
export function createTransferResolvers({ orm, receipts }: TransferResolverDependencies) {
  const readTransfers = async (
    principal: Principal,
    filter: { id?: string; toNodeId?: string | null; state?: string | null; after?: readonly [string, string]; limit: number },
  ) => {
    const regions = visibleRegions(principal);
    return query<TransferRow & { created_key: string }>(
      orm.em.fork(),
      `
      select t.*, t.created_at::text as created_key from transfer t join node s on s.id = t.from_node_id join node d on d.id = t.to_node_id
       where (?::uuid is null or t.id = ?::uuid) and (?::text is null or t.to_node_id = ?) and (?::text is null or t.state = ?)
         and (?::jsonb is null or s.region in (select jsonb_array_elements_text(?::jsonb)) or d.region in (select jsonb_array_elements_text(?::jsonb)))
         and (?::timestamptz is null or (t.created_at, t.id) < (?::timestamptz, ?::uuid))
       order by t.created_at desc, t.id desc limit ?`,
      [
        filter.id ?? null,
        filter.id ?? null,
        filter.toNodeId ?? null,
        filter.toNodeId ?? null,
        filter.state ?? null,
        filter.state ?? null,
        regions ? asJson(regions) : null,
        regions ? asJson(regions) : null,
        regions ? asJson(regions) : null,
        filter.after?.[0] ?? null,
        filter.after?.[0] ?? null,
        filter.after?.[1] ?? null,
        filter.limit,
      ],
    );
  };

  @Resolver(() => Transfer)
  class TransferResolver {
    @Authorized(...READERS)
    @Query(() => Transfer, { nullable: true, description: "One transfer, if it touches a node in the caller's regions." })
    async transfer(@Arg('id', () => ID, { description: 'Transfer id.' }) id: string, @Ctx() { principal }: RequestContext): Promise<Transfer | null> {
      if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
      const [row] = await readTransfers(principal, { id, limit: 1 });
      return row ? transferView(row) : null;
    }

    @Authorized(...READERS)
    @Query(() => TransferConnection, { description: "Transfers from or to nodes in the caller's regions, newest first." })
    async transfers(@Args(() => TransfersArgs) args: TransfersArgs, @Ctx() { principal }: RequestContext): Promise<Connection<Transfer>> {
      if (args.state && !STATES.includes(args.state)) throw new InputValidationError('state', `state must be one of ${STATES.join(', ')}`);
      let after: [string, string] | undefined;
      if (args.after) {
        const [at, id] = decodeCursor(args.after, 2);
        if (typeof at !== 'string' || typeof id !== 'string' || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/i.test(id))
          throw new InputValidationError('after', 'Not a cursor of this list: pass the endCursor of the previous page');
        after = [at, id];
      }
      const rows = await readTransfers(principal, {
        toNodeId: args.toNodeId ?? null,
        state: args.state ?? null,
        ...(after ? { after } : {}),
        limit: pageSize(args) + 1,
      });
      return toConnection(rows, args, (row) => [row.created_key, row.id], transferView);
    }

    @FieldResolver(() => [TransferEvent], { description: "The transfer's append-only timeline, oldest first: who did what, when." })
    async events(@Root() transfer: Transfer, @Ctx() context: RequestContext): Promise<TransferEvent[]> {
      return loadBatched<string, TransferEvent[]>(
        context,
        'fulfilment-transfer-events',
        async (ids) => {
          const byTransfer = await loadTransferEvents(orm.em.fork(), ids);
          return ids.map((id) => (byTransfer.get(id) ?? []).map(eventView));
        },
        transfer.id,
      );
    }

    @Authorized('warehouse', 'operator', 'admin', 'service')
    @Mutation(() => TransferReceivePayload, {
      description:
        "Books a transfer's goods in at its destination, once: a retry with the same reference changes nothing; fewer units than sent are recorded as a shortfall. " +
        "Warehouse staff and operators of the destination's region; a partner WMS with a service token whose purpose is fulfilment.stock and whose regions include the destination.",
    })
    async transferReceive(
      @Arg('input', () => TransferReceiveInput, { description: 'The transfer, the units counted in, the receipt reference and the version read.' })
      input: TransferReceiveInput,
      @Ctx() { principal }: RequestContext,
    ): Promise<TransferReceivePayload> {
      assertMayWrite(principal);
      assertNodeAction(principal, await receipts.destinationRegion(input.transferId), PARTNER_SCOPES.stock);
      try {
        const result = await receipts.receive(
          {
            transferId: input.transferId,
            receivedQuantity: input.receivedQuantity ?? null,
            reference: input.reference,
            expectedVersion: input.expectedVersion ?? null,
            note: input.note ?? null,
          },
          actorOf(principal),
        );
        return { transfer: transferView(result.transfer), changed: result.changed, userErrors: [] };
      } catch (error) {
        if (error instanceof RefusedError) return { transfer: null, changed: false, userErrors: error.refusals };
        throw error;
      }
    }
  }

  return [TransferResolver] as const;
}
