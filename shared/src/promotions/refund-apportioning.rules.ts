import { apportion } from '../catalogue/vat/vat-amounts.js';
import type { PaymentPlan } from './payment-stacking.rules.js';

/** A line as sold, as refunds read it: gross unit price and the promotion's share taken off it, minor units. */
export interface SoldLine {
  lineNo: number;
  quantity: number;
  unitPrice: number;
  unitTax: number;
  /** Net and VAT the line's share of the promotions took off (0 without promotions). */
  discount: number;
  discountTax: number;
}

/**
 * What the customer paid for each line after promotions: gross, less the line's promotion share and its VAT, less
 * its largest-remainder share of a client-sent discount (deprecated clients; over the goods only, never shipping).
 */
export function paidPerSoldLine(lines: readonly SoldLine[], clientDiscount: number): Map<number, number> {
  const promoted = lines.map((line) => line.quantity * (line.unitPrice + line.unitTax) - line.discount - line.discountTax);
  const goods = promoted.reduce((sum, amount) => sum + amount, 0);
  const shares = apportion(Math.max(0, Math.min(clientDiscount, goods)), promoted);
  return new Map(lines.map((line, index) => [line.lineNo, promoted[index]! - shares[index]!]));
}

/** What the returned goods were paid with, cumulated over an order's returns. */
export interface ReturnedValueSplit {
  /** Cash back: from the deposit and from the final payment. */
  depositCash: number;
  finalCash: number;
  /** Points back to the ledger, and the minor units they stand for. */
  points: number;
  pointsValue: number;
  /** The part of the deposit's expansion the returned goods used: the shop's money, not paid back. */
  expansionForfeited: number;
}

const mulDiv = (a: number, b: number, c: number) => (c === 0 ? 0 : Number((BigInt(a) * BigInt(b)) / BigInt(c)));

/**
 * Splits the paid value of everything returned so far over how the order was paid, in proportion to each means of
 * payment (a returned line was paid by the deposit, its expansion, points and the final cash alike). Cumulative,
 * so successive partial returns add up exactly to the order's totals: each return is the difference of two splits.
 * Points and the expansion are rounded down (whole points back; the shop keeps no rounding gain on cash), and cash
 * never exceeds the cash paid: what rounding leaves beyond it stays with the expansion.
 */
export function splitReturnedValue(
  plan: Pick<PaymentPlan, 'payable' | 'deposit' | 'expansion' | 'pointsUsed' | 'pointsValue' | 'finalDue'>,
  returned: number,
): ReturnedValueSplit {
  const value = Math.min(Math.max(0, returned), plan.payable);
  const points = mulDiv(plan.pointsUsed, value, plan.payable);
  const pointsValue = plan.pointsUsed === 0 ? 0 : mulDiv(points, plan.pointsValue, plan.pointsUsed);
  const expansion = mulDiv(plan.expansion, value, plan.payable);
  const cashPaid = plan.deposit + plan.finalDue;
  const cash = Math.min(cashPaid, value - pointsValue - expansion);
  const depositCash = Math.min(plan.deposit, mulDiv(plan.deposit, cash, cashPaid));
  return { depositCash, finalCash: cash - depositCash, points, pointsValue, expansionForfeited: value - pointsValue - cash };
}

export interface ReturnSettlement extends ReturnedValueSplit {
  /** Paid value of the goods this return brings back. */
  goodsValue: number;
  /** Cash actually paid out after deductions (gifts kept, a consented pickup fee). */
  cashRefund: number;
  /** Deductions taken: from the cash first; what cash cannot cover is taken from the points coming back. */
  giftDeduction: number;
  pickupFeeDeduction: number;
  pointsDeducted: number;
  /** Points credited back to the ledger: the returned points less those deducted. */
  pointsBack: number;
  /** Points the customer had earned on the returned cash, taken back from the ledger. */
  pointsEarnedBack: number;
}

export interface ReturnSettlementInput {
  plan: Pick<PaymentPlan, 'payable' | 'deposit' | 'expansion' | 'pointsUsed' | 'pointsValue' | 'finalDue' | 'pointsToEarn'>;
  /** Paid value of everything returned before this return, and of this return's goods. */
  returnedBefore: number;
  returnedNow: number;
  /** Declared value of gifts due back that were kept (deducted), and a pickup fee the customer consented to. */
  giftsKeptValue: number;
  consentedPickupFee: number;
  /** Whether the order's points were credited (only then are earned points taken back). */
  pointsEarnedCredited: boolean;
  /** Minor units per point, to take a deduction the cash cannot cover from the points coming back. */
  pointValue: number | null;
}

/**
 * One return's settlement: the difference of the cumulative splits before and after it, less the declared value of
 * gifts the customer keeps and a consented pickup fee. A deduction the cash cannot cover comes off the points being
 * returned (whole points, rounded up); beyond that it is waived (the goods are back, the customer owes nothing).
 * Points earned on the order go back in the same proportion as the cash.
 */
export function settleReturn(input: ReturnSettlementInput): ReturnSettlement {
  const before = splitReturnedValue(input.plan, input.returnedBefore);
  const after = splitReturnedValue(input.plan, input.returnedBefore + input.returnedNow);
  const split: ReturnedValueSplit = {
    depositCash: after.depositCash - before.depositCash,
    finalCash: after.finalCash - before.finalCash,
    points: after.points - before.points,
    pointsValue: after.pointsValue - before.pointsValue,
    expansionForfeited: after.expansionForfeited - before.expansionForfeited,
  };
  const cash = split.depositCash + split.finalCash;
  const giftFromCash = Math.min(input.giftsKeptValue, cash);
  const feeFromCash = Math.min(input.consentedPickupFee, cash - giftFromCash);
  const giftRest = input.giftsKeptValue - giftFromCash;
  const feeRest = input.consentedPickupFee - feeFromCash;
  const pointValue = input.pointValue ?? 0;
  const pointsDeducted = pointValue > 0 && giftRest + feeRest > 0 ? Math.min(split.points, Math.ceil((giftRest + feeRest) / pointValue)) : 0;
  const covered = Math.min(giftRest + feeRest, pointsDeducted * pointValue);
  const giftByPoints = Math.min(giftRest, covered);
  const cashPaid = input.plan.deposit + input.plan.finalDue;
  const earnedOn = (value: number) => {
    const { depositCash, finalCash } = splitReturnedValue(input.plan, value);
    return mulDiv(input.plan.pointsToEarn, depositCash + finalCash, cashPaid);
  };
  return {
    ...split,
    goodsValue: input.returnedNow,
    cashRefund: cash - giftFromCash - feeFromCash,
    giftDeduction: giftFromCash + giftByPoints,
    pickupFeeDeduction: feeFromCash + covered - giftByPoints,
    pointsDeducted,
    pointsBack: split.points - pointsDeducted,
    pointsEarnedBack: input.pointsEarnedCredited ? earnedOn(input.returnedBefore + input.returnedNow) - earnedOn(input.returnedBefore) : 0,
  };
}
