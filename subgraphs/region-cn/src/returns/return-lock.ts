import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '@hub/shared/auth/principal';
import { ConflictError, NotFoundError } from '@hub/shared/errors';
import type { RegionalOrder } from '@hub/shared/region/regional-order.entity';
import { assertReturnStep, RETURN_STEPS, type ReturnStep } from '../rules/return-steps.rules.js';
import { queueStepForCore } from './core-step.js';
import { loadWritableOrder } from './order-access.js';
import { CnReturn } from './persistence/cn-return.entity.js';

/**
 * Locks a return for one step: concurrent steps on it (a double click, a retried request) wait and then see
 * its new state. A caller's `expectedVersion` is its optimistic lock: a version that moved on means CONFLICT.
 */
export async function lockReturn(
  em: EntityManager,
  principal: Principal,
  returnId: string,
  expectedVersion?: number | null,
): Promise<{ ret: CnReturn; order: RegionalOrder }> {
  const ret = await em.findOne(CnReturn, { id: returnId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!ret) throw new NotFoundError('CnReturn', returnId);
  const order = await loadWritableOrder(em, principal, ret.orderId);
  if (expectedVersion != null && expectedVersion !== ret.version) {
    throw new ConflictError('The return was changed meanwhile; reload it and try again', {
      field: 'expectedVersion',
      expectedVersion,
      actualVersion: ret.version,
    });
  }
  return { ret, order };
}

/** Moves a locked return one step and queues the step for the order's timeline in core; the caller flushes. */
export async function advanceReturn(em: EntityManager, principal: Principal, ret: CnReturn, step: ReturnStep, occurredAt: Date, note?: string): Promise<void> {
  assertReturnStep(ret.state, step);
  await queueStepForCore(em, principal, { orderId: ret.orderId, returnId: ret.id, version: ret.version, step, occurredAt, ...(note ? { note } : {}) });
  ret.state = RETURN_STEPS[step].to;
  em.persist(ret);
}
