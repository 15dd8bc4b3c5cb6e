import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '@hub/shared/graphql/context';
import { CnOrderDetails } from '../../orders/cn-order.types.js';
import { isOpenReturn } from '../../rules/return-steps.rules.js';
import { firstSignedAt, returnWindow } from '../../rules/return-window.rules.js';
import { eligibilityOf } from '../order-return-facts.js';
import type { ReturnServices } from '../return-services.js';
import { toEligibilityView, toReturnView } from './cn-return.mapper.js';
import { CnLineReturnEligibility, CnReturnView } from './cn-return.types.js';
import { loadOrderLines, loadReturnsOfOrder, loadSigningEvents } from './return.loaders.js';

/** Returns as part of `Order.cn`: what can be returned now (before the customer asks) and the returns so far. */
export function createCnOrderReturnsResolvers({ orm, clock }: ReturnServices) {
  @Resolver(() => CnOrderDetails)
  class CnOrderReturnsResolver {
    @FieldResolver(() => [CnLineReturnEligibility], { description: '7-day no-reason return eligibility of every line, as of now.' })
    async returnEligibility(@Root() details: CnOrderDetails, @Ctx() context: RequestContext): Promise<CnLineReturnEligibility[]> {
      const [lines, signing, returns] = await Promise.all([
        loadOrderLines(context, orm, details.orderId),
        loadSigningEvents(context, orm, details.orderId),
        loadReturnsOfOrder(context, orm, details.orderId),
      ]);
      const signedAt = firstSignedAt(signing);
      const facts = { lines, window: signedAt ? returnWindow(signedAt) : null, returnInProgress: returns.some((ret) => isOpenReturn(ret.state)) };
      return eligibilityOf(facts, clock()).map(toEligibilityView);
    }

    @FieldResolver(() => [CnReturnView], { description: 'Every return of the order, oldest first.' })
    async returns(@Root() details: CnOrderDetails, @Ctx() context: RequestContext): Promise<CnReturnView[]> {
      return (await loadReturnsOfOrder(context, orm, details.orderId)).map(toReturnView);
    }
  }

  return [CnOrderReturnsResolver] as const;
}
