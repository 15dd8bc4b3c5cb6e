import type { EntityManager } from '@mikro-orm/postgresql';
import { DurableConsumer, type DurableConsumerOptions } from '../messaging/durable-consumer.js';
import { orderEventSchema, type OrderEvent } from '../messaging/contracts.js';
import type { Infrastructure } from '../server/infrastructure.js';
import { RegionalOrder, RegionalOrderStatusEvent } from './regional-order.entity.js';
import { settlePointsOnOrderEvent } from './promotions/order-payment.service.js';

/**
 * Keeps the region's view of its orders current from core's events. Each event is applied once (the
 * consumer's processed-message row); events can still arrive out of order across redeliveries, so the
 * status only ever moves to a higher version.
 */
export function createOrderEventsConsumer(
  infra: Pick<Infrastructure, 'nc' | 'orm' | 'logger' | 'subjects'>,
  region: string,
  extraHandler?: (event: OrderEvent, em: EntityManager) => Promise<void>,
  onSettled?: DurableConsumerOptions<OrderEvent>['onSettled'],
): DurableConsumer<OrderEvent> {
  return new DurableConsumer<OrderEvent>({
    nc: infra.nc,
    em: infra.orm.em,
    logger: infra.logger,
    stream: infra.subjects.ordersStream,
    durableName: infra.subjects.regionConsumer(region),
    filterSubject: infra.subjects.ordersOfRegion(region),
    schema: orderEventSchema,
    ...(onSettled ? { onSettled } : {}),
    async handle(event, em) {
      const status = event.type === 'order.placed' ? event.status : event.to;
      // Inserted straight, not through the unit of work: every order's placement brings one of these events.
      await em.insert(RegionalOrderStatusEvent, {
        orderId: event.orderId,
        version: event.version,
        fromStatus: event.type === 'order.placed' ? null : event.from,
        toStatus: status,
        at: new Date(event.occurredAt),
        actorType: event.type === 'order.placed' ? 'system' : event.actor.type,
      });
      await em.nativeUpdate(
        RegionalOrder,
        { orderId: event.orderId, statusVersion: { $lt: event.version } },
        { status, statusVersion: event.version, updatedAt: new Date() },
      );
      if (event.type !== 'order.placed') await settlePointsOnOrderEvent(em, event.orderId, event.to, new Date(event.occurredAt));
      await extraHandler?.(event, em);
    },
  });
}
