import { IsInt, IsOptional, IsString, IsUUID, Length, Min } from 'class-validator';
import { Arg, Authorized, Ctx, Field, ID, InputType, Int, Mutation, Query, Resolver } from 'type-graphql';
import { actorOf } from '@hub/shared/auth/principal';
import type { RequestContext } from '@hub/shared/graphql/context';
import { withUserErrors } from '@hub/shared/graphql/user-error';
import type { OrderHoldService } from '../order-hold.service.js';
import type { OrderQueryService } from '../order-query.service.js';
import { toOrderView } from './order.mapper.js';
import { OrderStatusChangePayload, OrderView } from './order.types.js';

@InputType({ description: 'One approval of an order an order rule held for review.' })
export class OrderHoldApproveInput {
  @Field(() => ID, { description: 'The held order.' }) @IsUUID() orderId!: string;
  @Field(() => Int, { description: 'The version the approver reviewed; a stale one is refused with CONFLICT.' }) @IsInt() @Min(1) expectedVersion!: number;
  @Field(() => String, { nullable: true, description: 'What the approver checked, kept on the timeline (at most 300 characters).' })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  note?: string;
}

export function createOrderHoldResolver(queries: OrderQueryService, holds: OrderHoldService) {
  @Resolver()
  class OrderHoldResolver {
    @Authorized('admin', 'operator')
    @Query(() => [OrderView], {
      description:
        "Held orders waiting for an approval the caller may give: in the caller's regions, not cancelled, not yet approved by the caller; oldest first, at most `first` (1 to 100).",
    })
    async heldOrdersAwaitingMyApproval(
      @Arg('first', () => Int, { defaultValue: 20, description: 'How many, 1 to 100.' }) first: number,
      @Ctx() { principal }: RequestContext,
    ) {
      return (await queries.heldAwaitingApprovalBy(principal, actorOf(principal), first)).map(toOrderView);
    }

    @Authorized('admin', 'operator')
    @Mutation(() => OrderStatusChangePayload, {
      description:
        'Approves one level of an order-rule hold (each level by a different approver); the last level releases the order to fulfilment. The approval is a timeline step with its actor. A missing hold, a repeated approver or a stale version is answered in `userErrors`.',
    })
    async orderHoldApprove(
      @Arg('input', () => OrderHoldApproveInput, { description: 'The order, the version reviewed and a note.' }) input: OrderHoldApproveInput,
      @Ctx() { principal }: RequestContext,
    ) {
      return withUserErrors(async () => {
        const snapshot = await holds.approve(principal, actorOf(principal), {
          orderId: input.orderId,
          expectedVersion: input.expectedVersion,
          ...(input.note ? { note: input.note } : {}),
        });
        return { order: toOrderView(await queries.getById(principal, snapshot.orderId)) };
      });
    }
  }
  return OrderHoldResolver;
}
