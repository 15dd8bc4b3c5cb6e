import { createClient } from 'graphql-sse';
import { postGraphQL } from '@hub/shared/testing/harness';
import { carrierEvent, postCarrierEvents, startTrackingTestHub, type TrackingTestHub } from './tracking-test-hub.js';

let hub: TrackingTestHub;
let sf: string;
let operator: string;
const HOUR = 3_600_000;

beforeAll(async () => {
  hub = await startTrackingTestHub('tracking-journey');
  sf = await hub.token({ role: 'carrier', subject: 'sf-express', regions: ['cn'] });
  operator = await hub.token({ role: 'operator', subject: 'op-1', regions: ['cn'] });
});
afterAll(async () => hub?.close());

const query = (token: string, text: string, variables: Record<string, unknown> = {}) => postGraphQL(hub.tracking.url, text, variables, token);

/** An SF Express parcel of the order, registered by an operator with its promise and planned route; its id. */
async function registerShipment(orderId: string, trackingNumber: string, promisedBy: Date, route: string[]): Promise<string> {
  const registered = await query(
    operator,
    `mutation($input: ShipmentRegisterInput!) { shipmentRegister(input: $input) { shipment { id } userErrors { code } } }`,
    { input: { orderId, carrierId: 'sf-express', trackingNumber, promisedBy: promisedBy.toISOString(), route } },
  );
  return registered.data.shipmentRegister.shipment.id;
}
const JOURNEY = `query($id: ID!) { _entities(representations: [{ __typename: "Order", id: $id }]) { ... on Order { tracking {
  shipments { trackingNumber lastKind delivered events { nodes { kind nodeId latitude actorId } } } } } } }`;

it('reports milestones to core in order, implying a skipped scan, with the carrier as actor', async () => {
  const orderId = await hub.placeOrder();
  await hub.moveOrder(orderId, ['PAID', 'PICKED', 'PACKED']);
  const events = [
    carrierEvent({ trackingNumber: 'SF9001', orderId, kind: 'OUTBOUND', nodeId: 'WH-HZ', nodeType: 'WAREHOUSE' }),
    carrierEvent({ trackingNumber: 'SF9001', orderId, kind: 'OUT_FOR_DELIVERY', nodeId: 'HZ-STATION', nodeType: 'DELIVERY_STATION' }),
  ];
  expect((await postCarrierEvents(hub.tracking.url, sf, { events })).body).toMatchObject({ stored: 2 });
  await hub.tracking.commands.whenIdle();
  const rows = (
    await hub.tracking.pool.query(`select to_status, actor_type, actor_id from core_orders.order_status_change where order_id = $1 order by sequence`, [
      orderId,
    ])
  ).rows;
  expect(rows.slice(-3)).toEqual([
    { to_status: 'OUTBOUND', actor_type: 'carrier', actor_id: 'sf-express' },
    { to_status: 'FIRST_SCAN', actor_type: 'carrier', actor_id: 'sf-express' },
    { to_status: 'OUT_FOR_DELIVERY', actor_type: 'carrier', actor_id: 'sf-express' },
  ]);
  const commands = (await hub.tracking.pool.query(`select sequence, state, body from tracking.core_command where order_id = $1 order by sequence`, [orderId]))
    .rows;
  expect(commands.map((command) => [command.sequence, command.state, command.body.to])).toEqual([
    [1, 'ACCEPTED', 'OUTBOUND'],
    [2, 'ACCEPTED', 'FIRST_SCAN'],
    [3, 'ACCEPTED', 'OUT_FOR_DELIVERY'],
  ]);
  expect(commands[2].body.occurredAt).toBe(events[1]!.occurredAt);
  // A redelivered batch queues nothing new; a second pass sends nothing.
  await postCarrierEvents(hub.tracking.url, sf, { events });
  expect(await hub.tracking.commands.drain()).toBe(0);
  expect((await hub.tracking.pool.query(`select count(*)::int as n from tracking.core_command where order_id = $1`, [orderId])).rows[0].n).toBe(3);
});

