import type { RegionDefinition } from '@hub/shared/region/region-app';
import { regionSchemaName } from '@hub/shared/region/region-app';
import { createAddressBookResolver } from './addresses/address-book.resolver.js';
import { AddressBookService } from './addresses/address-book.service.js';
import { SeaAddressBook, SeaSavedAddress } from './addresses/sea-saved-address.entity.js';
import { createDeliveryRefusalResolver } from './delivery/delivery-refusal.resolver.js';
import { DeliveryRefusalService, deliveryRefusalCommandHandlers } from './delivery/delivery-refusal.service.js';
import { applySeaOrderEvent } from './delivery/order-events.handler.js';
import { SeaDeliveryActor, SeaDeliveryRefusal, SeaStockRelease } from './delivery/sea-delivery.entity.js';
import { PersonalDataAccessLog } from '@hub/shared/region/personal-data.access-log.entity';
import { SeaOrderContact } from './orders/sea-order-contact.entity.js';
import { createSeaOrderDetailsResolver } from './orders/sea-order-details.resolver.js';
import { createSeaPersonalDataResolvers } from './orders/sea-personal-data.resolver.js';
import { createSeaPlacementStages, SeaOrderPlacementService } from './orders/sea-order-placement.service.js';
import { createSeaOrderResolver } from './orders/sea-order.resolver.js';
import { CodCollectionService } from './payments/cod-collection.service.js';
import { CodReconciliationService } from './payments/cod-reconciliation.service.js';
import { createCodResolver } from './payments/cod.resolver.js';
import { SeaCheckoutOptions, SeaCodCollectionView, SeaCodReconciliationRow, SeaPaymentView } from './payments/sea-payment.types.js';
import { SeaDeliveryRefusalView } from './delivery/sea-delivery.types.js';
import { derivedIdResolver } from '@hub/shared/graphql/derived-id';
import { SeaCodCollection, SeaPayment } from './payments/sea-payment.entity.js';
import { seaMigrations } from './persistence/migrations/index.js';
import { seaNoticeRecipient } from './rules/notice-recipient.rules.js';

/** region-sea: orders to Indonesia, Thailand, Malaysia, the Philippines, Vietnam and Singapore. */
export const seaRegion: RegionDefinition = {
  code: 'sea',
  defaultPort: 4004,
  profile: { displayName: 'South-East Asia', defaultCurrency: 'SGD', timeZone: 'Asia/Singapore' },
  entities: [
    SeaOrderContact,
    SeaPayment,
    SeaCodCollection,
    SeaDeliveryRefusal,
    SeaStockRelease,
    SeaDeliveryActor,
    SeaSavedAddress,
    SeaAddressBook,
    PersonalDataAccessLog,
  ],
  migrations: seaMigrations,
  placement: ({ orm }) => createSeaPlacementStages(new AddressBookService(orm).savedAddressOf),
  resolvers: (dependencies) => {
    const { orm, placement, commandsQueued } = dependencies;
    return [
      createSeaOrderResolver(dependencies, new SeaOrderPlacementService(placement)),
      createAddressBookResolver(new AddressBookService(orm)),
      createSeaOrderDetailsResolver(dependencies),
      ...createSeaPersonalDataResolvers(dependencies),
      createCodResolver(new CodCollectionService(orm), new CodReconciliationService(orm, regionSchemaName('sea'))),
      createDeliveryRefusalResolver(new DeliveryRefusalService(orm, commandsQueued)),
      derivedIdResolver(SeaPaymentView, (payment) => payment.orderId, "The order's id: one payment per order."),
      derivedIdResolver(SeaCodCollectionView, (collection) => collection.orderId, "The order's id: one collection per order."),
      derivedIdResolver(SeaDeliveryRefusalView, (refusal) => refusal.orderId, "The order's id: one refusal per order."),
      derivedIdResolver(SeaCodReconciliationRow, (row) => `${row.day}:${row.courierId}:${row.currency}`, 'Day, courier and currency: one row each.'),
      derivedIdResolver(SeaCheckoutOptions, (options) => options.country, 'The destination country: one set of options each.'),
    ];
  },
  onOrderEvent: applySeaOrderEvent,
  notices: { contact: SeaOrderContact, recipient: seaNoticeRecipient },
  commandHandlers: deliveryRefusalCommandHandlers,
};
