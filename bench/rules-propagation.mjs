// `node bench/rules-propagation.mjs [--changes 20]`: how long an approved rule change takes to be in force in a region,
// from the approver's activate request to the region's replica applying it (outbox → JetStream → durable consumer →
// compiled in memory), against the order-rules subgraph and a replica in their own test database and NATS namespace.
// Prints figures from one run; not a test.
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { Migration } from '@mikro-orm/migrations';
import { createLogger } from '@hub/shared/logger';
import { ProcessedMessage } from '@hub/shared/messaging/processed-message.entity';
import { openDatabase } from '@hub/shared/persistence/orm';
import { RulesReplica, RulesReplicaMigration } from '@hub/shared/rules/replication/rules-replica';
import { connectTestNats, createTestScope, postGraphQL } from '@hub/shared/testing/harness';
import { startOrderRules } from '@hub/order-rules/app';

const { values } = parseArgs({ options: { changes: { type: 'string', default: '20' } } });
const changes = Number(values.changes);

class ProcessedMessageMigration extends Migration {
  async up() {
    this.addSql(
      `create table "processed_message" ("consumer" varchar(100) not null, "message_id" varchar(200) not null, "processed_at" timestamptz not null, primary key ("consumer", "message_id"));`,
    );
  }
}

const scope = createTestScope('bench-rules-propagation');
const app = await startOrderRules({ ...scope.env, PORT: 0, LOG_LEVEL: 'silent' });
const nc = await connectTestNats(scope.env);
const orm = await openDatabase({
  clientUrl: scope.env.DATABASE_URL,
  schema: 'region_bench',
  entities: [ProcessedMessage],
  migrations: { ProcessedMessageMigration, RulesReplicaMigration },
});
let waiting;
const replica = new RulesReplica({
  nc,
  orm,
  logger: createLogger('bench', 'silent'),
  namespace: scope.env.NATS_NAMESPACE,
  service: 'region-bench',
  schema: 'region_bench',
  onApplied: (publication) => waiting?.(publication),
});
try {
  await replica.start();
  const editor = await scope.token({ subject: 'bench-editor', role: 'rules_editor', regions: [] });
  const approver = await scope.token({ subject: 'bench-approver', role: 'rules_approver', regions: [] });
  const gql = async (token, query, variables) => {
    const body = await postGraphQL(app.url, query, variables, token);
    const payload = body.data && Object.values(body.data)[0];
    if (body.errors || payload?.userErrors?.length) throw new Error(JSON.stringify(body.errors ?? payload.userErrors));
    return payload;
  };
  const V = 'version { id revision }';
  await gql(editor, 'mutation($input: CreateRuleSetInput!) { ruleSetCreate(input: $input) { ruleSet { key } userErrors { code } } }', {
    input: { key: 'bench-notices', name: 'Bench', module: 'NOTIFICATION', scope: {} },
  });
  const latencies = [];
  for (let i = 1; i <= changes; i += 1) {
    let { version } = await gql(editor, `mutation($input: DraftRuleVersionInput!) { ruleVersionDraft(input: $input) { ${V} userErrors { code } } }`, {
      input: {
        ruleSetKey: 'bench-notices',
        effectiveFrom: new Date(Date.now() - 1_000).toISOString(),
        rules: [{ key: 'n', condition: `order.grandTotal > ${i}`, value: `"notice-${i}"`, message: 'n' }],
      },
    });
    ({ version } = await gql(editor, `mutation($input: RuleVersionStepInput!) { ruleVersionSubmit(input: $input) { ${V} userErrors { code } } }`, {
      input: { versionId: version.id, expectedRevision: version.revision },
    }));
    ({ version } = await gql(approver, `mutation($input: RuleVersionStepInput!) { ruleVersionApprove(input: $input) { ${V} userErrors { code } } }`, {
      input: { versionId: version.id, expectedRevision: version.revision },
    }));
    const applied = new Promise((resolve) => {
      waiting = (publication) => publication.publication === i && resolve();
    });
    const started = performance.now();
    await gql(approver, `mutation($input: ActivateRuleVersionInput!) { ruleVersionActivate(input: $input) { ${V} userErrors { code } } }`, {
      input: { versionId: version.id, expectedRevision: version.revision, supersede: true },
    });
    await applied;
    latencies.push(performance.now() - started);
  }
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))].toFixed(1);
  console.log(
    `rule change → in force in a region: ${changes} activations, p50 ${at(0.5)} ms, p90 ${at(0.9)} ms, max ${at(1)} ms (activate request to replica applied)`,
  );
} finally {
  await replica.stop();
  await nc.close();
  await orm.close();
  await app.close();
  await scope.dispose();
}
