import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '@hub/shared/graphql/context';
import { CnReturnStepInput } from '../../returns/graphql/cn-return.inputs.js';
import { toReturnView } from '../../returns/graphql/cn-return.mapper.js';
import { CnReturnView } from '../../returns/graphql/cn-return.types.js';
import type { ReturnServices } from '../../returns/return-services.js';
import { listOverdueRefunds } from '../overdue-refunds.query.js';
import { CnOverdueRefund } from './cn-refund.types.js';

export function createCnRefundResolvers(services: ReturnServices) {
  @Resolver()
  class CnRefundResolver {
    @Authorized('operator', 'admin')
    @Mutation(() => CnReturnView, { description: 'Refunds the complete lines of an inspected return, or rejects it when none was complete. Settling twice changes nothing.' })
    async settleCnReturn(@Arg('input', () => CnReturnStepInput) input: CnReturnStepInput, @Ctx() { principal }: RequestContext): Promise<CnReturnView> {
      return toReturnView(await services.refunds.settle(principal, input));
    }

    @Authorized('operator', 'customer_service', 'auditor', 'admin')
    @Query(() => [CnOverdueRefund], { description: 'Refunds past their 7-day deadline and not yet issued, oldest first.' })
    async cnOverdueRefunds(@Ctx() { principal }: RequestContext): Promise<CnOverdueRefund[]> {
      return (await listOverdueRefunds(services.orm, principal, services.clock()))
        .map(({ ret, orderNumber, daysOverdue }) => ({ ret: toReturnView(ret), orderNumber, daysOverdue }));
    }
  }

  return [CnRefundResolver] as const;
}
