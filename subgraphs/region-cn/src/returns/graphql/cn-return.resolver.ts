import { Arg, Authorized, createUnionType, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '@hub/shared/graphql/context';
import { replacedByPayloadMutation as DEPRECATED, withUserErrors } from '@hub/shared/graphql/user-error';
import { CnPickupSlotView, CnReturnPickupView } from '../../pickups/graphql/cn-pickup.types.js';
import { CnRefundView } from '../../refunds/graphql/cn-refund.types.js';
import { giftsDueBack } from '../../rules/refund-amount.rules.js';
import { isRefundLate } from '../../rules/refund-deadline.rules.js';
import { isOpenReturn } from '../../rules/return-steps.rules.js';
import type { ReturnServices } from '../return-services.js';
import { CnOrderGiftView } from './cn-order-gift.type.js';
import { CnReturnStepInput, InspectCnReturnInput, RequestCnReturnInput } from './cn-return.inputs.js';
import { toRefusalView, toReturnLineView, toReturnView } from './cn-return.mapper.js';
import { CnReturnInspectPayload, CnReturnRequestPayload, CnReturnWithdrawPayload, refusalUserError } from './cn-return.payloads.js';
import { CnReturnLineView, CnReturnRefused, CnReturnView } from './cn-return.types.js';
import { loadOrderGifts, loadOrderLines, loadPickup, loadRefund, loadReturnLines } from './return.loaders.js';

export const CnReturnRequestResult = createUnionType({
  name: 'CnReturnRequestResult',
  description: 'The return, or why it was refused (a value, not an error: the client shows the reason).',
  types: () => [CnReturnView, CnReturnRefused] as const,
  resolveType: (value) => (value instanceof CnReturnRefused ? CnReturnRefused : CnReturnView),
});

export const STEP = { description: 'The return and the version last read.' } as const;
const INPUT = { description: 'The order, the lines and units to return, and where to refund.' } as const;
const INSPECTION = { description: 'What the warehouse found, line by line.' } as const;

export function createCnReturnResolvers(services: ReturnServices) {
  const { orm, clock } = services;

  @Resolver(() => CnReturnView)
  class CnReturnResolver {
    @Authorized('customer', 'customer_service', 'operator', 'admin')
    @Mutation(() => CnReturnRequestResult, {
      description: 'Asks for a 7-day no-reason return of some lines and units. Repeating the idempotency key answers with the same return.',
      deprecationReason: DEPRECATED('cnReturnRequest'),
    })
    async requestCnReturn(
      @Arg('input', () => RequestCnReturnInput, INPUT) input: RequestCnReturnInput,
      @Ctx() { principal }: RequestContext,
    ): Promise<typeof CnReturnRequestResult> {
      const result = await services.requests.request(principal, input);
      return 'refused' in result ? toRefusalView(result) : toReturnView(result);
    }

    @Authorized('customer', 'customer_service', 'operator', 'admin')
    @Mutation(() => CnReturnView, { description: 'Withdraws a return before the courier picked it up.', deprecationReason: DEPRECATED('cnReturnWithdraw') })
    async withdrawCnReturn(@Arg('input', () => CnReturnStepInput, STEP) input: CnReturnStepInput, @Ctx() { principal }: RequestContext): Promise<CnReturnView> {
      return toReturnView(await services.requests.withdraw(principal, input));
    }

    @Authorized('warehouse', 'operator', 'admin')
    @Mutation(() => CnReturnView, {
      description: 'Records receipt and inspection of the returned goods, line by line.',
      deprecationReason: DEPRECATED('cnReturnInspect'),
    })
    async inspectCnReturn(
      @Arg('input', () => InspectCnReturnInput, INSPECTION) input: InspectCnReturnInput,
      @Ctx() { principal }: RequestContext,
    ): Promise<CnReturnView> {
      return toReturnView(await services.receipts.inspect(principal, input));
    }

    @Authorized('customer', 'customer_service', 'operator', 'admin')
    @Mutation(() => CnReturnRequestPayload, {
      description:
        'Asks for a 7-day no-reason return of some lines and units. A line that cannot be returned as asked is `RETURN_NOT_ELIGIBLE` in `userErrors`, with the details in `refusal`. Repeating the idempotency key answers with the same return.',
    })
    async cnReturnRequest(
      @Arg('input', () => RequestCnReturnInput, INPUT) input: RequestCnReturnInput,
      @Ctx() context: RequestContext,
    ): Promise<CnReturnRequestPayload> {
      return withUserErrors(async () => {
        const result = await this.requestCnReturn(input, context);
        if (!(result instanceof CnReturnRefused)) return { return: result, userErrors: [] };
        return {
          refusal: result,
          userErrors: [
            refusalUserError(
              result,
              input.lines.map((line) => line.lineNo),
            ),
          ],
        };
      });
    }

    @Authorized('customer', 'customer_service', 'operator', 'admin')
    @Mutation(() => CnReturnWithdrawPayload, { description: 'Withdraws a return before the courier picked it up; refusals come in `userErrors`.' })
    async cnReturnWithdraw(@Arg('input', () => CnReturnStepInput, STEP) input: CnReturnStepInput, @Ctx() context: RequestContext) {
      return withUserErrors(async () => ({ return: await this.withdrawCnReturn(input, context) }));
    }

    @Authorized('warehouse', 'operator', 'admin')
    @Mutation(() => CnReturnInspectPayload, {
      description: 'Records receipt and inspection of the returned goods, line by line; refusals come in `userErrors`.',
    })
    async cnReturnInspect(@Arg('input', () => InspectCnReturnInput, INSPECTION) input: InspectCnReturnInput, @Ctx() context: RequestContext) {
      return withUserErrors(async () => ({ return: await this.inspectCnReturn(input, context) }));
    }

    @FieldResolver(() => [CnReturnLineView], { description: 'The lines and units returned, with what inspection found.' })
    async lines(@Root() ret: CnReturnView, @Ctx() context: RequestContext): Promise<CnReturnLineView[]> {
      return (await loadReturnLines(context, orm, ret.id)).map(toReturnLineView);
    }

    @FieldResolver(() => CnReturnPickupView, { nullable: true, description: 'The booked door pickup; null before one is booked.' })
    async pickup(@Root() ret: CnReturnView, @Ctx() context: RequestContext): Promise<CnReturnPickupView | null> {
      const pickup = await loadPickup(context, orm, ret.id);
      if (!pickup) return null;
      const slot = pickup.slot;
      const slotView: CnPickupSlotView = {
        id: slot.id,
        province: slot.province,
        city: slot.city,
        district: slot.district,
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
        capacity: slot.capacity,
        remaining: slot.capacity - slot.booked,
        fee: slot.fee,
      };
      return {
        id: ret.id,
        slot: slotView,
        state: pickup.state,
        fee: pickup.fee,
        feeConsentedAt: pickup.feeConsentedAt ?? null,
        pickedUpAt: pickup.pickedUpAt ?? null,
      };
    }

    @FieldResolver(() => CnRefundView, { nullable: true, description: 'The refund; null until the return is settled.' })
    async refund(@Root() ret: CnReturnView, @Ctx() context: RequestContext): Promise<CnRefundView | null> {
      const refund = await loadRefund(context, orm, ret.id);
      if (!refund) return null;
      return {
        id: refund.id,
        currency: refund.currency,
        goodsAmount: refund.goodsAmount,
        giftDeduction: refund.giftDeduction,
        pickupFeeDeduction: refund.pickupFeeDeduction,
        amount: refund.amount,
        depositRefunded: refund.paymentSplit?.depositCash ?? 0,
        expansionKept: refund.paymentSplit?.expansionForfeited ?? 0,
        pointsBack: refund.paymentSplit?.pointsBack ?? 0,
        pointsEarnedBack: refund.paymentSplit?.pointsEarnedBack ?? 0,
        lines: refund.lines.map((line) => ({ ...line, id: `${refund.id}:${line.lineNo}` })),
        destination: refund.destination,
        issuedAt: refund.issuedAt,
        dueBefore: refund.dueBefore,
        late: isRefundLate(refund.dueBefore, refund.issuedAt, clock()),
      };
    }

    @FieldResolver(() => [CnOrderGiftView], { description: 'Gifts to send back with this open return: those whose lines it returns in full.' })
    async giftsToReturn(@Root() ret: CnReturnView, @Ctx() context: RequestContext): Promise<CnOrderGiftView[]> {
      if (!isOpenReturn(ret.state)) return [];
      const [lines, gifts] = await Promise.all([loadOrderLines(context, orm, ret.orderId), loadOrderGifts(context, orm, ret.orderId)]);
      const units = (count: (line: (typeof lines)[number]) => number) =>
        new Map(lines.map((line) => [line.lineNo, { quantity: line.quantity, returned: count(line) }]));
      const asGifts = gifts.map((gift) => ({ ...gift, declaredValue: gift.declaredValue ?? null }));
      const dueEarlier = new Set(
        giftsDueBack(
          asGifts,
          units((line) => line.refundedQuantity),
        ).map((gift) => gift.giftNo),
      );
      return giftsDueBack(
        asGifts,
        units((line) => line.claimedQuantity),
      )
        .filter((gift) => !dueEarlier.has(gift.giftNo))
        .map(({ giftNo, kind, description, declaredValue }) => ({ id: `${ret.orderId}:${giftNo}`, giftNo, kind, description, declaredValue }));
    }
  }

  return [CnReturnResolver] as const;
}
