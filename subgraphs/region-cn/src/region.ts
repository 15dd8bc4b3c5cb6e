import type { RegionDefinition } from '@hub/shared/region/region-app';
import { parseQuietHours } from '@hub/shared/notices/quiet-hours';
import { CnOrderContact } from './orders/cn-order-contact.entity.js';
import { systemClock, type Clock } from './clock.js';
import { createCnOrderResolvers } from './orders/cn-order.resolver.js';
import { cnPlacementStages } from './orders/cn-placement.js';
import { createCnPersonalDataResolvers } from './orders/cn-personal-data.resolver.js';
import { cnEntities } from './persistence/cn-entities.js';
import { cnMigrations } from './persistence/migrations/index.js';
import { createCnPickupResolvers } from './pickups/graphql/cn-pickup.resolver.js';
import { createCnRefundResolvers } from './refunds/graphql/cn-refund.resolver.js';
import { createCnOrderReturnsResolvers } from './returns/graphql/cn-order-returns.resolver.js';
import { createCnReturnListResolvers } from './returns/graphql/cn-return-list.resolver.js';
import { createCnReturnResolvers } from './returns/graphql/cn-return.resolver.js';
import { returnCommandHandlers } from './returns/return-command.handlers.js';
import { createReturnServices } from './returns/return-services.js';

/** region-cn: mainland China orders, personal data kept in China, 7-day no-reason returns with door pickup. */
export function createCnRegion(options: { clock?: Clock } = {}): RegionDefinition {
  return {
    code: 'cn',
    defaultPort: 4002,
    profile: { displayName: 'China', defaultCurrency: 'CNY', timeZone: 'Asia/Shanghai' },
    entities: cnEntities,
    migrations: cnMigrations,
    commandHandlers: returnCommandHandlers(),
    placement: () => cnPlacementStages,
    // Parcel notices go by SMS to the customer's phone of that order, in Chinese, outside 22:00-08:00 Beijing time.
    notices: {
      contact: CnOrderContact,
      recipient: (contact) => ({
        phone: contact.customerPhone,
        language: 'zh',
        timeZone: 'Asia/Shanghai',
        quietHours: parseQuietHours('22:00-08:00', 'Asia/Shanghai'),
      }),
    },
    resolvers: (dependencies) => {
      const returns = createReturnServices(dependencies, options.clock ?? systemClock);
      return [
        ...createCnOrderResolvers(dependencies),
        ...createCnPersonalDataResolvers(dependencies),
        ...createCnOrderReturnsResolvers(returns),
        ...createCnReturnResolvers(returns),
        ...createCnPickupResolvers(returns),
        ...createCnRefundResolvers(returns),
        ...createCnReturnListResolvers(returns),
      ];
    },
  };
}

export const cnRegion = createCnRegion();
