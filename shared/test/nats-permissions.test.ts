import { connect, type Msg, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import { AckPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { sellerFactsSubject } from '../src/catalogue/quote/seller-facts.contract.js';
import { catalogueSubjectsFor, ensureCatalogueStream } from '../src/catalogue/replication/catalogue-contracts.js';
import { createLogger } from '../src/logger.js';
import { DurableConsumer } from '../src/messaging/durable-consumer.js';
import { jetStreamUseOf } from '../src/messaging/jetstream-use.js';
import { assertNatsRefusesAnonymous, ensureStreams } from '../src/messaging/nats.js';
import { ensureTrackingStreams, trackingSubjectsFor } from '../src/notices/tracking-subjects.js';
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
  { name: 'tracking', kind: 'domain' as const },
  { name: 'gateway', kind: 'gateway' as const },
];
const usesOf = (name: string) =>
  jetStreamUseOf(
    services.find((service) => service.name === name)!,
    'hub',
  );
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
    // Permissions pinned to the `hub` namespace, as production's: stream and consumer names are then exact.
    nats = await startPrivateNats(services, { namespace: 'hub', carriers: ['sf-express', 'dhl'] });
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

  it("runs each service's own JetStream calls (declaring, consuming) within its narrowed rights", async () => {
    const core = await as('core-orders');
    await ensureStreams(core, subjects, usesOf('core-orders'));
    const tracking = await as('tracking');
    await ensureTrackingStreams(tracking, trackingSubjectsFor('hub'), usesOf('tracking'));
    await ensureStreams(tracking, subjects, usesOf('tracking'));
    const cn = await as('region-cn');
    // A region starting before catalogue may create the stream it reads, with the shared configuration.
    await ensureCatalogueStream(cn, catalogueSubjectsFor('hub'), 'user');
    await ensureStreams(cn, subjects, usesOf('region-cn'));
    await ensureTrackingStreams(cn, trackingSubjectsFor('hub'), usesOf('region-cn'));
    const consumer = new DurableConsumer({
      nc: cn,
      em: undefined as never,
      logger: createLogger('test', 'silent'),
      stream: subjects.ordersStream,
      durableName: subjects.regionConsumer('cn'),
      filterSubject: subjects.ordersOfRegion('cn'),
      schema: undefined as never,
      handle: async () => undefined,
    });
    await consumer.start();
    await expect(consumer.pending()).resolves.toBe(0);
    await consumer.stop();
    // Started again, it finds its consumer and updates it in place.
    await consumer.start();
    await consumer.stop();
  });

  it("keeps a service from reading, widening onto, changing or deleting another's stream or consumer", async () => {
    const core = await as('core-orders');
    await ensureStreams(core, subjects, usesOf('core-orders'));
    const cn = await as('region-cn');
    const cnJsm = await jetstreamManager(cn);
    const cnOrders = { durable_name: subjects.regionConsumer('cn'), ack_policy: AckPolicy.Explicit, filter_subject: subjects.ordersOfRegion('cn') };
    await cnJsm.consumers.add(subjects.ordersStream, cnOrders);
    await jetstream(core).publish(subjects.orderPlaced('cn'), JSON.stringify({ type: 'order.placed' }), { msgID: 'placed-cn-1' });

    const de = await as('region-de');
    const deJsm = await jetstreamManager(de, { timeout: 2_000 });
    /** The API call fails, and the server reports the permission violation for its subject. */
    const refused = async (call: () => Promise<unknown>, subject: string) => {
      const reported = violation(de, subject);
      await expect(call()).rejects.toThrow();
      expect(await reported).toMatch(/publish/i);
    };
    // Reading cn's orders: through cn's consumer, or through one of its own with cn's filter.
    await refused(
      () => jetstream(de, { timeout: 2_000 }).consumers.get(subjects.ordersStream, cnOrders.durable_name),
      `CONSUMER.INFO.${subjects.ordersStream}`,
    );
    await refused(
      () => deJsm.consumers.add(subjects.ordersStream, { ...cnOrders, durable_name: subjects.regionConsumer('de') }),
      `CONSUMER.CREATE.${subjects.ordersStream}.${subjects.regionConsumer('de')}.${subjects.ordersOfRegion('cn')}`,
    );
    await refused(() => deJsm.streams.getMessage(subjects.ordersStream, { seq: 1 }), `STREAM.MSG.GET.${subjects.ordersStream}`);
    // Changing, emptying or deleting a stream it does not own, or deleting cn's consumer.
    await refused(
      () => deJsm.streams.update(subjects.ordersStream, { subjects: [subjects.ordersAll, 'hub.elsewhere.>'] }),
      `STREAM.UPDATE.${subjects.ordersStream}`,
    );
    await refused(() => deJsm.streams.purge(subjects.ordersStream), `STREAM.PURGE.${subjects.ordersStream}`);
    await refused(() => deJsm.streams.delete(subjects.ordersStream), `STREAM.DELETE.${subjects.ordersStream}`);
    await refused(() => deJsm.consumers.delete(subjects.ordersStream, cnOrders.durable_name), `CONSUMER.DELETE.${subjects.ordersStream}`);

    // Nothing changed: cn still reads its order from its own consumer.
    const message = await (await jetstream(cn).consumers.get(subjects.ordersStream, cnOrders.durable_name)).next({ expires: 5_000 });
    expect(message?.subject).toBe(subjects.orderPlaced('cn'));
    await message!.ackAck();
    expect((await cnJsm.streams.info(subjects.ordersStream)).config.subjects).toEqual([subjects.ordersAll]);
  });

  it("lets a carrier publish only its own events into tracking's stream, and nothing else", async () => {
    const tracking = trackingSubjectsFor('hub');
    await ensureTrackingStreams(await as('tracking'), tracking, usesOf('tracking'));
    const sf = await as('carrier-sf-express');
    const ack = await jetstream(sf).publish(tracking.carrierEvents('sf-express'), JSON.stringify({ events: [] }), { msgID: 'sf-batch-1' });
    expect(ack.stream).toBe(tracking.carrierEventsStream);
    for (const subject of [tracking.carrierEvents('dhl'), subjects.coreCommands('tracking'), tracking.disruptions]) {
      const refused = violation(sf, subject);
      sf.publish(subject, '{}');
      expect(await refused).toMatch(/publish/i);
    }
    await expect(jetstreamManager(sf, { timeout: 2_000 })).rejects.toThrow();
  });
});
