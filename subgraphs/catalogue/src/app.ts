import { ensureCatalogueStream, catalogueSubjectsFor } from '@hub/shared/catalogue/replication/catalogue-contracts';
import { requestSellerFacts } from '@hub/shared/catalogue/quote/seller-facts.contract';
import { RulesReplica } from '@hub/shared/rules/replication/rules-replica';
import type { RuleSetPublication } from '@hub/shared/rules/domain/rule';
import { defineSubgraph, startSubgraph, type StartSubgraphOptions, type SubgraphContext, type SubgraphEnv } from '@hub/shared/subgraph/subgraph-app';
import { CatalogueWriter } from './changes/catalogue-writer.js';
import { ImportService } from './imports/import.service.js';
import { CATALOGUE_SCHEMA, catalogueEntities } from './persistence/entities.js';
import { catalogueMigrations } from './persistence/migrations/index.js';
import { PriceListService } from './price-lists/price-list.service.js';
import { ProductService } from './products/product.service.js';
import { createProductReferenceResolver } from './products/graphql/product.resolver.js';
import { QuoteService } from './quote/quote.service.js';
import { catalogueResolvers, type CatalogueServices } from './schema.js';
import { CatalogueReader } from './snapshot/catalogue-reader.js';

export interface CatalogueOptions {
  /** The instant quotes price at when the caller gives none; tests move it. */
  clock?: () => Date;
  /** Called after each order-rule publication the catalogue's copy applied; tests wait on it. */
  onRulesApplied?: (publication: RuleSetPublication) => void;
}

export interface CatalogueDeps extends SubgraphContext {
  reader: CatalogueReader;
  rules: RulesReplica;
  services: CatalogueServices;
}

/** The catalogue: products, legal classes and dated price lists, replicated to the regions; quotes priced as placement prices. */
export const catalogueSubgraph = (options: CatalogueOptions = {}) =>
  defineSubgraph<never, CatalogueDeps>({
    name: 'catalogue',
    defaultPort: 4005,
    schemaName: CATALOGUE_SCHEMA,
    entities: catalogueEntities,
    migrations: catalogueMigrations,
    async dependencies(context) {
      const { orm, nc, logger, env } = context;
      const subjects = catalogueSubjectsFor(env.NATS_NAMESPACE);
      await ensureCatalogueStream(nc, subjects);
      const writer = new CatalogueWriter(orm, subjects, () => context.outbox.nudge());
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
      const services: CatalogueServices = {
        products: new ProductService(orm, writer),
        priceLists: new PriceListService(orm, writer),
        imports: new ImportService(orm, writer, logger),
        // A DE quote takes region-de's own cross-border sales, as its order will (the OSS threshold).
        quotes: new QuoteService(reader, (region, request) => requestSellerFacts(nc, env.NATS_NAMESPACE, region, request), options.clock, rules),
      };
      return { ...context, reader, rules, services };
    },
    resolvers: (deps) => catalogueResolvers(deps.orm, deps.services),
    referenceResolvers: (deps) => createProductReferenceResolver(deps.orm),
    // Imports under way finish before the database closes.
    consumers: (deps) => [deps.rules, { start: () => undefined, stop: () => deps.services.imports.settled() }],
  });

export async function startCatalogue(env: SubgraphEnv, options: CatalogueOptions & StartSubgraphOptions = {}) {
  return startSubgraph(catalogueSubgraph(options), env, options);
}
export type CatalogueApp = Awaited<ReturnType<typeof startCatalogue>>;
