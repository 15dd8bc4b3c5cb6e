import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '@hub/shared/graphql/context';
import type { RegionDependencies } from '@hub/shared/region/region-app';
import { loadByOrderId } from '@hub/shared/region/regional-order.loader';
import { SeaDeliveryRefusal, SeaStockRelease } from '../delivery/sea-delivery.entity.js';
import { SeaDeliveryRefusalView } from '../delivery/sea-delivery.types.js';
import { SeaCodCollection, SeaPayment } from '../payments/sea-payment.entity.js';
import { SeaPaymentView } from '../payments/sea-payment.types.js';
import { SeaOrderDetails } from './sea-order.types.js';

/** The parts of `Order.sea` other than personal data (`sea-personal-data.resolver.ts`), each loaded in one batch per request. */
export function createSeaOrderDetailsResolver({ orm }: RegionDependencies) {
  @Resolver(() => SeaOrderDetails)
  class SeaOrderDetailsResolver {
    @FieldResolver(() => SeaPaymentView, { nullable: true })
    async payment(@Root() details: SeaOrderDetails, @Ctx() context: RequestContext): Promise<SeaPaymentView | null> {
      const payment = await loadByOrderId(context, orm, SeaPayment, details.orderId);
      if (!payment) return null;
      const collection = await loadByOrderId(context, orm, SeaCodCollection, details.orderId);
      return { orderId: payment.orderId, method: payment.method, currency: payment.currency, amountDue: payment.amountDue, collection };
    }

    @FieldResolver(() => SeaDeliveryRefusalView, { nullable: true })
    async deliveryRefusal(@Root() details: SeaOrderDetails, @Ctx() context: RequestContext): Promise<SeaDeliveryRefusalView | null> {
      const refusal = await loadByOrderId(context, orm, SeaDeliveryRefusal, details.orderId);
      if (!refusal) return null;
      const stockReleases = await orm.em.fork().find(SeaStockRelease, { orderId: details.orderId }, { orderBy: { lineNo: 'asc' } });
      return { ...refusal, coreRejection: refusal.coreRejection ?? null, stockReleases };
    }
  }
  return SeaOrderDetailsResolver;
}
