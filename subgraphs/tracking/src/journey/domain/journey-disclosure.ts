import type { Principal } from '@hub/shared/auth/principal';
import { EVENT_KINDS, isKeyNode, type EventKind } from '../../events/domain/event-kinds.js';
import type { CustomerTier } from '../../notices/domain/notice-tiering.js';

/** What a viewer may see of a journey: which steps, and whether with coordinates and staff ids. */
export interface JourneyDisclosure {
  kinds: readonly EventKind[];
  location: boolean;
  actor: boolean;
}

const ALL = EVENT_KINDS;
const KEY_NODES = EVENT_KINDS.filter(isKeyNode);

/**
 * Staff see everything; a VIP customer every step with where it happened; other customers the key nodes
 * only. No customer sees the courier's staff id: it identifies an employee, not the parcel.
 */
export function journeyDisclosure(principal: Principal, tier: CustomerTier): JourneyDisclosure {
  if (principal.role !== 'customer') return { kinds: ALL, location: true, actor: true };
  if (tier === 'VIP') return { kinds: ALL, location: true, actor: false };
  return { kinds: KEY_NODES, location: false, actor: false };
}
