import { decideStep, orderReachedStep, type ShipmentState, type WarehouseStep } from './shipment-progress.rules.js';

const now = new Date('2026-12-02T12:00:00Z');
const created = new Date('2026-12-02T08:00:00Z');
const at = (iso: string) => new Date(iso);

describe('decideStep', () => {
  it.each<[string, ShipmentState, WarehouseStep, Date, string]>([
    ['pick an allocated shipment', 'ALLOCATED', 'PICKED', at('2026-12-02T11:00:00Z'), 'APPLY'],
    ['pack a picked one', 'PICKED', 'PACKED', at('2026-12-02T11:00:00Z'), 'APPLY'],
    ['hand a packed one to the carrier', 'PACKED', 'OUTBOUND', at('2026-12-02T11:00:00Z'), 'APPLY'],
    ['a second scan of the same step', 'PICKED', 'PICKED', at('2026-12-02T11:00:00Z'), 'REPEAT'],
    ['a late scan of an earlier step', 'OUTBOUND', 'PACKED', at('2026-12-02T11:00:00Z'), 'REPEAT'],
    ['packing before picking', 'ALLOCATED', 'PACKED', at('2026-12-02T11:00:00Z'), 'REFUSE:INVALID_STATUS_TRANSITION:step'],
    ['outbound before packing', 'PICKED', 'OUTBOUND', at('2026-12-02T11:00:00Z'), 'REFUSE:INVALID_STATUS_TRANSITION:step'],
    ['a cancelled shipment', 'CANCELLED', 'PICKED', at('2026-12-02T11:00:00Z'), 'REFUSE:INVALID_STATUS_TRANSITION:step'],
    ['a shipment moved to another node', 'REALLOCATED', 'PICKED', at('2026-12-02T11:00:00Z'), 'REFUSE:INVALID_STATUS_TRANSITION:step'],
    ['within the clock skew', 'ALLOCATED', 'PICKED', at('2026-12-02T12:04:00Z'), 'APPLY'],
    ['in the future', 'ALLOCATED', 'PICKED', at('2026-12-02T12:06:00Z'), 'REFUSE:INVALID:occurredAt'],
    ['before the previous step', 'ALLOCATED', 'PICKED', at('2026-12-02T07:00:00Z'), 'REFUSE:INVALID:occurredAt'],
  ])('%s', (_name, current, step, occurredAt, expected) => {
    const decision = decideStep(current, step, occurredAt, created, now);
    expect(decision.kind === 'REFUSE' ? `REFUSE:${decision.code}:${decision.field}` : decision.kind).toBe(expected);
  });
});

describe('orderReachedStep', () => {
  it.each<[ShipmentState[], WarehouseStep, boolean]>([
    [['PICKED'], 'PICKED', true],
    [['PICKED', 'ALLOCATED'], 'PICKED', false],
    [['PACKED', 'PICKED'], 'PICKED', true],
    [['PICKED', 'REALLOCATED'], 'PICKED', true],
    [['OUTBOUND', 'CANCELLED', 'OUTBOUND'], 'OUTBOUND', true],
    [['CANCELLED'], 'PICKED', false],
    [[], 'PICKED', false],
  ])('%j reached %s: %s', (states, step, expected) => {
    expect(orderReachedStep(states, step)).toBe(expected);
  });
});