it("keeps a milestone core refuses on its command, with core's reason, and does not send it again", async () => {
  const orderId = await hub.placeOrder();
  await hub.moveOrder(orderId, ['CANCELLED']);
  const events = [carrierEvent({ trackingNumber: 'SF9002', orderId, kind: 'OUTBOUND', nodeId: 'WH-HZ', nodeType: 'WAREHOUSE' })];
  expect((await postCarrierEvents(hub.tracking.url, sf, { events })).body).toMatchObject({ stored: 1 });
  await hub.tracking.commands.whenIdle();
  const commands = (await hub.tracking.pool.query(`select command_id, state, rejection_code from tracking.core_command where order_id = $1`, [orderId])).rows;
  expect(commands).toEqual([{ command_id: `tracking:${orderId}:OUTBOUND`, state: 'REJECTED', rejection_code: 'INVALID_STATUS_TRANSITION' }]);
  const [order] = (await hub.tracking.pool.query(`select status from core_orders."order" where id = $1`, [orderId])).rows;
  expect(order.status).toBe('CANCELLED');
  expect(await hub.tracking.commands.drain()).toBe(0);
});

it('shows the journey like the order read: all to staff, key nodes to ordinary customers, every step with place to VIPs', async () => {
  const orderId = await hub.placeOrder({ customerRef: 'cust-vip' });
  await postCarrierEvents(hub.tracking.url, sf, {
    events: [
      carrierEvent({
        trackingNumber: 'SF9101',
        orderId,
        kind: 'FIRST_SCAN',
        nodeId: 'HZ-SORT',
        nodeType: 'SORTING_CENTER',
        latitude: 30.2,
        longitude: 120.1,
        actorId: 'courier-1',
      }),
      carrierEvent({ trackingNumber: 'SF9101', orderId, kind: 'ARRIVED_AT_NODE', nodeId: 'SH-HUB', nodeType: 'HUB', latitude: 31.2, longitude: 121.4 }),
    ],
  });
  const customer = await hub.token({ role: 'customer', subject: 'cust-vip', regions: ['cn'] });
  const ordinary = await query(customer, JOURNEY, { id: orderId });
  expect(ordinary.errors).toBeUndefined();
  expect(ordinary.data._entities[0].tracking.shipments[0].events.nodes).toEqual([{ kind: 'FIRST_SCAN', nodeId: null, latitude: null, actorId: null }]);
  const tier = await query(operator, `mutation { customerTierSet(input: { customerRef: "cust-vip", tier: VIP }) { tier userErrors { code } } }`);
  expect(tier.data.customerTierSet).toEqual({ tier: 'VIP', userErrors: [] });
  const vip = await query(customer, JOURNEY, { id: orderId });
  expect(vip.data._entities[0].tracking.shipments[0].events.nodes).toEqual([
    { kind: 'FIRST_SCAN', nodeId: 'HZ-SORT', latitude: 30.2, actorId: null },
    { kind: 'ARRIVED_AT_NODE', nodeId: 'SH-HUB', latitude: 31.2, actorId: null },
  ]);
  const staff = await query(operator, JOURNEY, { id: orderId });
  expect(staff.data._entities[0].tracking.shipments[0].events.nodes[0]).toMatchObject({ actorId: 'courier-1' });
  const stranger = await query(await hub.token({ role: 'customer', subject: 'cust-other', regions: ['cn'] }), JOURNEY, { id: orderId });
  expect(stranger.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  const otherRegion = await query(await hub.token({ role: 'operator', subject: 'op-de', regions: ['de'] }), JOURNEY, { id: orderId });
  expect(otherRegion.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
});

it('queues notices per tier with ids derived from the change and no personal data', async () => {
  const orderId = await hub.placeOrder({ customerRef: 'cust-notice' });
  const events = [
    carrierEvent({ trackingNumber: 'SF9201', orderId, kind: 'FIRST_SCAN', nodeId: 'HZ-SORT' }),
    carrierEvent({ trackingNumber: 'SF9201', orderId, kind: 'ARRIVED_AT_NODE', nodeId: 'SH-HUB' }),
    carrierEvent({ trackingNumber: 'SF9201', orderId, kind: 'OUT_FOR_DELIVERY', nodeId: 'SH-STATION' }),
  ];
  await postCarrierEvents(hub.tracking.url, sf, { events });
  await postCarrierEvents(hub.tracking.url, sf, { events });
  const { rows } = await hub.tracking.pool.query(
    `select message_id, subject, payload from tracking.outbox_event where payload->>'orderId' = $1 order by payload->>'occurredAt'`,
    [orderId],
  );
  expect(rows).toHaveLength(2);
  expect(rows[0].message_id).toMatch(new RegExp(`^JOURNEY_STEP:.*:sf-express:${events[0]!.eventId}:ORDINARY$`));
  expect(rows[0].subject).toBe(hub.tracking.subjects.notices('cn'));
  expect(Object.keys(rows[0].payload).sort()).toEqual([
    'customerRef',
    'noticeId',
    'occurredAt',
    'orderId',
    'region',
    'step',
    'tier',
    'topic',
    'type',
    'urgency',
  ]);
  // Out for delivery reaches the customer in quiet hours too; the first scan waits for their end (the region decides when).
  expect(rows.map((row) => [row.payload.step, row.payload.urgency])).toEqual([
    ['FIRST_SCAN', 'NORMAL'],
    ['OUT_FOR_DELIVERY', 'URGENT'],
  ]);
});

it('warns of a predicted delay hours ahead with alternatives, raises dwell alerts, and audits every task step', async () => {
  const orderId = await hub.placeOrder();
  const now = new Date();
  const shipmentId = await registerShipment(orderId, 'SF9301', new Date(now.getTime() + 10 * HOUR), ['WH-A', 'SORT-B', 'HUB-C', 'STATION-D']);
  await postCarrierEvents(hub.tracking.url, sf, {
    events: [
      carrierEvent({
        trackingNumber: 'SF9301',
        kind: 'FIRST_SCAN',
        nodeId: 'SORT-B',
        nodeType: 'SORTING_CENTER',
        occurredAt: new Date(now.getTime() - 60_000).toISOString(),
      }),
    ],
  });
  await hub.tracking.pool.query(
    `insert into tracking.lane_history (lane, hour, median_hours, samples) select l, h, 3, 100 from unnest(array['SORT-B>HUB-C', 'HUB-C>STATION-D']) l, generate_series(0, 23) h`,
  );
  expect((await hub.tracking.scheduler.sweep(new Date())).warned).toBe(0); // 6 h of transit fits a 10 h promise

  const disruption = await query(
    operator,
    `mutation($input: DisruptionReportInput!) { disruptionReport(input: $input) { disruptionId shipmentsToRecheck userErrors { code field } } }`,
    {
      input: {
        id: 'storm-1',
        kind: 'WEATHER',
        lane: 'SORT-B>HUB-C',
        factor: 3,
        startsAt: new Date(now.getTime() - HOUR).toISOString(),
        endsAt: new Date(now.getTime() + 24 * HOUR).toISOString(),
      },
    },
  );
  expect(disruption.data.disruptionReport).toMatchObject({ disruptionId: 'storm-1', shipmentsToRecheck: 1, userErrors: [] });
  const badDisruption = await query(
    operator,
    `mutation { disruptionReport(input: { id: "x", kind: HUB_CLOSURE, lane: "A>B", factor: 1, startsAt: "2026-01-02T00:00:00Z", endsAt: "2026-01-01T00:00:00Z" }) { userErrors { code field } } }`,
  );
  expect(badDisruption.data.disruptionReport.userErrors[0]).toMatchObject({ code: 'INVALID' });
  expect((await hub.tracking.scheduler.sweep(new Date())).warned).toBe(1); // 9 h + 3 h = 12 h > 10 h
  expect((await hub.tracking.scheduler.sweep(new Date())).warned).toBe(0); // once per promise

  const TASKS = `query($filter: TrackingTaskFilterInput) { trackingTasks(filter: $filter) { nodes { id kind state alternatives details version } } }`;
  const listed = await query(operator, TASKS, { filter: { kind: 'DELAY' } });
  const task = listed.data.trackingTasks.nodes.find((t: any) => t.details.promisedBy);
  expect(task).toMatchObject({ kind: 'DELAY', state: 'OPEN', alternatives: ['REROUTE', 'RESCHEDULE', 'NOTIFY_CUSTOMER'] });
  expect(task.details).toMatchObject({ shortNotice: false, causes: [{ id: 'storm-1', kind: 'WEATHER' }] });
  expect(Math.abs(task.details.lateByMinutes - 119)).toBeLessThanOrEqual(1); // last scan a minute ago + 12 h against a 10 h promise
  expect(task.details.leadMinutes).toBeGreaterThanOrEqual(4 * 60);

  const act = (mutation: string, input: Record<string, unknown>, token = operator) =>
    query(
      token,
      `mutation($input: ${mutation === 'trackingTaskAssign' ? 'TrackingTaskAssignInput' : 'TrackingTaskActionInput'}!) { ${mutation}(input: $input) { task { state assignee version } userErrors { code field } } }`,
      { input },
    );
  expect((await act('trackingTaskAssign', { taskId: task.id, assignee: 'op-2', expectedVersion: task.version })).data.trackingTaskAssign).toMatchObject({
    task: { state: 'ASSIGNED', assignee: 'op-2' },
  });
  expect((await act('trackingTaskAcknowledge', { taskId: task.id })).data.trackingTaskAcknowledge).toMatchObject({
    task: null,
    userErrors: [{ code: 'TASK_NOT_ASSIGNEE' }],
  });
  expect((await act('trackingTaskResolve', { taskId: task.id, expectedVersion: 1 })).data.trackingTaskResolve).toMatchObject({
    userErrors: [{ code: 'CONFLICT', field: ['input', 'expectedVersion'] }],
  });
  const assignee = await hub.token({ role: 'operator', subject: 'op-2', regions: ['cn'] });
  expect((await act('trackingTaskAcknowledge', { taskId: task.id }, assignee)).data.trackingTaskAcknowledge).toMatchObject({ task: { state: 'ACKNOWLEDGED' } });
  expect((await act('trackingTaskResolve', { taskId: task.id, note: 'rerouted via HUB-E' }, assignee)).data.trackingTaskResolve).toMatchObject({
    task: { state: 'RESOLVED' },
  });
  const auditor = await hub.token({ role: 'auditor', subject: 'aud-1' });
  expect((await act('trackingTaskResolve', { taskId: task.id }, auditor)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  const audit = await query(auditor, `query { trackingTasks(filter: { kind: DELAY }) { nodes { id actions { action actorId assignee } } } }`);
  expect(audit.data.trackingTasks.nodes.find((t: any) => t.id === task.id).actions).toEqual([
    { action: 'OPEN', actorId: 'tracking', assignee: null },
    { action: 'ASSIGN', actorId: 'op-1', assignee: 'op-2' },
    { action: 'ACKNOWLEDGE', actorId: 'op-2', assignee: null },
    { action: 'RESOLVE', actorId: 'op-2', assignee: null },
  ]);
  const notice = await hub.tracking.pool.query(`select message_id from tracking.outbox_event where message_id like $1`, [`DELAY_WARNING:${shipmentId}:%`]);
  expect(notice.rows).toHaveLength(1);

  // The parcel then sits at the sorting centre: past 6 h a dwell task opens, once; unacknowledged, it escalates.
  // Seven hours on, the earlier tests' parcels may be idle too: only this parcel's tasks are counted.
  const later = new Date(now.getTime() + 7 * HOUR);
  const DWELL_TASKS = `query { trackingTasks(filter: { kind: DWELL, nodeId: "SORT-B" }) { nodes { shipmentId kind state escalationLevel details } } }`;
  const dwellOfThisParcel = async () =>
    (await query(operator, DWELL_TASKS)).data.trackingTasks.nodes.filter((t: { shipmentId: string }) => t.shipmentId === shipmentId);
  expect(await dwellOfThisParcel()).toEqual([]);
  expect((await hub.tracking.scheduler.sweep(later)).dwell).toBeGreaterThanOrEqual(1);
  expect((await hub.tracking.scheduler.sweep(later)).dwell).toBe(0);
  const opened = await dwellOfThisParcel();
  expect(opened).toEqual([
    expect.objectContaining({
      kind: 'DWELL',
      state: 'OPEN',
      escalationLevel: 0,
      details: expect.objectContaining({ nodeType: 'SORTING_CENTER', thresholdMinutes: 360 }),
    }),
  ]);
  const escalated = await hub.tracking.scheduler.sweep(new Date(later.getTime() + HOUR));
  expect(escalated.escalated).toBeGreaterThanOrEqual(1);
  expect(await dwellOfThisParcel()).toEqual([expect.objectContaining({ state: 'OPEN', escalationLevel: 1 })]);
});

it("streams an order's journey over SSE to whoever may read the order, and refuses others", async () => {
  const orderId = await hub.placeOrder({ customerRef: 'cust-live' });
  await postCarrierEvents(hub.tracking.url, sf, { events: [carrierEvent({ trackingNumber: 'SF9401', orderId, kind: 'FIRST_SCAN' })] });
  const customer = await hub.token({ role: 'customer', subject: 'cust-live', regions: ['cn'] });
  const client = createClient({ url: `${hub.tracking.url}/graphql/stream`, headers: { authorization: `Bearer ${customer}` }, retryAttempts: 0 });
  const updates: any[] = [];
  const iterator = client.iterate<any>({
    query: `subscription($id: ID!) { orderJourney(orderId: $id) { orderId shipments { trackingNumber lastKind delivered } } }`,
    variables: { id: orderId },
  });
  const first = await iterator.next();
  updates.push(first.value.data.orderJourney);
  await postCarrierEvents(hub.tracking.url, sf, {
    events: [carrierEvent({ trackingNumber: 'SF9401', orderId, kind: 'SIGNED', occurredAt: new Date().toISOString() })],
  });
  const second = await iterator.next();
  updates.push(second.value.data.orderJourney);
  await iterator.return?.();
  client.dispose();
  expect(updates).toEqual([
    { orderId, shipments: [{ trackingNumber: 'SF9401', lastKind: 'FIRST_SCAN', delivered: false }] },
    { orderId, shipments: [{ trackingNumber: 'SF9401', lastKind: 'SIGNED', delivered: true }] },
  ]);

  const stranger = createClient({
    url: `${hub.tracking.url}/graphql/stream`,
    headers: { authorization: `Bearer ${await hub.token({ role: 'customer', subject: 'cust-x', regions: ['cn'] })}` },
    retryAttempts: 0,
  });
  const refused = await stranger
    .iterate<any>({ query: `subscription($id: ID!) { orderJourney(orderId: $id) { orderId } }`, variables: { id: orderId } })
    .next();
  expect(refused.value.errors[0].extensions.code).toBe('FORBIDDEN');
  stranger.dispose();
  const anonymous = await fetch(`${hub.tracking.url}/graphql/stream`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: '{"query":"subscription { orderJourney(orderId: \\"x\\") { orderId } }"}',
  });
  expect(anonymous.status).toBe(401);
});

it("counts a B2B customer's orders per region, status and hour", async () => {
  const a = await hub.placeOrder({ customerRef: 'b2b-acme' });
  const b = await hub.placeOrder({ customerRef: 'b2b-acme' });
  await hub.placeOrder({ customerRef: 'b2b-acme', region: 'de' });
  await hub.moveOrder(a, ['PAID']);
  await hub.moveOrder(b, ['PAID']);
  const buyer = await hub.token({ role: 'customer', subject: 'b2b-acme', regions: ['cn'] });
  const from = new Date(Date.now() - 3 * HOUR).toISOString(); // the hub records order steps two hours back
  const to = new Date(Date.now() + HOUR).toISOString();
  const result = await query(
    buyer,
    `query($from: DateTimeISO!, $to: DateTimeISO!) { b2bBatchProgress(customerRef: "b2b-acme", from: $from, to: $to) { region status orders } }`,
    { from, to },
  );
  expect(result.errors).toBeUndefined();
  const cells = result.data.b2bBatchProgress.map((cell: any) => `${cell.region}:${cell.status}:${cell.orders}`).sort();
  expect(cells).toEqual(['cn:PAID:2', 'de:CREATED:1']);
  const other = await query(
    await hub.token({ role: 'customer', subject: 'b2b-other', regions: ['cn'] }),
    `query { b2bBatchProgress(customerRef: "b2b-acme", from: "${from}", to: "${to}") { orders } }`,
  );
  expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
});

it("searches events by carrier, node and time range within the caller's scope", async () => {
  const orderId = await hub.placeOrder();
  await postCarrierEvents(hub.tracking.url, sf, { events: [carrierEvent({ trackingNumber: 'SF9501', orderId, nodeId: 'NODE-Q', nodeType: 'HUB' })] });
  const SEARCH = `query($filter: TrackingEventSearchInput!, $first: Int) { trackingEvents(filter: $filter, first: $first) { nodes { eventId nodeId } pageInfo { hasNextPage } } }`;
  const range = { from: new Date(Date.now() - 3 * HOUR).toISOString(), to: new Date(Date.now() + HOUR).toISOString() };
  const byNode = await query(operator, SEARCH, { filter: { nodeId: 'NODE-Q', ...range } });
  expect(byNode.data.trackingEvents.nodes).toHaveLength(1);
  const mine = await query(sf, SEARCH, { filter: { orderId, ...range } });
  expect(mine.data.trackingEvents.nodes).toHaveLength(1);
  const other = await query(await hub.token({ role: 'carrier', subject: 'yto', regions: ['cn'] }), SEARCH, { filter: { orderId, ...range } });
  expect(other.data.trackingEvents.nodes).toHaveLength(0);
  expect(
    (await query(operator, SEARCH, { filter: { nodeId: 'NODE-Q', from: range.from, to: new Date(Date.now() + 40 * 86_400_000).toISOString() } })).errors?.[0]
      ?.extensions,
  ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.to' });
  expect((await query(operator, SEARCH, { filter: { nodeId: 'NODE-Q', ...range }, first: 500 })).errors?.[0]?.extensions).toMatchObject({
    code: 'BAD_USER_INPUT',
    field: 'first',
  });
});

it('re-checks the ETA once after several events, and moves the dwell deadline forward when the parcel moved on, alerting only when idle', async () => {
  const orderId = await hub.placeOrder();
  const now = new Date();
  const shipmentId = await registerShipment(orderId, 'SF9601', new Date(now.getTime() + 48 * HOUR), ['WH-A', 'HUB-C', 'STATION-D']);
  const shipment = async () =>
    (
      await hub.tracking.pool.query<{ dwell_deadline: Date; check_due_at: Date; eta_at: Date | null; dwell_alerted_at: Date | null }>(
        `select dwell_deadline, check_due_at, eta_at, dwell_alerted_at from tracking.shipment where id = $1`,
        [shipmentId],
      )
    ).rows[0]!;
  const atHub = (minutesAgo: number) =>
    carrierEvent({ trackingNumber: 'SF9601', nodeId: 'HUB-C', nodeType: 'HUB', occurredAt: new Date(now.getTime() - minutesAgo * 60_000).toISOString() });
  await postCarrierEvents(hub.tracking.url, sf, { events: [atHub(60)] });
  const firstBound = new Date(now.getTime() - 60 * 60_000 + 8 * HOUR);
  expect((await shipment()).dwell_deadline).toEqual(firstBound);
  const firstCheck = new Date(Date.now() + 1000);
  await hub.tracking.scheduler.sweep(firstCheck);
  expect((await shipment()).eta_at).toEqual(firstCheck);

  // Two more scans, in two batches: the ETA is due again (once), the stored dwell deadline stays the earlier bound.
  await postCarrierEvents(hub.tracking.url, sf, { events: [atHub(30)] });
  await postCarrierEvents(hub.tracking.url, sf, { events: [atHub(10)] });
  const afterScans = await shipment();
  expect(afterScans.dwell_deadline).toEqual(firstBound);
  expect(afterScans.check_due_at.getTime()).toBeGreaterThan(firstCheck.getTime()); // the periodic re-check is left alone
  const queued = async () =>
    (await hub.tracking.pool.query<{ due_at: Date }>(`select due_at from tracking.shipment_recheck where shipment_id = $1`, [shipmentId])).rows;
  expect(await queued()).toEqual([{ due_at: expect.any(Date) }]);
  expect((await queued())[0]!.due_at.getTime()).toBeLessThanOrEqual(Date.now());
  const checkedAt = new Date(Date.now() + 1000);
  await hub.tracking.scheduler.sweep(checkedAt);
  expect((await shipment()).eta_at).toEqual(checkedAt);
  expect(await queued()).toEqual([]);
  await hub.tracking.scheduler.sweep(new Date(checkedAt.getTime() + 60_000));
  expect((await shipment()).eta_at).toEqual(checkedAt);

  // Past the first bound the parcel has not been idle 8 h yet: the sweep stores the true deadline instead of alerting.
  const dwellTasks = async () =>
    (await hub.tracking.pool.query(`select details from tracking.task where shipment_id = $1 and kind = 'DWELL'`, [shipmentId])).rows;
  await hub.tracking.scheduler.sweep(new Date(firstBound.getTime() + 60_000));
  const trueDeadline = new Date(now.getTime() - 10 * 60_000 + 8 * HOUR);
  expect(await shipment()).toMatchObject({ dwell_deadline: trueDeadline, dwell_alerted_at: null });
  expect(await dwellTasks()).toEqual([]);

  // Idle past the threshold: one alert, as before.
  await hub.tracking.scheduler.sweep(trueDeadline);
  expect(await dwellTasks()).toEqual([{ details: expect.objectContaining({ nodeType: 'HUB', thresholdMinutes: 480, idleMinutes: 480 }) }]);
  expect((await shipment()).dwell_alerted_at).toEqual(trueDeadline);
  await hub.tracking.scheduler.sweep(new Date(trueDeadline.getTime() + HOUR));
  expect(await dwellTasks()).toHaveLength(1);
});

it('drops the queued ETA re-check of a parcel delivered since, without checking it', async () => {
  const orderId = await hub.placeOrder();
  await postCarrierEvents(hub.tracking.url, sf, { events: [carrierEvent({ trackingNumber: 'SF9602', orderId, kind: 'FIRST_SCAN' })] });
  const { rows } = await hub.tracking.pool.query<{ id: string }>(`select id from tracking.shipment where tracking_number = 'SF9602'`);
  const queued = async () => (await hub.tracking.pool.query(`select 1 from tracking.shipment_recheck where shipment_id = $1`, [rows[0]!.id])).rowCount;
  expect(await queued()).toBe(1);
  await postCarrierEvents(hub.tracking.url, sf, { events: [carrierEvent({ trackingNumber: 'SF9602', orderId, kind: 'SIGNED' })] });
  await hub.tracking.scheduler.sweep(new Date(Date.now() + 1000));
  expect(await queued()).toBe(0);
  const shipment = await hub.tracking.pool.query(`select delivered, eta_at, check_due_at from tracking.shipment where id = $1`, [rows[0]!.id]);
  expect(shipment.rows[0]).toEqual({ delivered: true, eta_at: null, check_due_at: null });
});
