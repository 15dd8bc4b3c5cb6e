import { connect, type Msg, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import { AckPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { sellerFactsSubject } from '../src/catalogue/quote/seller-facts.contract.js';
import { assertNatsRefusesAnonymous } from '../src/messaging/nats.js';
import { subjectsFor } from '../src/messaging/subjects.js';
import { ensureRulesStream, rulesSubjectsFor } from '../src/rules/replication/rules-contracts.js';
import { NATS_SERVER_BINARY, startPrivateNats, type PrivateNats } from '../src/testing/private-nats.js';

/**
 * The hub's generated NATS accounts, on a server of this test's own: nobody gets in without credentials, and
 * the server itself refuses a region that publishes as another region or listens on core's subjects.
 */
const describeWithServer = NATS_SERVER_BINARY ? describe : describe.skip;

const services = [
  { name: 'core-orders', kind: 'core' as const },
  { name: 'catalogue', kind: 'domain' as const },
  { name: 'order-rules', kind: 'domain' as const },
  { name: 'region-cn', kind: 'region' as const },
  { name: 'region-de', kind: 'region' as const },
  { name: 'gateway', kind: 'gateway' as const },
];
const subjects = subjectsFor('hub');

describeWithServer('NATS accounts generated from the workspace', () => {
  let nats: PrivateNats;
  const open: NatsConnection[] = [];
  const as = async (user: string) => {
    const nc = await nats.connectAs(user);
    open.push(nc);
    return nc;
  };

  beforeAll(async () => {
    nats = await startPrivateNats(services);
  });
  afterAll(async () => {
    await Promise.all(open.map((nc) => nc.close()));
    await nats?.dispose();
  });

  /** Resolves with the server's permission error for `subject`, which the client reports on its status stream. */
  const violation = (nc: NatsConnection, subject: string) =>
    (async () => {
      for await (const status of nc.status()) {
        if (status.type === 'error' && status.error.message.toLowerCase().includes('permissions violation') && status.error.message.includes(subject))
          return status.error.message;
      }
      throw new Error('connection closed without a permission error');
    })();

  /** Collects what reaches `subject` until a message satisfying `last` arrives. */
  const collectUntil = (sub: Subscription, last: (message: Msg) => boolean) =>
    (async () => {
      const seen: string[] = [];
      for await (const message of sub) {
        seen.push(message.string());
        if (last(message)) return seen;
      }
      return seen;
    })();

  it('refuses anonymous clients and wrong passwords', async () => {
    await expect(connect({ servers: nats.url, reconnect: false })).rejects.toThrow(/authorization/i);
    await expect(connect({ servers: nats.url, user: 'region-cn', pass: 'guessed', reconnect: false })).rejects.toThrow(/authorization/i);
    // The production start-up check finds this server closed to anonymous clients.
    await expect(assertNatsRefusesAnonymous(nats.url)).resolves.toBeUndefined();
  });

  it('does not let a region heartbeat or register as another region; core hears only the real one', async () => {
    const core = await as('core-orders');
    const cn = await as('region-cn');
    const heartbeats = core.subscribe(subjects.heartbeats);
    const heard = collectUntil(heartbeats, (message) => message.subject === subjects.heartbeat('region-cn'));
    await core.flush();

    const refused = violation(cn, subjects.heartbeat('region-de'));
    cn.publish(subjects.heartbeat('region-de'), JSON.stringify({ name: 'region-de', version: 'forged', at: new Date().toISOString() }));
    expect(await refused).toMatch(/publish/i);
    cn.publish(subjects.heartbeat('region-cn'), 'genuine');
    expect(await heard).toEqual(['genuine']);

    const registration = violation(cn, subjects.registerSubgraph('region-de'));
    await expect(cn.request(subjects.registerSubgraph('region-de'), '{}', { timeout: 2_000 })).rejects.toThrow();
    await registration;
  });

  it('does not let a region send commands as another, nor a domain subgraph as a region', async () => {
    const cn = await as('region-cn');
    const catalogue = await as('catalogue');
    const asDe = violation(cn, subjects.coreCommands('region-de'));
    cn.publish(subjects.coreCommands('region-de'), '{}');
    await asDe;
    const asCn = violation(catalogue, subjects.coreCommands('region-cn'));
    catalogue.publish(subjects.coreCommands('region-cn'), '{}');
    await asCn;
  });

  it("lets only core answer core's subjects and publish supergraph changes", async () => {
    const cn = await as('region-cn');
    const gateway = await as('gateway');
    const listening = violation(cn, subjects.coreCommandsAll);
    cn.subscribe(subjects.coreCommandsAll);
    await listening;
    const announcing = violation(gateway, subjects.supergraphChanged);
    gateway.publish(subjects.supergraphChanged, JSON.stringify({ version: 999 }));
    await announcing;
    const ordering = violation(cn, subjects.orderPlaced('cn'));
    cn.publish(subjects.orderPlaced('cn'), '{}');
    await ordering;
  });

  it("carries a region's own request to core and core's answer back to that region only", async () => {
    const core = await as('core-orders');
    const de = await as('region-de');
    core.subscribe(subjects.registerSubgraphAll, { callback: (_error, message) => message.respond(JSON.stringify({ from: message.subject })) });
    await core.flush();
    const reply = await de.request(subjects.registerSubgraph('region-de'), '{}', { timeout: 2_000 });
    expect(reply.json()).toEqual({ from: subjects.registerSubgraph('region-de') });
    // Another region cannot read de's inbox.
    const cn = await as('region-cn');
    const snooping = violation(cn, '_INBOX.region-de.>');
    cn.subscribe('_INBOX.region-de.>');
    await snooping;
  });

  it("carries the catalogue's request for seller facts to that region only, and lets no region ask as the catalogue", async () => {
    const catalogue = await as('catalogue');
    const de = await as('region-de');
    de.subscribe(sellerFactsSubject('hub', 'de'), { callback: (_error, message) => message.respond(JSON.stringify({ from: message.subject })) });
    await de.flush();
    const reply = await catalogue.request(sellerFactsSubject('hub', 'de'), '{}', { timeout: 2_000 });
    expect(reply.json()).toEqual({ from: sellerFactsSubject('hub', 'de') });
    const cn = await as('region-cn');
    const eavesdropping = violation(cn, sellerFactsSubject('hub', 'de'));
    cn.subscribe(sellerFactsSubject('hub', 'de'));
    await eavesdropping;
    const forging = violation(cn, sellerFactsSubject('hub', 'cn'));
    cn.publish(sellerFactsSubject('hub', 'cn'), '{}');
    await forging;
  });

  it('gives services JetStream and keeps the gateway out of it', async () => {
    const cn = await as('region-cn');
    await expect((await jetstreamManager(cn)).getAccountInfo()).resolves.toMatchObject({ streams: expect.any(Number) });
    const gateway = await as('gateway');
    await expect(jetstreamManager(gateway, { timeout: 2_000 }).then((jsm) => jsm.getAccountInfo())).rejects.toThrow();
  });

  it('lets a region follow the order rules order-rules publishes, and keeps it from publishing rules itself', async () => {
    const rules = rulesSubjectsFor('hub');
    const orderRules = await as('order-rules');
    await ensureRulesStream(orderRules, rules);
    await jetstream(orderRules).publish(rules.ruleSet('eu-check'), JSON.stringify({ publication: 1 }), { msgID: 'order-rules:eu-check:1' });

    const cn = await as('region-cn');
    const durable = rules.replicaConsumer('region-cn');
    await (await jetstreamManager(cn)).consumers.add(rules.stream, { durable_name: durable, ack_policy: AckPolicy.Explicit, filter_subject: rules.all });
    const message = await (await jetstream(cn).consumers.get(rules.stream, durable)).next({ expires: 5_000 });
    expect(message?.subject).toBe(rules.ruleSet('eu-check'));
    await message!.ackAck();

    const forging = violation(cn, rules.ruleSet('eu-check'));
    cn.publish(rules.ruleSet('eu-check'), JSON.stringify({ publication: 2 }));
    await forging;
  });
});
