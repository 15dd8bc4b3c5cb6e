import { paidPerSoldLine } from '@hub/shared/promotions/refund-apportioning.rules';

/** A line as sold, from the registration sent to core (unit prices net, tax per unit, in fen). */
export interface PricedLine {
  lineNo: number;
  quantity: number;
  unitPrice: number;
  unitTax: number;
  /** What an order rule's promotion took off the line, net and VAT (absent: none). */
  discount?: number;
  discountTax?: number;
}

export const GIFT_KINDS = ['ITEM', 'POINTS', 'COUPON', 'VOUCHER'] as const;
export type GiftKind = (typeof GIFT_KINDS)[number];

/** A gift bound to the order (goods, points, vouchers or coupons), with the value the shop declared before purchase, if any. */
export interface OrderGift {
  giftNo: number;
  kind: GiftKind;
  description: string;
  declaredValue: number | null;
  /** The lines whose purchase earned the gift. */
  lineNos: number[];
}

/**
 * What the customer actually paid for each line (CRPL art. 25: the seller returns "the price the consumer
 * paid"): its gross amount less what promotions took off it (net and VAT), less its largest-remainder share of a
 * client-sent order discount. A discount larger than the goods covered the shipping too; only the goods' part is
 * spread, since shipping is not refunded. The shared `paidPerSoldLine` decides it for every region.
 */
export function paidPerLine(lines: readonly PricedLine[], clientDiscount: number): Map<number, number> {
  return paidPerSoldLine(
    lines.map((line) => ({ ...line, discount: line.discount ?? 0, discountTax: line.discountTax ?? 0 })),
    clientDiscount,
  );
}

/**
 * The paid amount of units `refundedBefore + 1 … refundedBefore + count` of a line. Each return takes the
 * difference of a cumulative floor, so successive partial returns of a line add up to exactly what was paid.
 */
export function paidForUnits(linePaid: number, quantity: number, refundedBefore: number, count: number): number {
  const cumulative = (units: number) => Number((BigInt(linePaid) * BigInt(units)) / BigInt(quantity));
  return cumulative(refundedBefore + count) - cumulative(refundedBefore);
}

/**
 * Gifts that come back with a return: those whose lines are then returned in full (Interim Measures
 * art. 12: gifts, points, vouchers and coupons are returned with the goods). A gift whose purchase is only
 * partly undone stays with the customer, since the law asks for it only together with the goods that earned it.
 */
export function giftsDueBack(gifts: readonly OrderGift[], returnedUnits: ReadonlyMap<number, { quantity: number; returned: number }>): OrderGift[] {
  return gifts.filter((gift) =>
    gift.lineNos.every((lineNo) => {
      const line = returnedUnits.get(lineNo);
      return line !== undefined && line.returned >= line.quantity;
    }),
  );
}

export interface AcceptedUnits {
  lineNo: number;
  quantity: number;
  /** Units of this line refunded by earlier returns. */
  refundedBefore: number;
}

export interface RefundInput {
  lines: readonly PricedLine[];
  /** A client-sent order discount (promotions are on the lines). */
  discountTotal: number;
  accepted: readonly AcceptedUnits[];
  giftsDue: readonly OrderGift[];
  /** Gift numbers that came back (points and coupons the shop could take back count as returned). */
  giftsReturned: readonly number[];
  /** A door-pickup fee the customer consented to; zero when the shop picks up for free. */
  consentedPickupFee: number;
}

export interface RefundBreakdown {
  lines: Array<{ lineNo: number; quantity: number; amount: number }>;
  goodsAmount: number;
  giftDeduction: number;
  pickupFeeDeduction: number;
  amount: number;
}

/**
 * The refund for the accepted lines: what was paid for them, less the declared value of gifts that did not
 * come back (Interim Measures art. 12; no declared value, no deduction) and a pickup fee the customer agreed
 * to (art. 18). Deductions never take the refund below zero.
 */
export function calculateRefund(input: RefundInput): RefundBreakdown {
  const paid = paidPerLine(input.lines, input.discountTotal);
  const byLine = new Map(input.lines.map((line) => [line.lineNo, line]));
  const lines = input.accepted.map((accepted) => {
    const line = byLine.get(accepted.lineNo);
    if (!line) throw new RangeError(`no line ${accepted.lineNo}`);
    if (accepted.refundedBefore + accepted.quantity > line.quantity) throw new RangeError(`line ${accepted.lineNo} would be refunded beyond its quantity`);
    return {
      lineNo: accepted.lineNo,
      quantity: accepted.quantity,
      amount: paidForUnits(paid.get(accepted.lineNo)!, line.quantity, accepted.refundedBefore, accepted.quantity),
    };
  });
  const goodsAmount = lines.reduce((sum, line) => sum + line.amount, 0);
  const missingGiftsValue = input.giftsDue
    .filter((gift) => !input.giftsReturned.includes(gift.giftNo))
    .reduce((sum, gift) => sum + (gift.declaredValue ?? 0), 0);
  const giftDeduction = Math.min(missingGiftsValue, goodsAmount);
  const pickupFeeDeduction = Math.min(input.consentedPickupFee, goodsAmount - giftDeduction);
  return { lines, goodsAmount, giftDeduction, pickupFeeDeduction, amount: goodsAmount - giftDeduction - pickupFeeDeduction };
}

/** Gift numbers of the gifts an order rule bound (zero-price lines), after any the shop declared by hand. */
export const PROMOTION_GIFT_BASE = 1_000;

/**
 * The gifts an order rule bound, as the return rules treat gifts: each zero-price gift line (`attributes.gift`) with
 * its declared value (the catalogue price with VAT), earned by all the order's paid lines, since a gift rule reads
 * the whole order. It counts as returned when its own line comes back.
 */
export function promotionGiftsOf(lines: ReadonlyArray<{ lineNo: number; attributes?: Record<string, unknown> | undefined }>): OrderGift[] {
  const paid = lines.filter((line) => line.attributes?.gift !== true).map((line) => line.lineNo);
  return lines
    .filter((line) => line.attributes?.gift === true)
    .map((line) => ({
      giftNo: PROMOTION_GIFT_BASE + line.lineNo,
      kind: 'ITEM' as const,
      description: String(line.attributes?.giftRule ?? 'promotion gift'),
      declaredValue: typeof line.attributes?.declaredValue === 'number' ? line.attributes.declaredValue : null,
      lineNos: paid,
    }));
}
