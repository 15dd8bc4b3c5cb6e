import { randomUUID } from 'node:crypto';
import { LockMode, type EntityManager, type MikroORM } from '@mikro-orm/postgresql';
import type { Principal } from '@hub/shared/auth/principal';
import type { RegionalOrder } from '@hub/shared/region/regional-order.entity';
import type { Clock } from '../clock.js';
import { CnOrderGift } from '../orders/cn-order-gift.entity.js';
import { CnOrderLine } from '../orders/cn-order-line.entity.js';
import { CnReturnPickup } from '../pickups/persistence/cn-return-pickup.entity.js';
import { calculateRefund, giftsDueBack, type RefundBreakdown } from '../rules/refund-amount.rules.js';
import { assertReturnStep } from '../rules/return-steps.rules.js';
import { CnReturnLine } from '../returns/persistence/cn-return-line.entity.js';
import type { CnReturn } from '../returns/persistence/cn-return.entity.js';
import { inReturnTransaction } from '../returns/core-step.js';
import { advanceReturn, lockReturn } from '../returns/return-lock.js';
import { releaseClaims } from '../returns/return-request.service.js';
import { CnRefund } from './persistence/cn-refund.entity.js';

/**
 * Settles an inspected return: refunds the complete lines (REFUNDED), or rejects the return when none was
 * complete (RETURN_REJECTED). A return is settled exactly once: the return is locked, a settled one is
 * answered as it is, and the refund's unique return id stops any second refund that got past both.
 */
export class RefundService {
  constructor(
    private readonly orm: MikroORM,
    private readonly commandsQueued: () => void,
    private readonly clock: Clock,
  ) {}

  settle(principal: Principal, command: { returnId: string; expectedVersion?: number | null }): Promise<CnReturn> {
    return inReturnTransaction(this.orm, this.commandsQueued, async (em) => {
      const { ret, order } = await lockReturn(em, principal, command.returnId, command.expectedVersion);
      if (ret.state === 'REFUNDED' || ret.state === 'REJECTED') return ret;
      assertReturnStep(ret.state, 'refund');
      const returned = await em.find(CnReturnLine, { returnId: ret.id });
      if (!returned.some((line) => line.complete)) {
        await advanceReturn(em, principal, ret, 'reject', this.clock(), 'no returned line was complete; the goods go back to the customer');
      } else {
        const breakdown = await this.refundFor(em, ret, order, returned);
        const destination = ret.refundDestination === 'ORIGINAL_PAYMENT' ? 'the original payment channel' : 'the destination the customer chose';
        await advanceReturn(em, principal, ret, 'refund', this.clock(), `refund ${breakdown.amount} fen (CNY) to ${destination}`);
        em.create(CnRefund, {
          id: randomUUID(),
          returnId: ret.id,
          orderId: ret.orderId,
          currency: 'CNY',
          ...breakdown,
          destination: ret.refundDestination,
          destinationDetail: ret.refundDestinationDetail ?? null,
          dueBefore: ret.refundDueBefore!,
          issuedAt: this.clock(),
          issuedBy: principal.subject,
        });
      }
      await releaseClaims(em, ret.id, ret.orderId, (line) => line.complete !== true);
      await em.flush();
      return ret;
    });
  }

  /** The refund of the complete lines, and the order's lines updated with the units it refunds. */
  private async refundFor(em: EntityManager, ret: CnReturn, order: RegionalOrder, returned: CnReturnLine[]): Promise<RefundBreakdown> {
    const orderLines = await em.find(CnOrderLine, { orderId: ret.orderId }, { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { lineNo: 'asc' } });
    const accepted = returned
      .filter((line) => line.complete)
      .map((line) => ({
        lineNo: line.lineNo,
        quantity: line.quantity,
        refundedBefore: orderLines.find((o) => o.lineNo === line.lineNo)!.refundedQuantity,
      }));
    const returnedUnits = (withThis: boolean) =>
      new Map(
        orderLines.map((line) => [
          line.lineNo,
          {
            quantity: line.quantity,
            returned: line.refundedQuantity + (withThis ? (accepted.find((a) => a.lineNo === line.lineNo)?.quantity ?? 0) : 0),
          },
        ]),
      );
    const gifts = (await em.find(CnOrderGift, { orderId: ret.orderId })).map((gift) => ({ ...gift, declaredValue: gift.declaredValue ?? null }));
    const dueBefore = new Set(giftsDueBack(gifts, returnedUnits(false)).map((gift) => gift.giftNo));
    const pickup = await em.findOne(CnReturnPickup, { returnId: ret.id });
    const request = order.registrationRequest;
    const breakdown = calculateRefund({
      lines: request.lines.map((line, index) => ({ lineNo: index + 1, quantity: line.quantity, unitPrice: line.unitPrice, unitTax: line.unitTax })),
      discountTotal: request.discountTotal,
      accepted,
      giftsDue: giftsDueBack(gifts, returnedUnits(true)).filter((gift) => !dueBefore.has(gift.giftNo)),
      giftsReturned: ret.giftsReturned ?? [],
      consentedPickupFee: pickup?.feeConsentedAt ? pickup.fee : 0,
    });
    for (const line of accepted) orderLines.find((o) => o.lineNo === line.lineNo)!.refundedQuantity += line.quantity;
    return breakdown;
  }
}
