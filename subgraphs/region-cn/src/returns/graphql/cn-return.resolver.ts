import { Arg, Authorized, createUnionType, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '@hub/shared/graphql/context';
import { CnPickupSlotView, CnReturnPickupView } from '../../pickups/graphql/cn-pickup.types.js';
import { CnRefundView } from '../../refunds/graphql/cn-refund.types.js';
import { giftsDueBack } from '../../rules/refund-amount.rules.js';
import { isRefundLate } from '../../rules/refund-deadline.rules.js';
import { isOpenReturn } from '../../rules/return-steps.rules.js';
import type { ReturnServices } from '../return-services.js';
import { CnOrderGiftView } from './cn-order-gift.type.js';
import { CnReturnStepInput, InspectCnReturnInput, RequestCnReturnInput } from './cn-return.inputs.js';
import { toRefusalView, toReturnLineView, toReturnView } from './cn-return.mapper.js';
import { CnReturnLineView, CnReturnRefused, CnReturnView } from './cn-return.types.js';
import { loadOrderGifts, loadOrderLines, loadPickup, loadRefund, loadReturnLines } from './return.loaders.js';

export const CnReturnRequestResult = createUnionType({
  name: 'CnReturnRequestResult',
  description: 'The return, or why it was refused (a value, not an error: the client shows the reason).',
  types: () => [CnReturnView, CnReturnRefused] as const,
  resolveType: (value) => (value instanceof CnReturnRefused ? CnReturnRefused : CnReturnView),
});

export function createCnReturnResolvers(services: ReturnServices) {
  const { orm, clock } = services;

  @Resolver(() => CnReturnView)
  class CnReturnResolver {
    @Authorized('customer', 'customer_service', 'operator', 'admin')
    @Mutation(() => CnReturnRequestResult, { description: 'Asks for a 7-day no-reason return of some lines and units. Repeating the idempotency key answers with the same return.' })
    async requestCnReturn(@Arg('input', () => RequestCnReturnInput) input: RequestCnReturnInput, @Ctx() { principal }: RequestContext): Promise<typeof CnReturnRequestResult> {
      const result = await services.requests.request(principal, input);
      return 'refused' in result ? toRefusalView(result) : toReturnView(result);
    }

    @Authorized('customer', 'customer_service', 'operator', 'admin')
    @Mutation(() => CnReturnView, { description: 'Withdraws a return before the courier picked it up.' })
    async withdrawCnReturn(@Arg('input', () => CnReturnStepInput) input: CnReturnStepInput, @Ctx() { principal }: RequestContext): Promise<CnReturnView> {
      return toReturnView(await services.requests.withdraw(principal, input));
    }

    @Authorized('warehouse', 'operator', 'admin')
    @Mutation(() => CnReturnView, { description: 'Records receipt and inspection of the returned goods, line by line.' })
    async inspectCnReturn(@Arg('input', () => InspectCnReturnInput) input: InspectCnReturnInput, @Ctx() { principal }: RequestContext): Promise<CnReturnView> {
      return toReturnView(await services.receipts.inspect(principal, input));
    }

    @FieldResolver(() => [CnReturnLineView])
    async lines(@Root() ret: CnReturnView, @Ctx() context: RequestContext): Promise<CnReturnLineView[]> {
      return (await loadReturnLines(context, orm, ret.id)).map(toReturnLineView);
    }

    @FieldResolver(() => CnReturnPickupView, { nullable: true })
    async pickup(@Root() ret: CnReturnView, @Ctx() context: RequestContext): Promise<CnReturnPickupView | null> {
      const pickup = await loadPickup(context, orm, ret.id);
      if (!pickup) return null;
      const slot = pickup.slot;
      const slotView: CnPickupSlotView = {
        id: slot.id, province: slot.province, city: slot.city, district: slot.district, startsAt: slot.startsAt, endsAt: slot.endsAt,
        capacity: slot.capacity, remaining: slot.capacity - slot.booked, fee: slot.fee,
      };
      return { slot: slotView, state: pickup.state, fee: pickup.fee, feeConsentedAt: pickup.feeConsentedAt ?? null, pickedUpAt: pickup.pickedUpAt ?? null };
    }

    @FieldResolver(() => CnRefundView, { nullable: true })
    async refund(@Root() ret: CnReturnView, @Ctx() context: RequestContext): Promise<CnRefundView | null> {
      const refund = await loadRefund(context, orm, ret.id);
      if (!refund) return null;
      return {
        id: refund.id, currency: refund.currency, goodsAmount: refund.goodsAmount, giftDeduction: refund.giftDeduction,
        pickupFeeDeduction: refund.pickupFeeDeduction, amount: refund.amount, lines: refund.lines, destination: refund.destination,
        issuedAt: refund.issuedAt, dueBefore: refund.dueBefore, late: isRefundLate(refund.dueBefore, refund.issuedAt, clock()),
      };
    }

    @FieldResolver(() => [CnOrderGiftView], { description: 'Gifts to send back with this open return: those whose lines it returns in full.' })
    async giftsToReturn(@Root() ret: CnReturnView, @Ctx() context: RequestContext): Promise<CnOrderGiftView[]> {
      if (!isOpenReturn(ret.state)) return [];
      const [lines, gifts] = await Promise.all([loadOrderLines(context, orm, ret.orderId), loadOrderGifts(context, orm, ret.orderId)]);
      const units = (count: (line: (typeof lines)[number]) => number) => new Map(lines.map((line) => [line.lineNo, { quantity: line.quantity, returned: count(line) }]));
      const asGifts = gifts.map((gift) => ({ ...gift, declaredValue: gift.declaredValue ?? null }));
      const dueEarlier = new Set(giftsDueBack(asGifts, units((line) => line.refundedQuantity)).map((gift) => gift.giftNo));
      return giftsDueBack(asGifts, units((line) => line.claimedQuantity)).filter((gift) => !dueEarlier.has(gift.giftNo))
        .map(({ giftNo, kind, description, declaredValue }) => ({ giftNo, kind, description, declaredValue }));
    }
  }

  return [CnReturnResolver] as const;
}
