import { ForbiddenError } from '../errors.js';
import type { Principal, RegionCode } from './principal.js';

/** The facts about an order that decide who may see or change it. */
export interface OrderAccessFacts {
  region: RegionCode;
  customerRef: string;
}

/** Customers see their own orders; operators and carriers their regions'; auditors and admins all. */
export function canReadOrder(principal: Principal, order: OrderAccessFacts): boolean {
  switch (principal.role) {
    case 'admin':
    case 'auditor':
    case 'tax_auditor':
    case 'service':
      return true;
    case 'operator':
    case 'customer_service':
    case 'warehouse':
    case 'carrier':
    case 'bookkeeping':
      return principal.regions.includes(order.region);
    case 'customer':
      return principal.subject === order.customerRef;
    case 'catalogue_manager':
    case 'rules_editor':
    case 'rules_approver':
      return false;
  }
}

/** Auditors are read-only by definition; every other role is then limited by `canReadOrder`. */
export function assertMayWrite(principal: Principal): void {
  if (principal.role === 'auditor' || principal.role === 'tax_auditor') throw new ForbiddenError('Auditors have read-only access');
}

export function assertCanReadOrder(principal: Principal, order: OrderAccessFacts): void {
  if (!canReadOrder(principal, order)) throw new ForbiddenError("This order is outside the caller's scope");
}

/** Regions a principal may list orders in; `undefined` means every region. */
export function readableRegions(principal: Principal): RegionCode[] | undefined {
  return isRegionScoped(principal) ? principal.regions : undefined;
}

/** Staff roles whose reach is the regions named in their token. */
export function isRegionScoped(principal: Principal): boolean {
  return ['operator', 'customer_service', 'warehouse', 'carrier', 'bookkeeping'].includes(principal.role);
}
