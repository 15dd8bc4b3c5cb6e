import type { EntityManager } from '@mikro-orm/postgresql';
import { assertCanReadOrder, assertMayWrite, readableRegions } from '@hub/shared/auth/access';
import type { Principal } from '@hub/shared/auth/principal';
import { ForbiddenError, NotFoundError } from '@hub/shared/errors';
import { RegionalOrder } from '@hub/shared/region/regional-order.entity';

export const REGION = 'cn';

/** Staff who read CN return and refund work lists; each is then held to region cn by `assertWorksInCn`. */
export const RETURN_DESK_ROLES = ['operator', 'customer_service', 'auditor', 'admin'] as const;

/** Region-scoped staff must have region cn in their token; admins and auditors reach every region. */
export function assertWorksInCn(principal: Principal): void {
  const regions = readableRegions(principal);
  if (regions && !regions.includes(REGION)) throw new ForbiddenError('The caller does not work in region cn');
}

/** The CN order a return step acts on, once the caller is known to be allowed to change it. */
export async function loadWritableOrder(em: EntityManager, principal: Principal, orderId: string): Promise<RegionalOrder> {
  const order = await em.findOne(RegionalOrder, { orderId });
  if (!order) throw new NotFoundError('Order', orderId);
  assertCanReadOrder(principal, { region: REGION, customerRef: order.customerRef });
  assertMayWrite(principal);
  return order;
}

/** Whether the caller acts for themself as the order's customer, which only they can consent for. */
export function isTheCustomer(principal: Principal, order: Pick<RegionalOrder, 'customerRef'>): boolean {
  return principal.role === 'customer' && principal.subject === order.customerRef;
}
