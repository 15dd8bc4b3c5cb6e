import { defineSubgraph, startSubgraph, type StartSubgraphOptions, type SubgraphContext, type SubgraphEnv } from '@hub/shared/subgraph/subgraph-app';
import { ensureRulesStream, rulesSubjectsFor } from '@hub/shared/rules/replication/rules-contracts';
import { createOrderSampleConsumer, SAMPLE_RETENTION_DAYS } from './dry-run/order-sample.consumer.js';
import { DryRunService } from './dry-run/dry-run.service.js';
import { createRuleReferenceResolvers, createRuleResolvers } from './graphql/rule.resolver.js';
import { ORDER_RULES_SCHEMA, orderRulesMigrations } from './persistence/migrations/index.js';
import { RuleSetService } from './rule-sets/rule-set.service.js';

export interface OrderRulesOptions {
  /** The instant changes and dry-runs happen at; tests move it. */
  clock?: () => Date;
  /** Called after each order sample message is settled; tests wait on it. */
  onSampleSettled?: () => void;
}

export interface OrderRulesDeps extends SubgraphContext {
  ruleSets: RuleSetService;
  dryRuns: DryRunService;
  clock: () => Date;
  options: OrderRulesOptions;
}

/** The order-rules subgraph: versioned rule sets with review, approval, publication to the regions, rollback and dry-run. */
export const orderRulesSubgraph = (options: OrderRulesOptions = {}) =>
  defineSubgraph<never, OrderRulesDeps>({
    name: 'order-rules',
    defaultPort: 4008,
    schemaName: ORDER_RULES_SCHEMA,
    entities: [],
    migrations: orderRulesMigrations,
    async dependencies(context) {
      const subjects = rulesSubjectsFor(context.env.NATS_NAMESPACE);
      await ensureRulesStream(context.nc, subjects);
      const clock = options.clock ?? (() => new Date());
      return {
        ...context,
        clock,
        options,
        ruleSets: new RuleSetService({ orm: context.orm, schema: ORDER_RULES_SCHEMA, subjects, nudge: () => context.outbox.nudge(), clock }),
        dryRuns: new DryRunService(context.orm, ORDER_RULES_SCHEMA, clock),
      };
    },
    resolvers: (deps) => [createRuleResolvers(deps)],
    referenceResolvers: (deps) => createRuleReferenceResolvers(deps),
    consumers: (deps) => [
      createOrderSampleConsumer({
        nc: deps.nc,
        em: deps.orm.em,
        logger: deps.logger,
        subjects: deps.subjects,
        namespace: deps.env.NATS_NAMESPACE,
        schema: ORDER_RULES_SCHEMA,
        ...(options.onSampleSettled ? { onSettled: options.onSampleSettled } : {}),
      }),
    ],
    jobs: (deps) => [
      {
        name: 'order-sample-retention',
        intervalMs: 3600 * 1000,
        // Dry-runs look back at most 90 days; older samples are no use and only grow.
        run: () =>
          deps.orm.em
            .fork()
            .getConnection()
            .execute(`delete from "${ORDER_RULES_SCHEMA}".order_sample where placed_at < now() - make_interval(days => ?)`, [SAMPLE_RETENTION_DAYS], 'run'),
      },
    ],
  });

export async function startOrderRules(env: SubgraphEnv, options: OrderRulesOptions & StartSubgraphOptions = {}) {
  return startSubgraph(orderRulesSubgraph(options), env, options);
}
export type OrderRulesApp = Awaited<ReturnType<typeof startOrderRules>>;
