import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { actorOf, type Principal } from '@hub/shared/auth/principal';
import type { CommandOutcomeHandlers } from '@hub/shared/commands/command-relay';
import { enqueueCoreCommand } from '@hub/shared/commands/command-outbox';
import { decideDeliveryRefusal } from '../rules/cod-collection.rules.js';
import { lockDoorstep } from './doorstep.repository.js';
import { assertActsInSea } from './sea-access.js';
import { SeaDeliveryRefusal, SeaStockRelease, type SeaRefusalReason } from './sea-delivery.entity.js';

export interface RecordedRefusal {
  refusal: SeaDeliveryRefusal;
  stockReleases: SeaStockRelease[];
}

const REFUSAL_PURPOSE = 'sea.delivery.refuse';

/**
 * Records a parcel refused at the door, releases its stock line by line and queues DELIVERY_REFUSED for the
 * master order, all in one transaction; the relay tells core after the commit. The doorstep lock decides
 * concurrent reports one after the other, so a repeated report is answered with the first, never an error.
 */
export class DeliveryRefusalService {
  constructor(
    private readonly orm: MikroORM,
    private readonly commandsQueued: () => void,
  ) {}

  async refuse(courier: Principal, report: { orderId: string; reason: SeaRefusalReason }): Promise<RecordedRefusal> {
    assertActsInSea(courier);
    const recorded = await this.orm.em.fork().transactional(async (em) => {
      const doorstep = await lockDoorstep(em, report.orderId);
      if (decideDeliveryRefusal(doorstep.facts, { courierId: courier.subject, reason: report.reason }) === 'already-recorded') {
        return { refusal: doorstep.refusal!, stockReleases: await stockReleasesOf(em, report.orderId) };
      }
      const refusedAt = new Date();
      const refusal = em.create(SeaDeliveryRefusal, {
        orderId: report.orderId,
        courierId: courier.subject,
        reason: report.reason,
        refusedAt,
        coreRejection: null,
      });
      const stockReleases = doorstep.record.registrationRequest.lines.map((line, index) =>
        em.create(SeaStockRelease, {
          orderId: report.orderId,
          lineNo: index + 1,
          sku: line.sku,
          quantity: line.quantity,
          reason: 'DELIVERY_REFUSED',
          releasedAt: refusedAt,
        }),
      );
      await enqueueCoreCommand(em, {
        commandId: `sea-refusal:${report.orderId}`,
        orderId: report.orderId,
        kind: 'order.transition',
        purpose: REFUSAL_PURPOSE,
        body: { to: 'DELIVERY_REFUSED', occurredAt: refusedAt.toISOString(), actor: actorOf(courier), note: `refused at the door: ${report.reason}` },
      });
      await em.flush();
      return { refusal, stockReleases };
    });
    this.commandsQueued();
    return recorded;
  }
}

/**
 * When core refuses DELIVERY_REFUSED (its order is not out for delivery: delivered, cancelled), the parcel is
 * not coming back as far as the master order knows: the stock releases are withdrawn so nothing is put back
 * on the shelf twice, and the refusal keeps core's reason for an operator to resolve.
 */
export const deliveryRefusalCommandHandlers: Record<string, CommandOutcomeHandlers> = {
  [REFUSAL_PURPOSE]: {
    async onRejected(em, command, rejection) {
      await em.nativeUpdate(SeaDeliveryRefusal, { orderId: command.orderId }, { coreRejection: `${rejection.code}: ${rejection.message}`.slice(0, 500) });
      await em.nativeDelete(SeaStockRelease, { orderId: command.orderId });
    },
  },
};

function stockReleasesOf(em: EntityManager, orderId: string): Promise<SeaStockRelease[]> {
  return em.find(SeaStockRelease, { orderId }, { orderBy: { lineNo: 'asc' } });
}
