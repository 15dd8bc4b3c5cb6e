import type { MikroORM } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../allocation/plan-writer.js';
import { asJson, query } from '../persistence/sql.js';
import { refuse } from '../user-error.js';
import { appendTransferEvent, type TransferRow } from '../transfers/transfer.repository.js';
import { forecastDemand } from './domain/backtest.js';
import { DEFAULT_PREPOSITION_POLICY, proposeTransfers, type PrepositionPolicy } from './domain/transfer-proposals.js';

const DAY_MS = 86_400_000;
/** History the forecast reads: eight weeks is enough for a weekly season and a four-origin backtest. */
const HISTORY_DAYS = 56;
const HORIZON_DAYS = 7;

export interface ProposalRow {
  id: string;
  sku: string;
  from_node_id: string;
  to_node_id: string;
  quantity: number;
  forecast_units: number;
  reason: string;
  state: string;
  created_at: Date;
  transfer_id: string | null;
}

/**
 * Demand forecast per delivery zone × SKU from fulfilment's order history, transfer proposals from central to
 * forward warehouses, and the transfers an operator approves. Stock on the way counts as inbound at the
 * destination, so the next proposal run does not propose it again.
 */
export class PlanningService {
  constructor(
    private readonly orm: MikroORM,
    private readonly policy: PrepositionPolicy = DEFAULT_PREPOSITION_POLICY,
  ) {}

  async refreshForecasts(today = new Date()): Promise<number> {
    const end = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
    const start = end - HISTORY_DAYS * DAY_MS;
    const em = this.orm.em.fork();
    const rows = await query<{ zone: string; sku: string; day: string; units: number }>(
      em,
      `
      select o.zone, l.sku, to_char(date_trunc('day', o.placed_at at time zone 'UTC'), 'YYYY-MM-DD') as day, sum(l.quantity)::int as units
        from fulfilment_order o join fulfilment_order_line l on l.order_id = o.order_id
       where o.placed_at >= ? and o.placed_at < ? and o.state <> 'REFUSED' group by 1, 2, 3`,
      [new Date(start), new Date(end)],
    );
    const series = new Map<string, number[]>();
    for (const row of rows) {
      const key = `${row.zone}|${row.sku}`;
      const values = series.get(key) ?? series.set(key, new Array<number>(HISTORY_DAYS).fill(0)).get(key)!;
      values[Math.round((Date.parse(`${row.day}T00:00:00Z`) - start) / DAY_MS)] = row.units;
    }
    const forecasts: Array<Record<string, unknown>> = [];
    for (const [key, values] of series) {
      const [zone, sku] = key.split('|') as [string, string];
      const result = forecastDemand(values, HORIZON_DAYS);
      const score = result.scores.find((s) => s.method === result.method);
      result.forecast.forEach((units, h) =>
        forecasts.push({
          zone,
          sku,
          day: new Date(end + h * DAY_MS).toISOString().slice(0, 10),
          units,
          method: result.method,
          wape: Number.isFinite(score?.wape) ? score!.wape : null,
          mase: Number.isFinite(score?.mase) ? score!.mase : null,
        }),
      );
    }
    await em.transactional(async (tx) => {
      await query(tx, `delete from demand_forecast where day >= ?::date`, [new Date(end).toISOString().slice(0, 10)]);
      await query(
        tx,
        `
        insert into demand_forecast (zone, sku, day, units, method, backtest_wape, backtest_mase, generated_at)
        select zone, sku, day, units, method, wape, mase, ? from jsonb_to_recordset(?::jsonb) as r(zone text, sku text, day date, units float8, method text, wape float8, mase float8)`,
        [today, asJson(forecasts)],
      );
    });
    return series.size;
  }

