import { randomUUID } from 'node:crypto';
import { canReadOrder } from '@hub/shared/auth/access';
import type { Principal } from '@hub/shared/auth/principal';
import { ForbiddenError, NotFoundError } from '@hub/shared/errors';
import type { MikroORM } from '@hub/shared/persistence/orm';
import { RegionalOrder } from '@hub/shared/region/regional-order.entity';
import { DeSupportCase } from './de-support-case.entity.js';
import type { SupportTopic } from './support-case.types.js';

/** Opens and closes support cases; only staff of region de (and admins) handle DE customers' cases. */
export class SupportCaseService {
  constructor(
    private readonly orm: MikroORM,
    private readonly clock: () => Date,
  ) {}

  async open(principal: Principal, command: { orderId: string; topic: SupportTopic; assignee?: string }): Promise<DeSupportCase> {
    const em = this.orm.em.fork();
    const order = await em.findOne(RegionalOrder, { orderId: command.orderId });
    if (!order) throw new NotFoundError('Order', command.orderId);
    if (!canReadOrder(principal, { region: 'de', customerRef: order.customerRef })) throw new ForbiddenError("This order is outside the caller's scope");
    // An agent opens cases for themself; assigning to a colleague is a team lead's (operator's) decision.
    const assignee = command.assignee ?? principal.subject;
    if (principal.role === 'customer_service' && assignee !== principal.subject) throw new ForbiddenError('Customer service opens cases for itself');
    const supportCase = em.create(DeSupportCase, {
      id: randomUUID(),
      orderId: command.orderId,
      topic: command.topic,
      assignee,
      openedBy: principal.subject,
      openedAt: this.clock(),
      closedBy: null,
      closedAt: null,
    });
    await em.flush();
    return supportCase;
  }

  async close(principal: Principal, caseId: string): Promise<DeSupportCase> {
    const em = this.orm.em.fork();
    const supportCase = await em.findOne(DeSupportCase, { id: caseId });
    if (!supportCase || (!principal.regions.includes('de') && principal.role !== 'admin')) throw new NotFoundError('DeSupportCase', caseId);
    if (principal.role === 'customer_service' && supportCase.assignee !== principal.subject) throw new ForbiddenError('Only the assignee closes a case');
    if (!supportCase.closedAt) {
      supportCase.closedAt = this.clock();
      supportCase.closedBy = principal.subject;
      await em.flush();
    }
    return supportCase;
  }
}
