import type { Principal } from '@hub/shared/auth/principal';
import { ForbiddenError } from '@hub/shared/errors';
import { decideNodeAction, type PartnerScope } from './node-access.rules.js';

/** Throws FORBIDDEN (with the rule's reason, which names no person) unless the caller may act at the node. */
export function assertNodeAction(principal: Principal, nodeRegion: string | null | undefined, scope: PartnerScope): void {
  const decision = decideNodeAction(principal, nodeRegion ?? null, scope);
  if (!decision.allowed) throw new ForbiddenError(decision.reason);
}
