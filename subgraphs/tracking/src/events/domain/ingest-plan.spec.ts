import type { CarrierEvent } from './carrier-event.rules.js';
import { planIngestBatch, redirectToWinners, type BatchFacts, type KnownShipment } from './ingest-plan.js';

const ORDER_A = '00000000-0000-4000-8000-00000000000a';
const ORDER_B = '00000000-0000-4000-8000-00000000000b';
const event = (eventId: string, trackingNumber: string, orderId: string | null = null, minute = 0): CarrierEvent => ({
  eventId,
  carrierId: 'sf',
  trackingNumber,
  orderId,
  kind: 'ARRIVED_AT_NODE',
  occurredAt: new Date(Date.UTC(2026, 11, 2, 10, minute)),
  nodeId: null,
  nodeType: null,
  latitude: null,
  longitude: null,
  actorId: null,
});
const shipment = (id: string, carrierId: string, orderId = ORDER_A): KnownShipment => ({ id, carrierId, orderId });
const facts = (shipments: Record<string, KnownShipment[]>, knownOrders: string[] = []): BatchFacts => ({
  shipmentsByNumber: new Map(Object.entries(shipments)),
  knownOrders: new Set(knownOrders),
});
const ids = () => {
  let n = 0;
  return () => `new-${(n += 1)}`;
};

describe('planIngestBatch', () => {
  it.each([
    ['own shipment: stored under it', [event('e1', 'T1')], facts({ T1: [shipment('s1', 'sf')] }), { store: ['e1>s1'], open: [], park: [], rejected: [] }],
    [
      'own shipment, same order named',
      [event('e1', 'T1', ORDER_A)],
      facts({ T1: [shipment('s1', 'sf')] }),
      { store: ['e1>s1'], open: [], park: [], rejected: [] },
    ],
    [
      'own shipment, another order named: refused',
      [event('e1', 'T1', ORDER_B)],
      facts({ T1: [shipment('s1', 'sf')] }),
      { store: [], open: [], park: [], rejected: ['e1:INVALID_EVENT:orderId'] },
    ],
    [
      "another carrier's number: refused",
      [event('e1', 'T1')],
      facts({ T1: [shipment('s1', 'dhl')] }),
      { store: [], open: [], park: [], rejected: ['e1:CARRIER_MISMATCH:trackingNumber'] },
    ],
    [
      'a number both carriers use: this carrier’s shipment',
      [event('e1', 'T1')],
      facts({ T1: [shipment('s0', 'dhl'), shipment('s1', 'sf')] }),
      { store: ['e1>s1'], open: [], park: [], rejected: [] },
    ],
    ['unknown number, no order: parked', [event('e1', 'T9')], facts({}), { store: [], open: [], park: ['e1'], rejected: [] }],
    ['unknown number, unknown order: parked', [event('e1', 'T9', ORDER_A)], facts({}), { store: [], open: [], park: ['e1'], rejected: [] }],
    [
      'unknown number, known order: one shipment opened for all its events',
      [event('e1', 'T9', ORDER_A), event('e2', 'T9'), event('e3', 'T9', ORDER_A)],
      facts({}, [ORDER_A]),
      { store: ['e1>new-1', 'e2>new-1', 'e3>new-1'], open: ['new-1:T9:' + ORDER_A], park: [], rejected: [] },
    ],
    [
      'new number named with two orders: the earliest event opens it, the other order is refused',
      [event('late', 'T9', ORDER_B, 30), event('early', 'T9', ORDER_A, 5)],
      facts({}, [ORDER_A, ORDER_B]),
      { store: ['early>new-1'], open: ['new-1:T9:' + ORDER_A], park: [], rejected: ['late:INVALID_EVENT:orderId'] },
    ],
    [
      'a mixed batch keeps its order',
      [event('a', 'T1'), event('b', 'T2'), event('c', 'T3'), event('d', 'T9')],
      facts({ T1: [shipment('s1', 'sf')], T2: [shipment('s2', 'ups')], T3: [shipment('s3', 'sf')] }),
      { store: ['a>s1', 'c>s3'], open: [], park: ['d'], rejected: ['b:CARRIER_MISMATCH:trackingNumber'] },
    ],
  ])('%s', (_, events, known, expected) => {
    const plan = planIngestBatch('sf', events, known, ids());
    expect({
      store: plan.store.map(({ event: e, shipmentId }) => `${e.eventId}>${shipmentId}`),
      open: plan.open.map((o) => `${o.id}:${o.trackingNumber}:${o.orderId}`),
      park: plan.park.map((e) => e.eventId),
      rejected: plan.rejected.map((r) => `${r.eventId}:${r.code}:${r.field}`),
    }).toEqual(expected);
  });

  it('reports refusals by their place in the batch', () => {
    const plan = planIngestBatch('sf', [event('a', 'T1'), event('b', 'T2')], facts({ T2: [shipment('s2', 'ups')] }), ids());
    expect(plan.rejected.map((r) => r.position)).toEqual([1]);
  });
});

describe('redirectToWinners', () => {
  it.each([
    ['no race: unchanged', {}, ['e1>new-1', 'e2>s1']],
    ['another batch opened T9 first: its shipment', { T9: 'won-7' }, ['e1>won-7', 'e2>s1']],
    ['this batch won: unchanged', { T9: 'new-1' }, ['e1>new-1', 'e2>s1']],
  ])('%s', (_, winners, expected) => {
    const plan = planIngestBatch('sf', [event('e1', 'T9', ORDER_A), event('e2', 'T1')], facts({ T1: [shipment('s1', 'sf')] }, [ORDER_A]), ids());
    expect(redirectToWinners(plan, new Map(Object.entries(winners))).map(({ event: e, shipmentId }) => `${e.eventId}>${shipmentId}`)).toEqual(expected);
  });
});
