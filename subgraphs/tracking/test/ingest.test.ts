import { eventually, postGraphQL } from '@hub/shared/testing/harness';
import { TRACKING_SQL_POOL } from '../src/app.js';
import { carrierEvent, postCarrierEvents, startTrackingTestHub, type TrackingTestHub } from './tracking-test-hub.js';

let hub: TrackingTestHub;
let sf: string;

beforeAll(async () => {
  hub = await startTrackingTestHub('tracking-ingest');
  sf = await hub.token({ role: 'carrier', subject: 'sf-express', regions: ['cn'] });
});
afterAll(async () => hub?.close());

const count = async (sql: string, params: unknown[] = []) => Number((await hub.tracking.pool.query(sql, params)).rows[0].n);

it('refuses callers that are not carriers, and bodies that are not batches', async () => {
  expect((await postCarrierEvents(hub.tracking.url, undefined, { events: [] })).status).toBe(401);
  expect((await postCarrierEvents(hub.tracking.url, 'not-a-token', { events: [] })).status).toBe(401);
  const customer = await hub.token({ role: 'customer', subject: 'cust-1', regions: ['cn'] });
  expect((await postCarrierEvents(hub.tracking.url, customer, { events: [] })).status).toBe(403);
  const malformed = await postCarrierEvents(hub.tracking.url, sf, { event: [] });
  expect(malformed).toMatchObject({ status: 400, body: { error: { code: 'BAD_USER_INPUT', field: 'events' } } });
});

it('stores a batch once, refusing bad events with typed errors and keeping every valid one', async () => {
  const orderId = await hub.placeOrder();
  const events = [
    carrierEvent({
      trackingNumber: 'SF1001',
      orderId,
      kind: 'FIRST_SCAN',
      nodeId: 'HZ-SORT',
      nodeType: 'SORTING_CENTER',
      latitude: 30.27,
      longitude: 120.15,
      actorId: 'courier-7',
    }),
    carrierEvent({ trackingNumber: 'SF1001', orderId, nodeId: 'SH-HUB', nodeType: 'HUB' }),
    carrierEvent({ trackingNumber: 'SF1001', occurredAt: new Date(Date.now() + 3_600_000).toISOString() }),
    carrierEvent({ trackingNumber: 'SF1001', latitude: 120, longitude: 10 }),
    carrierEvent({ trackingNumber: 'SF1001', kind: 'TELEPORTED' }),
  ];
  const first = await postCarrierEvents(hub.tracking.url, sf, { events });
  expect(first.status).toBe(200);
  expect(first.body).toMatchObject({ stored: 2, parked: 0, duplicates: 0 });
  expect(first.body.rejected.map((r: any) => [r.index, r.code, r.field])).toEqual([
    [2, 'EVENT_IN_FUTURE', 'occurredAt'],
    [3, 'INVALID_COORDINATES', 'latitude'],
    [4, 'INVALID_EVENT', 'kind'],
  ]);
  const again = await postCarrierEvents(hub.tracking.url, sf, { events: events.slice(0, 2) });
  expect(again.body).toMatchObject({ stored: 0, parked: 0, duplicates: 2, rejected: [] });
  expect(
    await count(`select count(*) as n from tracking.tracking_event where carrier_id = 'sf-express' and event_id = any($1)`, [events.map((e) => e.eventId)]),
  ).toBe(2);
});