  /** Replaces open proposals with fresh ones from the current forecast and stock. */
  async refreshProposals(today = new Date()): Promise<ProposalRow[]> {
    return this.orm.em.fork().transactional(async (em) => {
      const forward = await query<{ sku: string; node_id: string; region: string; zone: string; available: number; inbound: number; forecast: number[] }>(
        em,
        `
        select f.sku, n.id as node_id, n.region, n.zone, coalesce(i.available, 0) as available, coalesce(i.inbound, 0) as inbound,
               array_agg(f.units order by f.day) as forecast
          from node n join demand_forecast f on f.zone = n.zone and f.day >= ?::date
          left join inventory i on i.node_id = n.id and i.sku = f.sku
         where n.kind = 'FORWARD' and n.status <> 'DOWN' group by 1, 2, 3, 4, 5, 6`,
        [today.toISOString().slice(0, 10)],
      );
      const central = await query<{ sku: string; node_id: string; region: string; available: number }>(
        em,
        `
        select i.sku, n.id as node_id, n.region, i.available from inventory i join node n on n.id = i.node_id where n.kind = 'CENTRAL' and n.status = 'UP' and i.available > 0`,
      );
      const drafts = proposeTransfers(
        forward.map((row) => ({
          sku: row.sku,
          nodeId: row.node_id,
          region: row.region,
          available: row.available,
          inbound: row.inbound,
          dailyForecast: row.forecast.map(Number),
        })),
        central.map((row) => ({ sku: row.sku, nodeId: row.node_id, region: row.region, available: row.available })),
        this.policy,
      );
      await query(em, `update transfer_proposal set state = 'SUPERSEDED' where state = 'PROPOSED'`);
      if (drafts.length === 0) return [];
      return query<ProposalRow>(
        em,
        `
        insert into transfer_proposal (id, sku, from_node_id, to_node_id, quantity, forecast_units, reason, state, created_at)
        select id, sku, from_node_id, to_node_id, quantity, forecast_units, reason, 'PROPOSED', ? from jsonb_to_recordset(?::jsonb)
            as r(id uuid, sku text, from_node_id text, to_node_id text, quantity int, forecast_units float8, reason text) returning *`,
        [
          today,
          asJson(
            drafts.map((draft) => ({
              id: randomUUID(),
              sku: draft.sku,
              from_node_id: draft.fromNodeId,
              to_node_id: draft.toNodeId,
              quantity: draft.quantity,
              forecast_units: draft.forecastUnits,
              reason: draft.reason,
            })),
          ),
        ],
      );
    });
  }

  /**
   * Turns a proposal into a transfer: stock leaves the source (TRANSFER_OUT) and is inbound at the
   * destination. Refused when the source no longer has the units free, so a transfer never oversells.
   */
  async approve(proposalId: string, quantity: number | undefined, actor: Actor): Promise<TransferRow> {
    return this.orm.em.fork().transactional(async (em) => {
      const [proposal] = await query<ProposalRow>(em, `select * from transfer_proposal where id = ? for update`, [proposalId]);
      if (!proposal) throw refuse('NOT_FOUND', ['input', 'proposalId'], 'No such proposal');
      if (proposal.state !== 'PROPOSED') throw refuse('CONFLICT', ['input', 'proposalId'], `The proposal is ${proposal.state}`);
      const units = quantity ?? proposal.quantity;
      if (!Number.isInteger(units) || units <= 0) throw refuse('INVALID', ['input', 'quantity'], 'quantity must be a positive whole number');
      const transfer = await this.startTransfer(em, proposal.sku, proposal.from_node_id, proposal.to_node_id, units, actor);
      await query(em, `update transfer_proposal set state = 'APPROVED', decided_by = ?, decided_at = now(), transfer_id = ? where id = ?`, [
        actor.id,
        transfer.id,
        proposalId,
      ]);
      return transfer;
    });
  }

  private async startTransfer(em: Parameters<typeof query>[0], sku: string, from: string, to: string, quantity: number, actor: Actor): Promise<TransferRow> {
    const [source] = await query<{ available: number }>(em, `select available from inventory where sku = ? and node_id = ? for update`, [sku, from]);
    if (!source || source.available < quantity)
      throw refuse('INSUFFICIENT_STOCK', ['input', 'quantity'], `Only ${source?.available ?? 0} units are free at the source`);
    const [transfer] = await query<TransferRow>(
      em,
      `insert into transfer (id, sku, from_node_id, to_node_id, quantity, state, created_by) values (?, ?, ?, ?, ?, 'IN_TRANSIT', ?) returning *`,
      [randomUUID(), sku, from, to, quantity, actor.id],
    );
    await query(em, `update inventory set on_hand = on_hand - ?, updated_at = now() where sku = ? and node_id = ?`, [quantity, sku, from]);
    await query(
      em,
      `insert into inventory (sku, node_id, inbound) values (?, ?, ?) on conflict (sku, node_id) do update set inbound = inventory.inbound + excluded.inbound, updated_at = now()`,
      [sku, to, quantity],
    );
    // One transfer, two ledger rows: off hand at the source, inbound at the destination.
    await query(
      em,
      `insert into stock_movement (sku, node_id, kind, on_hand_delta, inbound_delta, transfer_id, actor_type, actor_id) values (?, ?, 'TRANSFER_OUT', ?, 0, ?, ?, ?), (?, ?, 'TRANSFER_OUT', 0, ?, ?, ?, ?)`,
      [sku, from, -quantity, transfer!.id, actor.type, actor.id, sku, to, quantity, transfer!.id, actor.type, actor.id],
    );
    await appendTransferEvent(em, transfer!.id, 'CREATED', actor, null, { fromNodeId: from, toNodeId: to, quantity });
    return transfer!;
  }
}
