import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { actorOf, type Principal } from '@hub/shared/auth/principal';
import { enqueueCoreCommand } from '@hub/shared/commands/command-outbox';
import { RETURN_STEPS, type ReturnStep } from '../rules/return-steps.rules.js';

/** The command purpose of a return step, whose handlers record what core decided (`return-command.handlers.ts`). */
export const returnStepPurpose = (step: ReturnStep) => `cn.return.${step}`;

/**
 * Queues a return step for the order's timeline in core, in the transaction that records it here; the relay
 * sends it after the commit. The command id is derived from the return and the version it moves from, so
 * the same step queued twice (a retried request) is one command.
 */
export async function queueStepForCore(
  em: EntityManager,
  principal: Principal,
  step: { orderId: string; returnId: string; version: number; step: ReturnStep; occurredAt: Date; note?: string },
): Promise<void> {
  const to = RETURN_STEPS[step.step].orderStatus;
  if (!to) return;
  await enqueueCoreCommand(em, {
    commandId: stepCommandId(step.returnId, step.version, step.step),
    orderId: step.orderId,
    kind: 'order.transition',
    purpose: returnStepPurpose(step.step),
    localRef: step.returnId,
    body: { to, occurredAt: step.occurredAt.toISOString(), actor: actorOf(principal), ...(step.note ? { note: step.note } : {}) },
  });
}

export const stepCommandId = (returnId: string, version: number, step: ReturnStep) => `cn-return:${returnId}:v${version}:${step}`;

/** Runs one return use case in a transaction and lets the relay know once it committed the commands it queued. */
export async function inReturnTransaction<T>(orm: MikroORM, commandsQueued: () => void, work: (em: EntityManager) => Promise<T>): Promise<T> {
  const result = await orm.em.fork().transactional(work);
  commandsQueued();
  return result;
}
