import { Migration } from '@mikro-orm/migrations';
import type { NatsConnection } from '@nats-io/transport-node';
import type { OrderPlacedEvent } from '@hub/shared/messaging/contracts';
import { createLogger } from '@hub/shared/logger';
import { ProcessedMessage } from '@hub/shared/messaging/processed-message.entity';
import { openDatabase, type MikroORM } from '@hub/shared/persistence/orm';
import type { RuleSetPublication } from '@hub/shared/rules/domain/rule';
import { RulesReplica, RulesReplicaMigration } from '@hub/shared/rules/replication/rules-replica';
import { connectTestNats, createTestScope, postGraphQL, type TestScope } from '@hub/shared/testing/harness';
import { startOrderRules, type OrderRulesApp, type OrderRulesOptions } from '../src/app.js';

class ProcessedMessageMigration extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "processed_message" ("consumer" varchar(100) not null, "message_id" varchar(200) not null, "processed_at" timestamptz not null, primary key ("consumer", "message_id"));`,
    );
  }
}

/** The rules service, and a stand-in region: its own schema holding a rules replica, as a region process does. */
export interface RulesTestHub {
  scope: TestScope;
  app: OrderRulesApp;
  nc: NatsConnection;
  regionOrm: MikroORM;
  tokens: { editor: string; approver1: string; approver2: string; admin: string; customer: string; operator: string };
  openReplica(service: string, onApplied?: (publication: RuleSetPublication) => void): RulesReplica;
  gql<T = any>(
    token: string,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<{ data?: T; errors?: Array<{ message: string; extensions?: Record<string, any> }> }>;
  close(): Promise<void>;
}

export async function startRulesTestHub(label: string, options: OrderRulesOptions = {}): Promise<RulesTestHub> {
  const scope = createTestScope(label);
  const app = await startOrderRules({ ...scope.env, PORT: 0 } as never, options);
  const nc = await connectTestNats(scope.env);
  const regionOrm = await openDatabase({
    clientUrl: scope.env.DATABASE_URL,
    schema: 'region_test',
    entities: [ProcessedMessage],
    migrations: { ProcessedMessageMigration, RulesReplicaMigration },
  });
  const token = (subject: string, role: Parameters<TestScope['token']>[0]['role'], regions: string[] = []) => scope.token({ subject, role, regions });
  const tokens = {
    editor: await token('editor-erin', 'rules_editor'),
    approver1: await token('approver-ada', 'rules_approver'),
    approver2: await token('approver-bo', 'rules_approver'),
    admin: await token('admin-al', 'admin'),
    customer: await token('cust-1', 'customer', ['de']),
    operator: await token('op-de', 'operator', ['de']),
  };
  return {
    scope,
    app,
    nc,
    regionOrm,
    tokens,
    openReplica: (service, onApplied) =>
      new RulesReplica({
        nc,
        orm: regionOrm,
        logger: createLogger('replica-test', 'silent'),
        namespace: scope.env.NATS_NAMESPACE,
        service,
        schema: 'region_test',
        ...(onApplied ? { onApplied } : {}),
      }),
    gql: (tokenValue, query, variables = {}) => postGraphQL(app.url, query, variables, tokenValue),
    async close() {
      await nc.close();
      await regionOrm.close();
      await app.close();
      await scope.dispose();
    },
  };
}

export const VERSION_FIELDS = 'id number status revision approvals { approver } effectiveFrom effectiveTo basedOn rules { key condition message code }';
export const DRAFT = `mutation($input: DraftRuleVersionInput!) { ruleVersionDraft(input: $input) { version { ${VERSION_FIELDS} } problems { code field message position { line column offset } } userErrors { code field message } } }`;
export const step = (name: string, input = 'RuleVersionStepInput') =>
  `mutation($input: ${input}!) { ${name}(input: $input) { version { ${VERSION_FIELDS} } userErrors { code field message } } }`;
export const CREATE_SET = `mutation($input: CreateRuleSetInput!) { ruleSetCreate(input: $input) { ruleSet { id key module publication } userErrors { code field message } } }`;

/** Core's `order.placed` event of a test order `i`; each test keeps to a `series` of ids and numbers of its own. */
export const placedEvent = (series: { id: number; day: string }, i: number, grandTotal: number, occurredAt: Date, quantity = 1): OrderPlacedEvent => ({
  type: 'order.placed',
  orderId: `00000000-0000-4000-${series.id}-${String(i).padStart(12, '0')}`,
  number: `DE-${series.day}-${String(i).padStart(6, '0')}`,
  region: 'de',
  channel: 'WEB',
  currency: 'EUR',
  grandTotal,
  customerRef: `customer-${i}`,
  status: 'CREATED',
  version: 1,
  occurredAt: occurredAt.toISOString(),
  lines: [{ lineNo: 1, sku: 'TSH-01-1', quantity, attributes: { category: 'APPAREL' } }],
});
