import type { RegionDefinition } from '@hub/shared/region/region-app';
import { regionSchemaName } from '@hub/shared/region/region-app';
import { createDeliveryRefusalResolver } from './delivery/delivery-refusal.resolver.js';
import { DeliveryRefusalService, deliveryRefusalCommandHandlers } from './delivery/delivery-refusal.service.js';
import { applySeaOrderEvent } from './delivery/order-events.handler.js';
import { SeaDeliveryActor, SeaDeliveryRefusal, SeaStockRelease } from './delivery/sea-delivery.entity.js';
import { PersonalDataAccessLog } from '@hub/shared/region/personal-data.access-log.entity';
import { SeaOrderContact } from './orders/sea-order-contact.entity.js';
import { createSeaOrderDetailsResolver } from './orders/sea-order-details.resolver.js';
import { createSeaPersonalDataResolvers } from './orders/sea-personal-data.resolver.js';
import { SeaOrderPlacementService } from './orders/sea-order-placement.service.js';
import { createSeaOrderResolver } from './orders/sea-order.resolver.js';
import { CodCollectionService } from './payments/cod-collection.service.js';
import { CodReconciliationService } from './payments/cod-reconciliation.service.js';
import { createCodResolver } from './payments/cod.resolver.js';
import { SeaCodCollection, SeaPayment } from './payments/sea-payment.entity.js';
import { seaMigrations } from './persistence/migrations/index.js';

/** region-sea: orders to Indonesia, Thailand, Malaysia, the Philippines, Vietnam and Singapore. */
export const seaRegion: RegionDefinition = {
  code: 'sea',
  defaultPort: 4004,
  profile: { displayName: 'South-East Asia', defaultCurrency: 'SGD', timeZone: 'Asia/Singapore' },
  entities: [SeaOrderContact, SeaPayment, SeaCodCollection, SeaDeliveryRefusal, SeaStockRelease, SeaDeliveryActor, PersonalDataAccessLog],
  migrations: seaMigrations,
  resolvers: (dependencies) => {
    const { orm, intake, commandsQueued } = dependencies;
    return [
      createSeaOrderResolver(dependencies, new SeaOrderPlacementService(intake)),
      createSeaOrderDetailsResolver(dependencies),
      ...createSeaPersonalDataResolvers(dependencies),
      createCodResolver(new CodCollectionService(orm), new CodReconciliationService(orm, regionSchemaName('sea'))),
      createDeliveryRefusalResolver(new DeliveryRefusalService(orm, commandsQueued)),
    ];
  },
  onOrderEvent: applySeaOrderEvent,
  commandHandlers: deliveryRefusalCommandHandlers,
};
