import type { PointsPolicy, PresaleTerms } from './promotion-terms.rules.js';

/**
 * How an order's payable is paid, decided once at placement and recorded with the order. The stacking order is
 * fixed: (1) promotions and gifts price the order (`applyPromotions`: discounts lower the VAT base, gifts are
 * zero-price lines), (2) the presale deposit counts for its expanded value, (3) points pay part of what remains, up
 * to the rule's cap, (4) cash pays the rest. The expansion and the points are means of payment (the order's price and
 * its VAT stay what the promotions made them), so refunds apportion them like any other payment.
 */
export interface PaymentPlan {
  currency: string;
  /** What the order costs after promotions: goods, VAT and shipping, minor units. */
  payable: number;
  /** Cash paid at placement for a presale (0 otherwise). */
  deposit: number;
  /** What the deposit counts for beyond itself (the shop's money, never paid back in cash). */
  expansion: number;
  pointsUsed: number;
  /** Minor units one point paid (null: points were off), for deductions a refund takes from points. */
  pointValue: number | null;
  /** Minor units the points pay. */
  pointsValue: number;
  /** Cash still due: at the final payment for a presale, at once otherwise. */
  finalDue: number;
  /** Points the order earns once paid (from the cash paid, deposit and final payment). */
  pointsToEarn: number;
  presale: {
    finalOpensAt: string;
    finalClosesAt: string;
    remindBeforeMinutes: number[];
    ruleSet: string;
    version: number;
  } | null;
}

export type PaymentStackProblem =
  | { code: 'POINTS_NOT_ACCEPTED'; field: 'pointsToUse'; message: string }
  | { code: 'POINTS_ABOVE_CAP'; field: 'pointsToUse'; message: string; maxPoints: number };

export interface PaymentStackInput {
  currency: string;
  payable: number;
  presale: PresaleTerms | null;
  policy: PointsPolicy;
  /** Points the customer asked to spend (0: none); the ledger checks the balance when it deducts them. */
  pointsRequested: number;
}

/** The most points an order may spend: whole points within the cap of what remains after the deposit's expanded value. */
export function maxSpendablePoints(remaining: number, policy: PointsPolicy): number {
  if (!policy.pointValue) return 0;
  const capped = Math.floor((remaining * policy.spendCapBp) / 10_000);
  return Math.floor(capped / policy.pointValue);
}

/** Points earned on cash: rounded down, so a refund of the whole order takes back no more than was earned. */
export const pointsEarnedOn = (cash: number, policy: PointsPolicy): number => (policy.earnPer100 ? Math.floor((cash * policy.earnPer100) / 100) : 0);

/**
 * Stacks the deposit expansion and points on the promoted payable. The expanded value is capped at the payable (an
 * expansion never pays out), the deposit at that value; a request for more points than the cap allows is refused
 * naming the maximum, rather than quietly charging the customer other cash than they saw.
 */
export function planPayment(input: PaymentStackInput): { ok: true; plan: PaymentPlan } | { ok: false; problem: PaymentStackProblem } {
  const { payable, presale, policy } = input;
  const credit = presale ? Math.min(presale.countsAs, payable) : 0;
  const deposit = presale ? Math.min(presale.deposit, credit) : 0;
  const remaining = payable - credit;
  const requested = Math.max(0, Math.trunc(input.pointsRequested));
  if (requested > 0 && !policy.pointValue) {
    return {
      ok: false,
      problem: { code: 'POINTS_NOT_ACCEPTED', field: 'pointsToUse', message: 'No points rule in force lets this order be paid with points.' },
    };
  }
  const maxPoints = maxSpendablePoints(remaining, policy);
  if (requested > maxPoints) {
    return {
      ok: false,
      problem: { code: 'POINTS_ABOVE_CAP', field: 'pointsToUse', message: `At most ${maxPoints} points can pay for this order.`, maxPoints },
    };
  }
  const pointsValue = requested * (policy.pointValue ?? 0);
  const finalDue = remaining - pointsValue;
  return {
    ok: true,
    plan: {
      currency: input.currency,
      payable,
      deposit,
      expansion: credit - deposit,
      pointsUsed: requested,
      pointValue: policy.pointValue,
      pointsValue,
      finalDue,
      pointsToEarn: pointsEarnedOn(deposit + finalDue, policy),
      presale: presale
        ? {
            finalOpensAt: presale.finalOpensAt,
            finalClosesAt: presale.finalClosesAt,
            remindBeforeMinutes: presale.remindBeforeMinutes,
            ruleSet: presale.ruleSet,
            version: presale.version,
          }
        : null,
    },
  };
}

/** Whether a plan changes anything about how the order is paid (otherwise nothing is recorded). */
export const planMatters = (plan: PaymentPlan): boolean => plan.presale !== null || plan.pointsUsed > 0 || plan.pointsToEarn > 0;
