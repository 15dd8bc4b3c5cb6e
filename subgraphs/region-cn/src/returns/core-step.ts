import { createHash } from 'node:crypto';
import { actorOf, type Principal } from '@hub/shared/auth/principal';
import type { CoreClient } from '@hub/shared/messaging/core-client';
import type { OrderSnapshot } from '@hub/shared/messaging/contracts';
import { RETURN_STEPS, type ReturnStep } from '../rules/return-steps.rules.js';

/**
 * Records a return step in the order's timeline in core, as the caller (customer, courier, warehouse,
 * operator). The request id is derived from the return and the version it is moving from, so a retry after
 * a failure on either side finds core's earlier answer instead of adding a second step.
 */
export async function recordStepInCore(
  core: CoreClient,
  principal: Principal,
  step: { orderId: string; step: ReturnStep; requestId: string; note?: string },
): Promise<OrderSnapshot | null> {
  const to = RETURN_STEPS[step.step].orderStatus;
  if (!to) return null;
  return core.transitionOrder({
    orderId: step.orderId, to, requestId: step.requestId, actor: actorOf(principal), ...(step.note ? { note: step.note } : {}),
  });
}

export const stepRequestId = (returnId: string, version: number, step: ReturnStep) => `cn-return:${returnId}:v${version}:${step}`;

/** A new return has no id yet on a retry, so its request id comes from what the client repeats: order, caller and key. */
export function newReturnRequestId(orderId: string, requestedBy: string, idempotencyKey: string): string {
  return `cn-return-request:${createHash('sha256').update(`${orderId}\n${requestedBy}\n${idempotencyKey}`).digest('hex')}`;
}
