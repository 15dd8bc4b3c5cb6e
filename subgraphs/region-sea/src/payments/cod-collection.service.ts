import type { MikroORM } from '@mikro-orm/postgresql';
import type { Principal } from '@hub/shared/auth/principal';
import { assertActsInSea } from '../delivery/sea-access.js';
import { lockDoorstep } from '../delivery/doorstep.repository.js';
import { decideCodCollection } from '../rules/cod-collection.rules.js';
import { SeaCodCollection } from './sea-payment.entity.js';

/** Records cash taken at the door, once per order, by the courier who took it. */
export class CodCollectionService {
  constructor(private readonly orm: MikroORM) {}

  async record(courier: Principal, report: { orderId: string; amount: number }): Promise<SeaCodCollection> {
    assertActsInSea(courier);
    return this.orm.em.fork().transactional(async (em) => {
      const doorstep = await lockDoorstep(em, report.orderId);
      if (decideCodCollection(doorstep.facts, { courierId: courier.subject, amount: report.amount }) === 'already-recorded') {
        return doorstep.collection!;
      }
      const collection = em.create(SeaCodCollection, {
        orderId: report.orderId,
        courierId: courier.subject,
        amount: report.amount,
        currency: doorstep.payment!.currency,
        collectedAt: new Date(),
      });
      await em.flush();
      return collection;
    });
  }
}
