import { validateBatch, validateEvent, type CarrierEventInput } from './carrier-event.rules.js';

const now = new Date('2026-12-02T12:00:00Z');
const context = { carrierId: 'sf-express', now, clockSkewMs: 5 * 60_000, retentionMs: 90 * 86_400_000 };
const good: CarrierEventInput = {
  eventId: 'ev-1',
  trackingNumber: 'SF123',
  orderId: '0193a6f1-8e2c-7c3e-9d2f-1a2b3c4d5e6f',
  kind: 'FIRST_SCAN',
  occurredAt: '2026-12-02T11:00:00Z',
  nodeId: 'HZ-SORT-1',
  nodeType: 'SORTING_CENTER',
  latitude: 30.27,
  longitude: 120.15,
  actorId: 'courier-77',
};

describe('validateEvent', () => {
  it.each([
    ['a well-formed event', {}, null],
    ['no coordinates at all', { latitude: undefined, longitude: undefined }, null],
    ['a clock a little ahead (inside skew)', { occurredAt: '2026-12-02T12:04:00Z' }, null],
    ['an offset time zone', { occurredAt: '2026-12-02T19:00:00+08:00' }, null],
    ['a time beyond the skew', { occurredAt: '2026-12-02T12:06:00Z' }, ['EVENT_IN_FUTURE', 'occurredAt']],
    ['a time older than retention', { occurredAt: '2026-08-01T00:00:00Z' }, ['EVENT_TOO_OLD', 'occurredAt']],
    ['a time without a zone', { occurredAt: '2026-12-02T11:00:00' }, ['INVALID_EVENT', 'occurredAt']],
    ['an unparseable time', { occurredAt: 'yesterday' }, ['INVALID_EVENT', 'occurredAt']],
    ['latitude 91', { latitude: 91 }, ['INVALID_COORDINATES', 'latitude']],
    ['longitude -181', { longitude: -181 }, ['INVALID_COORDINATES', 'longitude']],
    ['latitude as a string', { latitude: '30.2' }, ['INVALID_COORDINATES', 'latitude']],
    ['latitude NaN', { latitude: Number.NaN }, ['INVALID_COORDINATES', 'latitude']],
    ['latitude without longitude', { longitude: undefined }, ['INVALID_COORDINATES', 'longitude']],
    ['an unknown kind', { kind: 'TELEPORTED' }, ['INVALID_EVENT', 'kind']],
    ['an unknown node type', { nodeType: 'MOON' }, ['INVALID_EVENT', 'nodeType']],
    ['an order id that is no UUID', { orderId: '42' }, ['INVALID_EVENT', 'orderId']],
    ['an event id with spaces', { eventId: 'a b' }, ['INVALID_EVENT', 'eventId']],
    ['a missing tracking number', { trackingNumber: undefined }, ['INVALID_EVENT', 'trackingNumber']],
  ])('%s', (_name, change, expected) => {
    const { event, problem } = validateEvent({ ...good, ...change }, context);
    if (expected === null) {
      expect(problem).toBeUndefined();
      expect(event).toMatchObject({ carrierId: 'sf-express', trackingNumber: 'SF123' });
    } else {
      expect(event).toBeUndefined();
      expect([problem?.code, problem?.field]).toEqual(expected);
    }
  });

  it('files the event under the caller, whatever the payload says', () => {
    const { event } = validateEvent({ ...good, carrierId: 'someone-else' } as CarrierEventInput, context);
    expect(event?.carrierId).toBe('sf-express');
  });

  it('refuses something that is not an object', () => {
    expect(validateEvent(null as unknown as CarrierEventInput, context).problem?.code).toBe('INVALID_EVENT');
  });
});

describe('validateBatch', () => {
  it('drops an identical repeat and refuses a conflicting one, keeping the valid rest', () => {
    const result = validateBatch(
      [good, { ...good }, { ...good, kind: 'SIGNED' }, { ...good, eventId: 'ev-2', latitude: 200 }, { ...good, eventId: 'ev-3' }],
      context,
    );
    expect(result.accepted.map((event) => event.eventId)).toEqual(['ev-1', 'ev-3']);
    expect(result.rejected.map(({ index, code }) => [index, code])).toEqual([
      [2, 'DUPLICATE_EVENT'],
      [3, 'INVALID_COORDINATES'],
    ]);
  });
});
