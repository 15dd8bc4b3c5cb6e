import { randomUUID } from 'node:crypto';
import { LockMode, type EntityManager, type MikroORM } from '@mikro-orm/postgresql';
import type { Principal } from '@hub/shared/auth/principal';
import { ConflictError } from '@hub/shared/errors';
import type { Clock } from '../clock.js';
import { checkReturnRequest, type LineVerdict, type RequestedLine, type EligibilityReason } from '../rules/return-eligibility.rules.js';
import { chooseRefundDestination, type RefundDestinationChoice } from '../rules/refund-destination.rules.js';
import { CnOrderLine } from '../orders/cn-order-line.entity.js';
import { cancelScheduledPickup } from '../pickups/pickup-booking.service.js';
import { inReturnTransaction, queueStepForCore } from './core-step.js';
import { isTheCustomer, loadWritableOrder } from './order-access.js';
import { eligibilityOf, loadOrderReturnFacts } from './order-return-facts.js';
import { CnReturnLine } from './persistence/cn-return-line.entity.js';
import { CnReturn } from './persistence/cn-return.entity.js';
import { advanceReturn, lockReturn } from './return-lock.js';

export interface RequestReturnCommand {
  orderId: string;
  idempotencyKey: string;
  lines: RequestedLine[];
  refundTo?: RefundDestinationChoice | null;
}

/** A request the rules turned down, with every line's verdict so the client can show why. */
export interface ReturnRefusal {
  refused: true;
  lineNo: number;
  reason: EligibilityReason;
  returnableQuantity: number;
  eligibility: LineVerdict[];
}

/**
 * Opens a 7-day no-reason return. The order's lines stay locked from the eligibility check until the
 * claimed units are written, so concurrent requests can never claim more than was bought; the same
 * idempotency key answers with the return it created the first time. Core hears of the request through
 * the command outbox after the commit: a return can be requested while core is away.
 */
export class ReturnRequestService {
  constructor(
    private readonly orm: MikroORM,
    private readonly commandsQueued: () => void,
    private readonly clock: Clock,
  ) {}

  async request(principal: Principal, command: RequestReturnCommand): Promise<CnReturn | ReturnRefusal> {
    return inReturnTransaction(this.orm, this.commandsQueued, async (em) => {
      const order = await loadWritableOrder(em, principal, command.orderId);
      const facts = await loadOrderReturnFacts(em, command.orderId, { lock: true });
      const key = { orderId: command.orderId, requestedBy: principal.subject, idempotencyKey: command.idempotencyKey };
      const earlier = await em.findOne(CnReturn, key);
      if (earlier) return this.sameReturn(em, earlier, command.lines);

      const requestedAt = this.clock();
      const eligibility = eligibilityOf(facts, requestedAt);
      const check = checkReturnRequest(eligibility, command.lines);
      if (!check.accepted) return { refused: true as const, ...check, eligibility };
      const refundTo = chooseRefundDestination(command.refundTo, isTheCustomer(principal, order));

      const units = command.lines.reduce((sum, line) => sum + line.quantity, 0);
      const created = em.create(CnReturn, {
        id: randomUUID(),
        ...key,
        state: 'REQUESTED',
        requestedAt,
        windowClosesBefore: facts.window!.closesBefore,
        refundDestination: refundTo.destination,
        refundDestinationDetail: refundTo.detail,
        giftsReturned: null,
        receivedAt: null,
        refundDueBefore: null,
        inspectedBy: null,
        coreRejection: null,
      });
      await queueStepForCore(em, principal, {
        orderId: command.orderId,
        returnId: created.id,
        version: 0,
        step: 'request',
        occurredAt: requestedAt,
        note: `7-day no-reason return of ${units} unit(s) on line(s) ${command.lines.map((l) => l.lineNo).join(', ')}`,
      });
      for (const requested of command.lines) {
        em.create(CnReturnLine, {
          returnId: created.id,
          lineNo: requested.lineNo,
          quantity: requested.quantity,
          complete: null,
          incompleteReason: null,
          packagingOpened: null,
          inspectionNote: null,
        });
        facts.lines.find((line) => line.lineNo === requested.lineNo)!.claimedQuantity += requested.quantity;
      }
      await em.flush();
      return created;
    });
  }

  /** A repeated key must repeat the request too: the same key for other lines or units is refused. */
  private async sameReturn(em: EntityManager, earlier: CnReturn, requested: RequestedLine[]): Promise<CnReturn> {
    const fingerprint = (lines: RequestedLine[]) =>
      lines
        .map((l) => `${l.lineNo}x${l.quantity}`)
        .sort()
        .join(',');
    const lines = await em.find(CnReturnLine, { returnId: earlier.id });
    if (fingerprint(lines) !== fingerprint(requested)) {
      throw new ConflictError('This idempotency key was already used for a different return', { field: 'idempotencyKey' });
    }
    return earlier;
  }

  /** The customer changes their mind before the courier came: the units are free again and the order is back at SIGNED. */
  async withdraw(principal: Principal, command: { returnId: string; expectedVersion?: number | null }): Promise<CnReturn> {
    return inReturnTransaction(this.orm, this.commandsQueued, async (em) => {
      const { ret } = await lockReturn(em, principal, command.returnId, command.expectedVersion);
      await advanceReturn(em, principal, ret, 'withdraw', this.clock(), 'return withdrawn');
      await cancelScheduledPickup(em, ret.id);
      await releaseClaims(em, ret.id, ret.orderId, () => true);
      await em.flush();
      return ret;
    });
  }
}

/** Gives back the units of a return's lines chosen by `which` (withdrawn, or found incomplete at inspection). */
export async function releaseClaims(em: EntityManager, returnId: string, orderId: string, which: (line: CnReturnLine) => boolean): Promise<void> {
  const returned = (await em.find(CnReturnLine, { returnId })).filter(which);
  if (returned.length === 0) return;
  const lines = await em.find(CnOrderLine, { orderId, lineNo: { $in: returned.map((line) => line.lineNo) } }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  for (const line of lines) line.claimedQuantity -= returned.find((r) => r.lineNo === line.lineNo)!.quantity;
}
