import { randomUUID } from 'node:crypto';
import { LockMode, type EntityManager, type MikroORM } from '@mikro-orm/postgresql';
import type { Principal } from '@hub/shared/auth/principal';
import type { RegionalOrder } from '@hub/shared/region/regional-order.entity';
import type { Clock } from '../clock.js';
import { CnOrderGift } from '../orders/cn-order-gift.entity.js';
import { CnOrderLine } from '../orders/cn-order-line.entity.js';
import { CnReturnPickup } from '../pickups/persistence/cn-return-pickup.entity.js';
import { applyPointsChange, balanceOf } from '@hub/shared/region/promotions/points-ledger';
import { paidPerSoldLine, settleReturn, type ReturnSettlement } from '@hub/shared/promotions/refund-apportioning.rules';
import { calculateRefund, giftsDueBack, paidForUnits, PROMOTION_GIFT_BASE, promotionGiftsOf, type RefundBreakdown } from '../rules/refund-amount.rules.js';
import { assertReturnStep } from '../rules/return-steps.rules.js';
import { CnReturnLine } from '../returns/persistence/cn-return-line.entity.js';
import type { CnReturn } from '../returns/persistence/cn-return.entity.js';
import { inReturnTransaction } from '../returns/core-step.js';
import { advanceReturn, lockReturn } from '../returns/return-lock.js';
import { releaseClaims } from '../returns/return-request.service.js';
import { CnRefund } from './persistence/cn-refund.entity.js';

type CnRefundBreakdown = RefundBreakdown & { paymentSplit: ReturnSettlement | null };

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

  /**
   * The refund of the complete lines, and the order's lines updated with the units it refunds. The returned goods'
   * paid value is split over how the order was paid (`settleReturn`): cash back from the deposit and the final
   * payment, points back to the ledger, the deposit's expansion kept; gifts kept and a consented pickup fee come off
   * the cash (then the points). Points go back and earned points are taken back in this transaction, keyed by the return.
   */
  private async refundFor(em: EntityManager, ret: CnReturn, order: RegionalOrder, returned: CnReturnLine[]): Promise<CnRefundBreakdown> {
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
    const request = order.registrationRequest;
    const sold = request.lines.map((line, index) => ({
      lineNo: index + 1,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      unitTax: line.unitTax,
      discount: line.discount ?? 0,
      discountTax: line.discountTax ?? 0,
      attributes: line.attributes,
    }));
    const declared = (await em.find(CnOrderGift, { orderId: ret.orderId })).map((gift) => ({ ...gift, declaredValue: gift.declaredValue ?? null }));
    const gifts = [...declared, ...promotionGiftsOf(sold)];
    const dueBefore = new Set(giftsDueBack(gifts, returnedUnits(false)).map((gift) => gift.giftNo));
    const giftLinesBack = promotionGiftsOf(sold)
      .filter((gift) => (returnedUnits(true).get(gift.giftNo - PROMOTION_GIFT_BASE)?.returned ?? 0) > 0)
      .map((gift) => gift.giftNo);
    const pickup = await em.findOne(CnReturnPickup, { returnId: ret.id });
    const clientDiscount = Math.max(0, request.discountTotal - sold.reduce((sum, line) => sum + line.discount, 0));
    const breakdown = calculateRefund({
      lines: sold,
      discountTotal: clientDiscount,
      accepted,
      giftsDue: giftsDueBack(gifts, returnedUnits(true)).filter((gift) => !dueBefore.has(gift.giftNo)),
      giftsReturned: [...(ret.giftsReturned ?? []), ...giftLinesBack],
      consentedPickupFee: pickup?.feeConsentedAt ? pickup.fee : 0,
    });
    const paymentSplit = order.payment ? await this.settlePayment(em, ret, order, sold, clientDiscount, orderLines, breakdown) : null;
    for (const line of accepted) orderLines.find((o) => o.lineNo === line.lineNo)!.refundedQuantity += line.quantity;
    return paymentSplit
      ? {
          ...breakdown,
          amount: paymentSplit.cashRefund,
          giftDeduction: paymentSplit.giftDeduction,
          pickupFeeDeduction: paymentSplit.pickupFeeDeduction,
          paymentSplit,
        }
      : { ...breakdown, paymentSplit: null };
  }

  /** The split for an order paid with a deposit's expansion or points, and the ledger entries it gives back and takes back. */
  private async settlePayment(
    em: EntityManager,
    ret: CnReturn,
    order: RegionalOrder,
    sold: ReadonlyArray<{ lineNo: number; quantity: number; unitPrice: number; unitTax: number; discount: number; discountTax: number }>,
    clientDiscount: number,
    orderLines: readonly CnOrderLine[],
    breakdown: RefundBreakdown,
  ): Promise<ReturnSettlement> {
    const payment = order.payment!;
    const paid = paidPerSoldLine(sold, clientDiscount);
    const returnedBefore = orderLines.reduce((sum, line) => sum + paidForUnits(paid.get(line.lineNo)!, line.quantity, 0, line.refundedQuantity), 0);
    const settlement = settleReturn({
      plan: payment,
      returnedBefore,
      returnedNow: breakdown.goodsAmount,
      giftsKeptValue: breakdown.giftDeduction,
      consentedPickupFee: breakdown.pickupFeeDeduction,
      pointsEarnedCredited: payment.pointsEarned !== null,
      pointValue: payment.pointValue,
    });
    const now = this.clock();
    const change = { customerRef: order.customerRef, orderId: order.orderId };
    if (settlement.pointsBack > 0) {
      await applyPointsChange(
        em,
        { ...change, entryKey: `refund:${ret.id}`, kind: 'REFUNDED', points: settlement.pointsBack, reason: 'points of returned goods' },
        now,
      );
    }
    // Points earned on the returned cash go back as far as the balance allows (never negative); what was spent meanwhile is not chased.
    const earnedBack = Math.min(settlement.pointsEarnedBack, await balanceOf(em, order.customerRef));
    if (earnedBack > 0) {
      await applyPointsChange(
        em,
        { ...change, entryKey: `refund-earned:${ret.id}`, kind: 'EARNED_REVERSED', points: -earnedBack, reason: 'earned on returned goods' },
        now,
      );
    }
    return { ...settlement, pointsEarnedBack: earnedBack };
  }
}
