import { PersonalDataGate } from '@hub/shared/region/personal-data.gate';
import type { RegionDefinition, RegionDependencies } from '@hub/shared/region/region-app';
import { ConsentService } from './consent/consent.service.js';
import { createConsentResolver } from './consent/consent.resolver.js';
import { DE_DEFAULT_PORT, deEnvSchema, type DeEnv } from './env.js';
import { createErasureOnCloseHandler } from './erasure/erasure-on-close.handler.js';
import { createErasureResolver } from './erasure/erasure.resolver.js';
import { retentionJob } from './erasure/retention-job.js';
import { ErasureService } from './erasure/erasure.service.js';
import { createDataExportResolver } from './export/data-export.resolver.js';
import { DataExportService } from './export/data-export.service.js';
import { createDeOrderDetailsResolver } from './orders/de-order-details.resolver.js';
import { DeOrderContact } from './orders/de-order-contact.entity.js';
import { dePlacementStages } from './orders/de-placement.js';
import { createDeOrderResolver } from './orders/de-order.resolver.js';
import { deEntities } from './persistence/entities.js';
import { deMigrations } from './persistence/migrations/index.js';
import { createPersonalDataResolvers } from './privacy/personal-data.resolver.js';
import { dePersonalDataSource } from './privacy/personal-data.source.js';
import { isRestrictionInForce } from './restriction/restriction-in-force.js';
import { createRestrictionResolver } from './restriction/restriction.resolver.js';
import { RestrictionService } from './restriction/restriction.service.js';
import { DE_DISCLOSURE_POLICY } from './rules/field-access.policy.js';
import { deNoticeRecipient } from './rules/notice-recipient.rules.js';
import { deSettingsFrom, type DeSettings, type DeSettingsOverrides } from './settings.js';
import { createSupportCaseResolver } from './support/support-case.resolver.js';
import { SupportCaseService } from './support/support-case.service.js';
import { sellerFactsResponder } from './vat/seller-facts.responder.js';

/** Wires region-de's use cases to their resolvers; nothing here touches the database until a request comes. */
function createDeResolvers({ orm, placement, logger }: RegionDependencies<DeEnv>, settings: DeSettings) {
  return [
    createDeOrderResolver(orm, placement),
    createDeOrderDetailsResolver(orm),
    ...createPersonalDataResolvers(new PersonalDataGate(DE_DISCLOSURE_POLICY, dePersonalDataSource(orm), orm, settings.clock)),
    createSupportCaseResolver(new SupportCaseService(orm, settings.clock)),
    createConsentResolver(new ConsentService(orm, settings.clock)),
    createErasureResolver(new ErasureService(orm, settings.clock, logger)),
    createDataExportResolver(new DataExportService(orm, settings.clock)),
    createRestrictionResolver(new RestrictionService(orm, settings.clock)),
  ] as [Function, ...Function[]];
}

/**
 * region-de: orders of the German shop, delivered within the EU; personal data kept in the EU, in this service
 * only. Tests may replace the VAT-id checker and the clock.
 */
export function createDeRegion(overrides: DeSettingsOverrides = {}): RegionDefinition<typeof deEnvSchema> {
  const clock = overrides.clock ?? (() => new Date());
  return {
    code: 'de',
    defaultPort: DE_DEFAULT_PORT,
    profile: { displayName: 'Germany', defaultCurrency: 'EUR', timeZone: 'Europe/Berlin' },
    settings: deEnvSchema,
    entities: deEntities,
    migrations: deMigrations,
    resolvers: (dependencies) => createDeResolvers(dependencies, deSettingsFrom(dependencies.env, { ...overrides, clock })),
    placement: ({ orm, env, logger }) => dePlacementStages(orm, deSettingsFrom(env, { ...overrides, clock }), logger),
    onOrderEvent: createErasureOnCloseHandler(clock),
    notices: { contact: DeOrderContact, recipient: deNoticeRecipient, holdBack: (customerRef, em) => isRestrictionInForce(em, customerRef) },
    consumers: ({ subgraph, orm, env, logger }) => [
      sellerFactsResponder(subgraph.nc, env.NATS_NAMESPACE, orm, deSettingsFrom(env, { ...overrides, clock }), logger),
    ],
    jobs: ({ orm, logger, env }) => [retentionJob(orm, logger, env.DE_RETENTION_JOB_INTERVAL_MS, clock)],
  };
}

export const deRegion = createDeRegion();
