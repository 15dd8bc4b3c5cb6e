import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { Args } from 'type-graphql';
import { ConnectionArgs, connectionType, decodeTimeIdCursor, pageSize, toConnection } from '@hub/shared/graphql/connection';
import type { RequestContext } from '@hub/shared/graphql/context';
import { replacedByPayloadMutation as DEPRECATED, withUserErrors } from '@hub/shared/graphql/user-error';
import { CnReturnSettlePayload } from '../../returns/graphql/cn-return.payloads.js';
import { STEP } from '../../returns/graphql/cn-return.resolver.js';
import { CnReturnStepInput } from '../../returns/graphql/cn-return.inputs.js';
import { toReturnView } from '../../returns/graphql/cn-return.mapper.js';
import { CnReturnView } from '../../returns/graphql/cn-return.types.js';
import { RETURN_DESK_ROLES } from '../../returns/order-access.js';
import type { ReturnServices } from '../../returns/return-services.js';
import { listOverdueRefunds } from '../overdue-refunds.query.js';
import { CnOverdueRefund } from './cn-refund.types.js';

const CnOverdueRefundConnection = connectionType(CnOverdueRefund, 'CnOverdueRefund', 'A page of overdue refunds, oldest deadline first.');

const toOverdueView = ({ ret, orderNumber, daysOverdue }: Awaited<ReturnType<typeof listOverdueRefunds>>[number]): CnOverdueRefund => ({
  id: ret.id,
  ret: toReturnView(ret),
  orderNumber,
  daysOverdue,
});

export function createCnRefundResolvers(services: ReturnServices) {
  @Resolver()
  class CnRefundResolver {
    @Authorized('operator', 'admin')
    @Mutation(() => CnReturnView, {
      description: 'Refunds the complete lines of an inspected return, or rejects it when none was complete. Settling twice changes nothing.',
      deprecationReason: DEPRECATED('cnReturnSettle'),
    })
    async settleCnReturn(@Arg('input', () => CnReturnStepInput, STEP) input: CnReturnStepInput, @Ctx() { principal }: RequestContext): Promise<CnReturnView> {
      return toReturnView(await services.refunds.settle(principal, input));
    }

    @Authorized('operator', 'admin')
    @Mutation(() => CnReturnSettlePayload, {
      description:
        'Refunds the complete lines of an inspected return, or rejects it when none was complete. Settling twice changes nothing; refusals come in `userErrors`.',
    })
    async cnReturnSettle(@Arg('input', () => CnReturnStepInput, STEP) input: CnReturnStepInput, @Ctx() context: RequestContext) {
      return withUserErrors(async () => ({ return: await this.settleCnReturn(input, context) }));
    }

    @Authorized(...RETURN_DESK_ROLES)
    @Query(() => [CnOverdueRefund], {
      description: 'Refunds past their 7-day deadline and not yet issued, oldest first.',
      deprecationReason: 'Use `cnOverdueRefundsConnection`, which pages with a cursor.',
    })
    async cnOverdueRefunds(@Ctx() { principal }: RequestContext): Promise<CnOverdueRefund[]> {
      return (await listOverdueRefunds(services.orm, principal, services.clock())).map(toOverdueView);
    }

    @Authorized(...RETURN_DESK_ROLES)
    @Query(() => CnOverdueRefundConnection, { description: 'Refunds past their 7-day deadline and not yet issued, oldest deadline first.' })
    async cnOverdueRefundsConnection(@Args(() => ConnectionArgs) page: ConnectionArgs, @Ctx() { principal }: RequestContext) {
      const after = page.after ? decodeTimeIdCursor(page.after) : undefined;
      const overdue = await listOverdueRefunds(services.orm, principal, services.clock(), {
        limit: pageSize(page) + 1,
        ...(after ? { after: { dueBefore: after.at, returnId: after.id } } : {}),
      });
      return toConnection(overdue, page, ({ ret }) => [ret.refundDueBefore!.toISOString(), ret.id], toOverdueView);
    }
  }

  return [CnRefundResolver] as const;
}
