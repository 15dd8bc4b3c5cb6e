import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '@hub/shared/logger';
import { SYSTEM_ACTOR } from '../allocation/allocation.service.js';
import { enqueueEvents, writeTimeline } from '../allocation/plan-writer.js';
import type { FulfilmentSubjects } from '../messaging/fulfilment-subjects.js';
import { query, uuidList } from '../persistence/sql.js';
import { releaseOpenShipments } from './stock-effects.js';

/** Orders whose reservation ran out that one transaction releases: bounded, so stock rows are never locked for long. */
export const EXPIRY_BATCH = 500;

/**
 * Gives back the stock of unpaid orders whose reservation ran out (the inventory-lock rule's minutes, issue 14): each
 * order is claimed once (`reserve_until` cleared in the same transaction, `skip locked` so two sweepers never take
 * the same order), its open shipments end EXPIRED with one RELEASE movement per line, the order is
 * RESERVATION_EXPIRED with a timeline entry, and partners hear that its shipments were withdrawn. A payment arriving
 * later takes the order again (order-events.handler).
 */
export class ReservationExpiryService {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    private readonly orm: MikroORM,
    private readonly subjects: FulfilmentSubjects,
    private readonly logger: Logger,
    private readonly eventsQueued: () => void,
  ) {}

  /** Releases every reservation due at `now`, a batch per transaction; returns how many orders it claimed. */
  async sweep(now: Date = new Date()): Promise<number> {
    let total = 0;
    for (;;) {
      const released = await this.orm.em.fork().transactional((em) => this.releaseBatch(em, now));
      total += released;
      if (released < EXPIRY_BATCH) break;
    }
    if (total > 0) this.eventsQueued();
    return total;
  }

  start(intervalMs: number): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.sweep()
        .catch((error: unknown) => {
          this.logger.warn({ err: error instanceof Error ? { type: error.name } : undefined }, 'reservation expiry sweep failed; next run retries');
          return 0;
        })
        .finally(() => (this.running = undefined));
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async releaseBatch(em: EntityManager, now: Date): Promise<number> {
    // Every claimed row leaves the index (reserve_until cleared); only an order still unpaid and not yet shipped expires.
    const claimed = await query<{ order_id: string; region: string; expired: boolean }>(
      em,
      `
      with due as (
        select order_id, core_status = 'CREATED' and state in ('ALLOCATED', 'PARTIALLY_ALLOCATED', 'BACKORDERED') as expired
          from fulfilment_order where reserve_until <= ? order by reserve_until limit ? for update skip locked)
      update fulfilment_order o set reserve_until = null, state = case when due.expired then 'RESERVATION_EXPIRED' else o.state end,
             version = o.version + 1, updated_at = ?
        from due where o.order_id = due.order_id
      returning o.order_id, o.region, due.expired`,
      [now, EXPIRY_BATCH, now],
    );
    const due = claimed.filter((row) => row.expired);
    if (due.length === 0) return claimed.length;
    const ids = due.map((row) => row.order_id);
    const released = await releaseOpenShipments(em, ids, 'RELEASE', 'EXPIRED', SYSTEM_ACTOR, now);
    // A backordered remainder stops waiting for stock too: the order no longer holds a claim until it is paid.
    await query(em, `update fulfilment_order_line set backordered = 0 where order_id = any(?::uuid[]) and backordered > 0`, [uuidList(ids)]);
    const units = new Map<string, number>();
    for (const line of released) units.set(line.order_id, (units.get(line.order_id) ?? 0) + line.quantity);
    await writeTimeline(
      em,
      due.map((row) => ({
        order_id: row.order_id,
        kind: 'RESERVATION_EXPIRED',
        note: `not paid in time: ${units.get(row.order_id) ?? 0} reserved unit(s) released`,
        details: {},
      })),
      SYSTEM_ACTOR,
      now,
    );
    await enqueueEvents(
      em,
      due.map((row) => ({
        subject: this.subjects.shipmentsPlanned(row.region),
        messageId: `fulfilment.shipments-planned:${row.order_id}:reservation-expired`,
        payload: {
          type: 'fulfilment.shipments-planned',
          version: 1,
          cause: 'reservation-expired',
          orderId: row.order_id,
          region: row.region,
          refused: false,
          shipments: [],
          backordered: [],
          occurredAt: now.toISOString(),
        },
      })),
      now,
    );
    return claimed.length;
  }
}
