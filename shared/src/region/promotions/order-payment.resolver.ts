import type { MikroORM } from '@mikro-orm/postgresql';
import { IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { Arg, Authorized, Ctx, Field, GraphQLISODateTime, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { Principal } from '../../auth/principal.js';
import { ForbiddenError } from '../../errors.js';
import type { RequestContext } from '../../graphql/context.js';
import { MutationPayload, withUserErrors } from '../../graphql/user-error.js';
import { OrderReference } from '../order-reference.type.js';
import type { OrderPaymentService } from './order-payment.service.js';
import { PointsLedgerEntry } from './points-ledger.entity.js';
import { balanceOf } from './points-ledger.js';

/** A customer reads their own points; operators and customer service those of their region's customers; admins and auditors all. */
function assertMayReadPoints(principal: Principal, customerRef: string, region: string): void {
  switch (principal.role) {
    case 'admin':
    case 'auditor':
      return;
    case 'customer':
      if (principal.subject === customerRef) return;
      break;
    case 'operator':
    case 'customer_service':
      if (principal.regions.includes(region)) return;
      break;
    default:
      break;
  }
  throw new ForbiddenError('The caller may not read these points');
}

/**
 * `<region>OrderFinalPay` (a presale's final payment) and `<region>Points` (a customer's balance and latest ledger
 * entries), answered by the region alone: the ledger and the order's payment live in its schema.
 */
export function createOrderPaymentResolvers(region: string, orm: MikroORM, payments: OrderPaymentService) {
  const prefix = region.charAt(0).toUpperCase() + region.slice(1);

  @InputType(`${prefix}OrderFinalPayInput`, { description: "A presale order's final payment." })
  class OrderFinalPayInput {
    @Field(() => ID, { description: 'The presale order.' }) @IsUUID() orderId!: string;
  }

  @ObjectType(`${prefix}OrderFinalPayPayload`, { description: 'The order after its final payment, or why it was refused.' })
  class OrderFinalPayPayload extends MutationPayload {
    @Field(() => OrderReference, { nullable: true, description: 'The order (select its region field for `paymentPlan`); null when refused.' })
    order?: OrderReference;
  }

  @ObjectType(`${prefix}PointsEntry`, { description: 'One change of a points balance; the ledger is append-only.' })
  class PointsEntryView {
    @Field(() => String, { description: 'EARNED, SPENT, REFUNDED (a return or a void order gave them back), EARNED_REVERSED or ADJUSTED.' }) kind!: string;
    @Field(() => Int, { description: 'Signed: positive credits, negative debits.' }) points!: number;
    @Field(() => Int, { description: 'The balance after this change.' }) balanceAfter!: number;
    @Field(() => ID, { nullable: true, description: 'The order it concerns.' }) orderId!: string | null;
    @Field(() => String, { description: 'Why (order paid, a return).' }) reason!: string;
    @Field(() => GraphQLISODateTime, { description: 'When it was recorded.' }) at!: Date;
  }

  @ObjectType(`${prefix}PointsAccount`, { description: `A customer's points in region-${region}.` })
  class PointsAccountView {
    @Field(() => String, { description: "The customer's pseudonymous reference." }) customerRef!: string;
    @Field(() => Int, { description: 'Points available now; never negative.' }) balance!: number;
    @Field(() => [PointsEntryView], { description: 'The latest entries, newest first.' }) entries!: PointsEntryView[];
  }

  @InputType(`${prefix}PointsQueryInput`, { description: 'Whose points, and how many entries.' })
  class PointsQueryInput {
    @Field(() => String, { nullable: true, description: 'Staff name the customer; customers omit it (their own).' })
    @IsOptional()
    @IsString()
    @Length(1, 200)
    customerRef?: string | null;
    @Field(() => Int, { defaultValue: 20, description: 'Entries to return, 1 to 100.' }) @IsInt() @Min(1) @Max(100) last!: number;
  }

  @Resolver()
  class OrderPaymentResolver {
    @Authorized('customer', 'operator', 'customer_service', 'admin')
    @Mutation(() => OrderFinalPayPayload, {
      name: `${region}OrderFinalPay`,
      description:
        "Takes a presale order's final payment inside its window; the order then becomes PAID in core and earns its points. Repeating it answers the paid order. Refusals (FINAL_PAYMENT_NOT_OPEN, FINAL_PAYMENT_CLOSED, NOT_A_PRESALE) come in `userErrors` and change nothing.",
    })
    async pay(
      @Arg('input', () => OrderFinalPayInput, { description: 'The presale order to pay in full.' }) input: OrderFinalPayInput,
      @Ctx() { principal }: RequestContext,
    ): Promise<OrderFinalPayPayload> {
      return withUserErrors(async () => ({ order: { id: (await payments.payFinal(principal, input.orderId)).orderId } as OrderReference }));
    }

    @Authorized('customer', 'operator', 'customer_service', 'admin', 'auditor')
    @Query(() => PointsAccountView, { name: `${region}Points`, description: "A customer's points balance and latest ledger entries (customers: their own)." })
    async points(
      @Arg('input', () => PointsQueryInput, { defaultValue: { last: 20 }, description: 'Whose points (default: the caller) and how many latest entries.' })
      input: PointsQueryInput,
      @Ctx() { principal }: RequestContext,
    ): Promise<PointsAccountView> {
      const customerRef = input.customerRef ?? principal.subject;
      assertMayReadPoints(principal, customerRef, region);
      const em = orm.em.fork();
      const entries = await em.find(PointsLedgerEntry, { customerRef }, { orderBy: { id: 'desc' }, limit: input.last ?? 20 });
      return {
        customerRef,
        balance: await balanceOf(em, customerRef),
        entries: entries.map((entry) => ({
          kind: entry.kind,
          points: entry.points,
          balanceAfter: entry.balanceAfter,
          orderId: entry.orderId ?? null,
          reason: entry.reason,
          at: entry.createdAt,
        })),
      };
    }
  }
  return OrderPaymentResolver;
}