it('stores an event id once across partitions: a redelivery with another time (another day) and a parked retry are duplicates', async () => {
  const orderId = await hub.placeOrder();
  const original = carrierEvent({ trackingNumber: 'SF1501', orderId, occurredAt: new Date(Date.now() - 3 * 3_600_000).toISOString() });
  expect((await postCarrierEvents(hub.tracking.url, sf, { events: [original] })).body).toMatchObject({ stored: 1, duplicates: 0 });
  // The carrier resends it with a time two days earlier: another partition, where the table's own key cannot see the first.
  const retimed = { ...original, occurredAt: new Date(Date.now() - 2 * 86_400_000).toISOString() };
  const nats = await hub.carrierRounds(() => true);
  const { headers } = await import('@nats-io/transport-node');
  const { jetstream } = await import('@nats-io/jetstream');
  const signed = headers();
  signed.set('Authorization', `Bearer ${sf}`);
  await jetstream(hub.nc).publish(hub.tracking.subjects.carrierEvents('sf-express'), JSON.stringify({ events: [retimed] }), { headers: signed });
  const settled = await hub.carrierRounds((totals) => totals.messages >= nats.messages + 1);
  expect(settled.stored).toBe(nats.stored);
  expect((await postCarrierEvents(hub.tracking.url, sf, { events: [retimed] })).body).toMatchObject({ stored: 0, duplicates: 1 });
  expect(await count(`select count(*) as n from tracking.tracking_event where carrier_id = 'sf-express' and event_id = $1`, [original.eventId])).toBe(1);

  // Parked twice with different times, it is still one event once the parcel is known.
  const parked = carrierEvent({ trackingNumber: 'SF1502' });
  await postCarrierEvents(hub.tracking.url, sf, { events: [parked] });
  expect((await postCarrierEvents(hub.tracking.url, sf, { events: [{ ...parked, occurredAt: retimed.occurredAt }] })).body).toMatchObject({ parked: 0 });
  const operator = await hub.token({ role: 'operator', subject: 'op-1', regions: ['cn'] });
  const registered = await postGraphQL(
    hub.tracking.url,
    `mutation($input: ShipmentRegisterInput!) { shipmentRegister(input: $input) { matchedParkedEvents userErrors { code } } }`,
    { input: { orderId: await hub.placeOrder(), carrierId: 'sf-express', trackingNumber: 'SF1502' } },
    operator,
  );
  expect(registered.data.shipmentRegister).toEqual({ matchedParkedEvents: 1, userErrors: [] });
  expect(await count(`select count(*) as n from tracking.tracking_event where carrier_id = 'sf-express' and event_id = $1`, [parked.eventId])).toBe(1);
});

it("refuses a carrier posting for another carrier's parcel", async () => {
  const orderId = await hub.placeOrder();
  await postCarrierEvents(hub.tracking.url, sf, { events: [carrierEvent({ trackingNumber: 'SF2001', orderId })] });
  const other = await hub.token({ role: 'carrier', subject: 'yto', regions: ['cn'] });
  const result = await postCarrierEvents(hub.tracking.url, other, { events: [carrierEvent({ trackingNumber: 'SF2001' })] });
  expect(result.body).toMatchObject({ stored: 0, parked: 0, rejected: [{ index: 0, code: 'CARRIER_MISMATCH', field: 'trackingNumber' }] });
});

it('parks events of unknown parcels and matches them when the shipment is registered', async () => {
  const orderId = await hub.placeOrder();
  const events = [carrierEvent({ trackingNumber: 'SF3001', kind: 'FIRST_SCAN' }), carrierEvent({ trackingNumber: 'SF3001' })];
  expect((await postCarrierEvents(hub.tracking.url, sf, { events })).body).toMatchObject({ stored: 0, parked: 2 });
  const operator = await hub.token({ role: 'operator', subject: 'op-1', regions: ['cn'] });
  const registered = await postGraphQL(
    hub.tracking.url,
    `mutation($input: ShipmentRegisterInput!) { shipmentRegister(input: $input) {
      matchedParkedEvents shipment { trackingNumber lastKind events { nodes { eventId } } } userErrors { code field } } }`,
    { input: { orderId, carrierId: 'sf-express', trackingNumber: 'SF3001' } },
    operator,
  );
  expect(registered.errors).toBeUndefined();
  expect(registered.data.shipmentRegister).toMatchObject({
    matchedParkedEvents: 2,
    userErrors: [],
    shipment: { trackingNumber: 'SF3001', lastKind: 'ARRIVED_AT_NODE' },
  });
  expect(registered.data.shipmentRegister.shipment.events.nodes.map((n: any) => n.eventId)).toEqual(events.map((e) => e.eventId));
  expect(await count(`select count(*) as n from tracking.parked_event where tracking_number = 'SF3001'`)).toBe(0);

  const conflict = await postGraphQL(
    hub.tracking.url,
    `mutation($input: ShipmentRegisterInput!) { shipmentRegister(input: $input) { shipment { id } userErrors { code field } } }`,
    { input: { orderId: await hub.placeOrder(), carrierId: 'sf-express', trackingNumber: 'SF3001' } },
    operator,
  );
  expect(conflict.data.shipmentRegister).toEqual({ shipment: null, userErrors: [{ code: 'CONFLICT', field: ['input', 'trackingNumber'] }] });
});

