import type pg from 'pg';
import type { CoreClient } from '@hub/shared/messaging/core-client';
import type { OrderStatus } from '@hub/shared/messaging/contracts';
import { DomainError } from '@hub/shared/errors';
import type { Logger } from '@hub/shared/logger';

interface PendingCommand {
  id: string;
  request_id: string;
  order_id: string;
  status: OrderStatus;
  occurred_at: Date;
  carrier_id: string;
}

/**
 * Reports milestones to core through the command path: each was stored as a `milestone_command` row in the
 * transaction that stored its event, and is sent here after commit, never inside a transaction. Requests carry
 * an id derived from the order and status, so a resend is answered with the order as it is. Per order, commands
 * go in order and stop at the first one that has not gone through, so core never sees SIGNED before FIRST_SCAN.
 */
export class MilestoneSender {
  private running: Promise<number> | undefined;

  constructor(private readonly pool: pg.Pool, private readonly core: CoreClient, private readonly logger: Logger) {}

  /** One pass over pending commands (coalesced with a pass in flight). Returns how many settled. */
  sendPending(limit = 200): Promise<number> {
    this.running ??= this.pass(limit).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async pass(limit: number): Promise<number> {
    const { rows } = await this.pool.query<PendingCommand>(`select id, request_id, order_id, status, occurred_at, carrier_id
      from "tracking".milestone_command where state = 'PENDING' order by id limit $1`, [limit]);
    const blocked = new Set<string>();
    let settled = 0;
    for (const command of rows) {
      if (blocked.has(command.order_id)) continue;
      try {
        await this.core.transitionOrder({
          orderId: command.order_id, to: command.status, requestId: command.request_id,
          note: `carrier event at ${command.occurred_at.toISOString()}`, actor: { type: 'carrier', id: command.carrier_id },
        });
        await this.settle(command.id, 'SENT', null);
        settled += 1;
      } catch (error) {
        blocked.add(command.order_id);
        if (error instanceof DomainError && error.code !== 'SERVICE_UNAVAILABLE') {
          // Core refused for good (the order was cancelled, or staff moved it already): recorded, not retried.
          await this.settle(command.id, 'REFUSED', error.code);
          settled += 1;
          this.logger.warn({ orderId: command.order_id, status: command.status, code: error.code }, 'core refused a milestone');
        } else {
          await this.pool.query(`update "tracking".milestone_command set attempts = attempts + 1 where id = $1`, [command.id]);
        }
      }
    }
    return settled;
  }

  private async settle(id: string, state: 'SENT' | 'REFUSED', error: string | null): Promise<void> {
    await this.pool.query(`update "tracking".milestone_command set state = $2, last_error = $3, settled_at = now(), attempts = attempts + 1 where id = $1`, [id, state, error]);
  }
}
