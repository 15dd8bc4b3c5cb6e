import type { Principal } from '@hub/shared/auth/principal';

/**
 * Which orders travel together in a consignment is operational data about a customer's orders: staff who run the
 * consignment's node (operators and warehouse staff of its region, admins anywhere, auditors read-only) see the
 * member order ids; everyone else, the customer included, sees only how many orders travel together, so an answer
 * never names an order the caller may not read.
 */
export function mayListConsignmentMembers(principal: Pick<Principal, 'role' | 'regions'>, nodeRegion: string): boolean {
  switch (principal.role) {
    case 'admin':
    case 'auditor':
      return true;
    case 'operator':
    case 'warehouse':
      return principal.regions.includes(nodeRegion);
    default:
      return false;
  }
}

export type ConsignmentState = 'HOLDING' | 'RELEASED' | 'CANCELLED';
export type ConsignmentStatusName = 'HELD' | 'RELEASED' | 'CANCELLED';

/** The API's word for a consignment's state: HELD while it waits at its node, RELEASED once it left as one, CANCELLED once emptied. */
export function consignmentStatusOf(state: ConsignmentState): ConsignmentStatusName {
  return state === 'HOLDING' ? 'HELD' : state;
}

/** The stored state an API status filter means. */
export function consignmentStateOf(status: ConsignmentStatusName): ConsignmentState {
  return status === 'HELD' ? 'HOLDING' : status;
}

/** Shipments that no longer travel (withdrawn with their order, moved off a node, expired): not members any more. */
export const WITHDRAWN_SHIPMENT_STATES = ['CANCELLED', 'REALLOCATED', 'EXPIRED'] as const;
