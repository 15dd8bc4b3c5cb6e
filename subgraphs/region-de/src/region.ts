import { PersonalDataGate } from '@hub/shared/region/personal-data.gate';
import type { RegionDefinition, RegionDependencies } from '@hub/shared/region/region-app';
import { ConsentService } from './consent/consent.service.js';
import { createConsentResolver } from './consent/consent.resolver.js';
import { DEFAULT_DE_ENV } from './env.js';
import { createErasureOnCloseHandler } from './erasure/erasure-on-close.handler.js';
import { createErasureResolver } from './erasure/erasure.resolver.js';
import { ErasureService } from './erasure/erasure.service.js';
import { createDataExportResolver } from './export/data-export.resolver.js';
import { DataExportService } from './export/data-export.service.js';
import { createDeOrderDetailsResolver } from './orders/de-order-details.resolver.js';
import { DeOrderIntakeService } from './orders/de-order-intake.service.js';
import { createDeOrderResolver } from './orders/de-order.resolver.js';
import { deEntities } from './persistence/entities.js';
import { deMigrations } from './persistence/migrations/index.js';
import { createPersonalDataResolvers } from './privacy/personal-data.resolver.js';
import { dePersonalDataSource } from './privacy/personal-data.source.js';
import { DE_DISCLOSURE_POLICY } from './rules/field-access.policy.js';
import { deSettingsFrom, type DeSettings } from './settings.js';
import { createSupportCaseResolver } from './support/support-case.resolver.js';
import { SupportCaseService } from './support/support-case.service.js';

/** Wires region-de's use cases to their resolvers; nothing here touches the database until a request comes. */
function createDeResolvers({ orm, intake, logger }: RegionDependencies, settings: DeSettings) {
  return [
    createDeOrderResolver(orm, new DeOrderIntakeService(orm, intake, settings, logger)),
    createDeOrderDetailsResolver(orm),
    ...createPersonalDataResolvers(new PersonalDataGate(DE_DISCLOSURE_POLICY, dePersonalDataSource(orm), orm, settings.clock)),
    createSupportCaseResolver(new SupportCaseService(orm, settings.clock)),
    createConsentResolver(new ConsentService(orm, settings.clock)),
    createErasureResolver(new ErasureService(orm, settings.clock, logger)),
    createDataExportResolver(new DataExportService(orm, settings.clock)),
  ] as [Function, ...Function[]];
}

/** region-de: orders of the German shop, delivered within the EU; personal data kept in the EU, in this service only. */
export function createDeRegion(settings: DeSettings): RegionDefinition {
  return {
    code: 'de',
    defaultPort: 4003,
    profile: { displayName: 'Germany', defaultCurrency: 'EUR', timeZone: 'Europe/Berlin' },
    entities: deEntities,
    migrations: deMigrations,
    resolvers: (dependencies) => createDeResolvers(dependencies, settings),
    onOrderEvent: createErasureOnCloseHandler(settings.clock),
  };
}

/** The region with default settings, for printing the schema. */
export const deRegion = createDeRegion(deSettingsFrom(DEFAULT_DE_ENV));
