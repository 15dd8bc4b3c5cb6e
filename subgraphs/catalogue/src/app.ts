import { ensureCatalogueStream, catalogueSubjectsFor } from '@hub/shared/catalogue/replication/catalogue-contracts';
import { requestSellerFacts } from '@hub/shared/catalogue/quote/seller-facts.contract';
import { packageVersionBeside } from '@hub/shared/federation/schema-version';
import { OutboxRelay } from '@hub/shared/messaging/outbox-relay';
import type { RegistryPresence } from '@hub/shared/region/registry-client';
import { openInfrastructure } from '@hub/shared/server/infrastructure';
import { RulesReplica } from '@hub/shared/rules/replication/rules-replica';
import type { RuleSetPublication } from '@hub/shared/rules/domain/rule';
import type { RunningServer } from '@hub/shared/server/service-server';
import { serveSubgraph } from '@hub/shared/subgraph/serve-subgraph';
import { CatalogueWriter } from './changes/catalogue-writer.js';
import type { CatalogueEnv } from './env.js';
import { ImportService } from './imports/import.service.js';
import { CATALOGUE_SCHEMA, catalogueEntities } from './persistence/entities.js';
import { catalogueMigrations } from './persistence/migrations/index.js';
import { PriceListService } from './price-lists/price-list.service.js';
import { ProductService } from './products/product.service.js';
import { QuoteService } from './quote/quote.service.js';
import { buildCatalogueSchema } from './schema.js';
import { CatalogueReader } from './snapshot/catalogue-reader.js';

export interface CatalogueAppOptions {
  /** The instant quotes price at when the caller gives none; tests move it. */
  clock?: () => Date;
  /** Called after each order-rule publication the catalogue's copy applied; tests wait on it. */
  onRulesApplied?: (publication: RuleSetPublication) => void;
}

/** The composition root of the catalogue: database, replication outbox, use cases, HTTP, registry. */
export async function createCatalogueApp(env: CatalogueEnv, options: CatalogueAppOptions = {}) {
  const infra = await openInfrastructure('catalogue', env, { schema: CATALOGUE_SCHEMA, entities: catalogueEntities, migrations: catalogueMigrations });
  const { orm, nc, logger } = infra;
  const subjects = catalogueSubjectsFor(env.NATS_NAMESPACE);
  const relay = new OutboxRelay({ nc, em: orm.em, logger, schema: CATALOGUE_SCHEMA });
  const writer = new CatalogueWriter(orm, subjects, () => relay.nudge());
  const reader = new CatalogueReader(orm);
  // Quotes apply the order rules' promotions as placement does, from the catalogue's own copy of the rules.
  const rules = new RulesReplica({
    nc,
    orm,
    logger,
    namespace: env.NATS_NAMESPACE,
    service: 'catalogue',
    schema: CATALOGUE_SCHEMA,
    ...(options.onRulesApplied ? { onApplied: options.onRulesApplied } : {}),
  });
  const services = {
    products: new ProductService(orm, writer),
    priceLists: new PriceListService(orm, writer),
    imports: new ImportService(orm, writer, logger),
    // A DE quote takes region-de's own cross-border sales, as its order will (the OSS threshold).
    quotes: new QuoteService(reader, (region, request) => requestSellerFacts(nc, env.NATS_NAMESPACE, region, request), options.clock, rules),
  };
  let server: RunningServer | undefined;
  let presence: RegistryPresence | undefined;
  const shutdown = async () => {
    presence?.stop();
    await server?.close();
    await services.imports.settled();
    await rules.stop();
    await relay.stop();
    await infra.close();
  };
  try {
    await ensureCatalogueStream(nc, subjects);
    relay.start();
    await rules.start();
    const { schema, sdl } = await buildCatalogueSchema(orm, services);
    ({ server, presence } = await serveSubgraph(infra, env, {
      name: 'catalogue',
      schema,
      sdl,
      packageVersion: await packageVersionBeside(import.meta.url),
      readiness: infra.readiness,
    }));
  } catch (error) {
    await shutdown();
    throw error;
  }
  return { url: server.url, orm, relay, reader, rules, services, registryVerdict: presence.verdict, close: shutdown };
}
export type CatalogueApp = Awaited<ReturnType<typeof createCatalogueApp>>;