it('parks events naming an order tracking has not heard of, and joins them once core announces it', async () => {
  const { randomUUID } = await import('node:crypto');
  const orderId = randomUUID();
  const events = [carrierEvent({ trackingNumber: 'SF4001', orderId, kind: 'FIRST_SCAN' })];
  expect((await postCarrierEvents(hub.tracking.url, sf, { events })).body).toMatchObject({ parked: 1 });
  // Core registers the order now; its event makes tracking open the shipment and move the parked event into it.
  await hub.placeOrder({ orderId, customerRef: 'cust-late' });
  await hub.tracking.ingest.matchParkedOrders([orderId]); // idempotent: waits for (or repeats) what the consumer started
  expect(
    await count(`select count(*) as n from tracking.tracking_event e join tracking.shipment s on s.id = e.shipment_id where s.order_id = $1`, [orderId]),
  ).toBe(1);
  expect(await count(`select count(*) as n from tracking.parked_event where order_id = $1`, [orderId])).toBe(0);
});

it("takes batches over NATS with the carrier's token, and terminates messages without one", async () => {
  const orderId = await hub.placeOrder();
  const { headers } = await import('@nats-io/transport-node');
  const { jetstream } = await import('@nats-io/jetstream');
  const before = await hub.carrierRounds(() => true);
  const js = jetstream(hub.nc);
  const signed = headers();
  signed.set('Authorization', `Bearer ${sf}`);
  await js.publish(
    hub.tracking.subjects.carrierEvents('sf-express'),
    JSON.stringify({
      events: [carrierEvent({ eventId: 'nats-1', trackingNumber: 'SF5001', orderId }), carrierEvent({ eventId: 'nats-2', trackingNumber: 'SF5001', orderId })],
    }),
    { headers: signed },
  );
  await js.publish(
    hub.tracking.subjects.carrierEvents('sf-express'),
    JSON.stringify({ events: [carrierEvent({ eventId: 'nats-3', trackingNumber: 'SF5001', orderId })] }),
  );
  const after = await hub.carrierRounds((totals) => totals.stored >= before.stored + 2 && totals.terminated >= before.terminated + 1);
  expect(after.stored - before.stored).toBe(2);
  expect(await count(`select count(*) as n from tracking.tracking_event where event_id = 'nats-3'`)).toBe(0);
});

it("drops a partition past retention together with its events' de-duplication keys, and keeps the rest", async () => {
  const { PartitionMaintenance } = await import('../src/persistence/partitions.js');
  const orderId = await hub.placeOrder();
  const old = carrierEvent({ trackingNumber: 'SF6001', orderId, occurredAt: new Date(Date.now() - 3 * 86_400_000).toISOString() });
  const recent = carrierEvent({ trackingNumber: 'SF6001', orderId });
  expect((await postCarrierEvents(hub.tracking.url, sf, { events: [old, recent] })).body).toMatchObject({ stored: 2 });
  const dropped = await new PartitionMaintenance(hub.tracking.pool, 2).run(new Date());
  expect(dropped).toContain(`tracking_event_p${old.occurredAt.slice(0, 10).replaceAll('-', '')}`);
  const keys = async (eventId: string) =>
    count(`select count(*) as n from tracking.tracking_event_key where carrier_id = 'sf-express' and event_id = $1`, [eventId]);
  expect([await keys(old.eventId), await keys(recent.eventId)]).toEqual([0, 1]);
});

