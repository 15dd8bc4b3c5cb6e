import type { MikroORM } from '@mikro-orm/postgresql';
import { actorOf, type Principal } from '@hub/shared/auth/principal';
import { DomainError } from '@hub/shared/errors';
import type { CoreClient } from '@hub/shared/messaging/core-client';
import { decideDeliveryRefusal } from '../rules/cod-collection.rules.js';
import { lockDoorstep } from './doorstep.repository.js';
import { assertActsInSea } from './sea-access.js';
import { SeaDeliveryRefusal, SeaStockRelease, type SeaRefusalReason } from './sea-delivery.entity.js';

export interface RecordedRefusal {
  refusal: SeaDeliveryRefusal;
  stockReleases: SeaStockRelease[];
}

/**
 * Records a parcel refused at the door and releases its stock, line by line, in one transaction, then moves
 * the master order to DELIVERY_REFUSED. Core is asked with a request id derived from the order, so a report
 * repeated after a failure (core or NATS down) completes the move without a second timeline step.
 */
export class DeliveryRefusalService {
  constructor(private readonly orm: MikroORM, private readonly core: CoreClient) {}

  async refuse(courier: Principal, report: { orderId: string; reason: SeaRefusalReason }): Promise<RecordedRefusal> {
    assertActsInSea(courier);
    const recorded = await this.record(courier, report);
    await this.moveMasterOrder(courier, report.orderId);
    return recorded;
  }

  private async moveMasterOrder(courier: Principal, orderId: string, attempts = 2): Promise<void> {
    const request = { orderId, to: 'DELIVERY_REFUSED' as const, requestId: `sea-refusal:${orderId}`, actor: actorOf(courier) };
    try {
      await this.core.transitionOrder(request);
    } catch (error) {
      // Two reports racing: the loser's optimistic lock fails while the winner commits; asked again, core replays.
      if (error instanceof DomainError && error.code === 'CONFLICT' && attempts > 1) return this.moveMasterOrder(courier, orderId, attempts - 1);
      throw error;
    }
  }

  private record(courier: Principal, report: { orderId: string; reason: SeaRefusalReason }): Promise<RecordedRefusal> {
    return this.orm.em.fork().transactional(async (em) => {
      const doorstep = await lockDoorstep(em, report.orderId);
      if (decideDeliveryRefusal(doorstep.facts, { courierId: courier.subject, reason: report.reason }) === 'already-recorded') {
        return { refusal: doorstep.refusal!, stockReleases: await em.find(SeaStockRelease, { orderId: report.orderId }, { orderBy: { lineNo: 'asc' } }) };
      }
      const refusedAt = new Date();
      const refusal = em.create(SeaDeliveryRefusal, { orderId: report.orderId, courierId: courier.subject, reason: report.reason, refusedAt });
      const stockReleases = doorstep.record.registrationRequest.lines.map((line, index) => em.create(SeaStockRelease, {
        orderId: report.orderId, lineNo: index + 1, sku: line.sku, quantity: line.quantity, reason: 'DELIVERY_REFUSED', releasedAt: refusedAt,
      }));
      await em.flush();
      return { refusal, stockReleases };
    });
  }
}
