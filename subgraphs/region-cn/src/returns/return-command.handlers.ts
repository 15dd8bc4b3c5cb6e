import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import type { CommandOutcomeHandlers, CoreRejection } from '@hub/shared/commands/command-relay';
import type { CoreCommandRecord } from '@hub/shared/commands/core-command.entity';
import { cancelScheduledPickup } from '../pickups/pickup-booking.service.js';
import { RETURN_STEPS, type ReturnStep } from '../rules/return-steps.rules.js';
import { returnStepPurpose } from './core-step.js';
import { CnReturn } from './persistence/cn-return.entity.js';
import { releaseClaims } from './return-request.service.js';

/**
 * What region-cn does when core refuses a return step for good. A refused request is undone: the return
 * becomes REFUSED_BY_CORE, its units are free and a booked pickup place is given back. A later step (pickup,
 * receipt, refund) records something that happened to real goods or money, so nothing is undone: the
 * return shows core's reason until an operator settles it with core.
 */
export function returnCommandHandlers(): Record<string, CommandOutcomeHandlers> {
  const steps = Object.keys(RETURN_STEPS) as ReturnStep[];
  return Object.fromEntries(
    steps.map((step) => [
      returnStepPurpose(step),
      {
        onRejected: (em: EntityManager, command: CoreCommandRecord, rejection: CoreRejection) => recordRejection(em, command, step, rejection),
      },
    ]),
  );
}

async function recordRejection(em: EntityManager, command: CoreCommandRecord, step: ReturnStep, rejection: CoreRejection): Promise<void> {
  // Locked, as every step on a return is: the customer or courier may be moving it on right now.
  const ret = command.localRef ? await em.findOne(CnReturn, { id: command.localRef }, { lockMode: LockMode.PESSIMISTIC_WRITE }) : null;
  if (!ret) return;
  ret.coreRejection = `${step}: ${rejection.code}: ${rejection.message}`.slice(0, 500);
  // Voided only while nothing happened to the goods yet; once collected or received, the facts stand.
  if (step === 'request' && (ret.state === 'REQUESTED' || ret.state === 'PICKUP_SCHEDULED')) {
    await cancelScheduledPickup(em, ret.id);
    await releaseClaims(em, ret.id, ret.orderId, () => true);
    ret.state = 'REFUSED_BY_CORE';
  }
}
