import type { Principal } from '@hub/shared/auth/principal';

/**
 * What a `service` token (a partner WMS, a scanner gateway) must declare as its purpose to record physical
 * facts at a node. A scope per kind of fact, so a partner that scans parcels cannot also book stock.
 */
export const PARTNER_SCOPES = {
  /** Picking, packing and hand-over to the carrier (`shipmentStepRecord`). */
  warehouseSteps: 'fulfilment.warehouse-steps',
  /** Goods in: receipts, counted adjustments, transfer receipts. */
  stock: 'fulfilment.stock',
} as const;
export type PartnerScope = (typeof PARTNER_SCOPES)[keyof typeof PARTNER_SCOPES];

export type NodeActionDecision = { allowed: true } | { allowed: false; reason: string };

/**
 * Who may record what physically happens at a node of `nodeRegion` (null: the node is not known, and the
 * caller then gets the use case's own NOT_FOUND). Admins anywhere; warehouse staff and operators in the regions
 * of their token; a service only with the scope for this kind of fact *and* the node's region named in its
 * token, because a partner runs particular warehouses (least privilege; an unscoped hub-service token is not a
 * warehouse). Everyone else: no.
 */
export function decideNodeAction(
  principal: Pick<Principal, 'role' | 'regions' | 'purpose'>,
  nodeRegion: string | null,
  scope: PartnerScope,
): NodeActionDecision {
  const inRegion = nodeRegion === null || principal.regions.includes(nodeRegion);
  switch (principal.role) {
    case 'admin':
      return { allowed: true };
    case 'warehouse':
    case 'operator':
      return inRegion ? { allowed: true } : { allowed: false, reason: "The node is outside the caller's regions" };
    case 'service':
      if (principal.purpose !== scope) return { allowed: false, reason: `A service token needs the purpose ${scope} for this` };
      if (principal.regions.length === 0) return { allowed: false, reason: 'A service token must name the regions of the nodes it acts for' };
      return inRegion ? { allowed: true } : { allowed: false, reason: "The node is outside the token's regions" };
    default:
      return { allowed: false, reason: 'This role does not record warehouse facts' };
  }
}
