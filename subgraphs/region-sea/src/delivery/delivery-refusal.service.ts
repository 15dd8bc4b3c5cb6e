import type { MikroORM } from '@mikro-orm/postgresql';
import type { Principal } from '@hub/shared/auth/principal';
import { decideDeliveryRefusal } from '../rules/cod-collection.rules.js';
import { lockDoorstep } from './doorstep.repository.js';
import { assertActsInSea } from './sea-access.js';
import { SeaDeliveryRefusal, SeaStockRelease, type SeaRefusalReason } from './sea-delivery.entity.js';

export interface RecordedRefusal {
  refusal: SeaDeliveryRefusal;
  stockReleases: SeaStockRelease[];
}

/**
 * Records a parcel refused at the door and releases its stock, line by line, in one transaction. Core's
 * status stays OUT_FOR_DELIVERY: its state machine has no refusal state yet, and SIGNED would be false.
 */
export class DeliveryRefusalService {
  constructor(private readonly orm: MikroORM) {}

  async refuse(courier: Principal, report: { orderId: string; reason: SeaRefusalReason }): Promise<RecordedRefusal> {
    assertActsInSea(courier);
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