it('walks the parked backlog by order id, a bounded batch per pass, and joins orders tracking has heard of by now', async () => {
  const { randomUUID } = await import('node:crypto');
  const orderIds = [randomUUID(), randomUUID(), randomUUID()];
  const events = orderIds.map((orderId, i) => carrierEvent({ trackingNumber: `SF710${i}`, orderId }));
  expect((await postCarrierEvents(hub.tracking.url, sf, { events })).body).toMatchObject({ parked: 3 });
  // Core's events were applied but the matching never ran (a crash in between): only the sweep can join them now.
  await hub.tracking.pool.query(
    `insert into tracking.tracked_order (order_id, region, customer_ref, status, status_version, status_at, placed_at)
    select o, 'cn', 'cust-backlog', 'PACKED', 4, now(), now() from unnest($1::uuid[]) o`,
    [orderIds],
  );
  const backlog = await count(`select count(*) as n from tracking.parked_event where order_id is not null`);
  let matched = 0;
  // One parked event per pass: the walk goes on where it stopped and wraps, so it reaches every order within the backlog's length.
  for (let pass = 0; pass <= backlog + 1 && matched < 3; pass += 1) matched += await hub.tracking.ingest.matchParkedBacklog(1);
  expect(matched).toBe(3);
  expect(await count(`select count(*) as n from tracking.parked_event where order_id = any($1)`, [orderIds])).toBe(0);
  expect(await count(`select count(*) as n from tracking.tracking_event where event_id = any($1)`, [events.map((e) => e.eventId)])).toBe(3);
});

it('moves parked events whose parcel never appeared to parked_event_expired after the retention: counted, kept once, bounded per pass', async () => {
  const { expireParkedEvents } = await import('../src/events/parked-backlog.store.js');
  const events = [carrierEvent({ trackingNumber: 'SF7201' }), carrierEvent({ trackingNumber: 'SF7202' })];
  expect((await postCarrierEvents(hub.tracking.url, sf, { events })).body).toMatchObject({ parked: 2 });
  const ids = events.map((e) => e.eventId);
  const inExpired = () => count(`select count(*) as n from tracking.parked_event_expired where event_id = any($1)`, [ids]);
  // Within the retention (14 days by default) nothing expires.
  expect((await hub.tracking.scheduler.sweep(new Date(Date.now() + 13 * 86_400_000))).expired).toBe(0);
  const later = new Date(Date.now() + 15 * 86_400_000);
  expect(await expireParkedEvents(hub.tracking.pool, { before: later, now: later, batch: 1 })).toBe(1);
  const { expired } = await hub.tracking.scheduler.sweep(later);
  expect(expired).toBeGreaterThanOrEqual(1);
  expect(await count(`select count(*) as n from tracking.parked_event where event_id = any($1)`, [ids])).toBe(0);
  expect(await inExpired()).toBe(2);
  const row = (await hub.tracking.pool.query(`select tracking_number, kind, expired_at from tracking.parked_event_expired where event_id = $1`, [ids[0]]))
    .rows[0];
  expect(row).toMatchObject({ tracking_number: 'SF7201', kind: 'ARRIVED_AT_NODE', expired_at: later });
  // A carrier's late retry parks again (valid events are never refused for that), and expiring again records it once.
  expect((await postCarrierEvents(hub.tracking.url, sf, { events: events.slice(0, 1) })).body).toMatchObject({ parked: 1 });
  await hub.tracking.scheduler.sweep(later);
  expect(await inExpired()).toBe(2);
});

it('keeps serving when PostgreSQL drops the idle connections of its pool', async () => {
  const { pool } = hub.tracking;
  let removed = 0;
  pool.on('remove', () => (removed += 1));
  // Three connections open at once, then idle.
  const clients = await Promise.all([1, 2, 3].map(() => pool.connect()));
  clients.forEach((client) => client.release());
  const terminated = await count(
    `select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
      where datname = current_database() and application_name = $1 and pid <> pg_backend_pid() and state = 'idle'`,
    [TRACKING_SQL_POOL],
  );
  expect(terminated).toBeGreaterThanOrEqual(2);
  await eventually(
    async () => removed,
    (n) => n >= terminated,
  );
  expect((await pool.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
  const stored = await postCarrierEvents(hub.tracking.url, sf, { events: [carrierEvent({ trackingNumber: 'SF-AFTER-DROP' })] });
  expect(stored.status).toBe(200);
});
