import { isUUID } from 'class-validator';
import { Args, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { InputValidationError } from '@hub/shared/errors';
import { connectionType, decodeTimeIdCursor, pageSize, toConnection } from '@hub/shared/graphql/connection';
import type { RequestContext } from '@hub/shared/graphql/context';
import { OrderReference } from '@hub/shared/region/order-reference.type';
import { listReturns } from '../return-list.query.js';
import { RETURN_DESK_ROLES } from '../order-access.js';
import type { ReturnServices } from '../return-services.js';
import { CnReturnsArgs } from './cn-return-list.inputs.js';
import { toReturnView } from './cn-return.mapper.js';
import { CnReturnView } from './cn-return.types.js';

const CnReturnConnection = connectionType(CnReturnView, 'CnReturn', 'A page of CN returns, in the order asked for.');

function decodeReturnCursor(after: string): { at: Date; id: string } {
  const cursor = decodeTimeIdCursor(after);
  if (!isUUID(cursor.id)) throw new InputValidationError('after', 'Not a cursor of this list: pass the endCursor of the previous page');
  return cursor;
}

/** The staff work list of CN returns, every state included, and each return's order for the gateway to complete. */
export function createCnReturnListResolvers({ orm }: ReturnServices) {
  @Resolver(() => CnReturnView)
  class CnReturnListResolver {
    @Authorized(...RETURN_DESK_ROLES)
    @Query(() => CnReturnConnection, {
      description:
        'CN returns for service staff, filtered by state and request time, newest or oldest request first. Holds no personal data: the order (`order`) is disclosed by its own rules.',
    })
    async cnReturns(@Args(() => CnReturnsArgs) args: CnReturnsArgs, @Ctx() { principal }: RequestContext) {
      const rows = await listReturns(orm, principal, args.filter ?? {}, args.sort, {
        limit: pageSize(args) + 1,
        ...(args.after ? { after: decodeReturnCursor(args.after) } : {}),
      });
      return toConnection(rows, args, (ret) => [ret.requestedAt.toISOString(), ret.id], toReturnView);
    }

    @FieldResolver(() => OrderReference, { description: 'The order the goods came from; its fields come from the services that own them.' })
    order(@Root() ret: CnReturnView): OrderReference {
      return { id: ret.orderId };
    }
  }

  return [CnReturnListResolver] as const;
}
