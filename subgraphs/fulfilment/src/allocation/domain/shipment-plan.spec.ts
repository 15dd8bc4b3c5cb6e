import { planHandling } from './shipment-plan.js';

const now = new Date('2026-12-02T08:00:00Z');
const hoursLater = (hours: number) => new Date(now.getTime() + hours * 3_600_000);

describe('planHandling', () => {
  it.each([
    ['same-day near departure', 'SAME_DAY', 'FORWARD', 10, 800, 1, false, { pickPriority: 1, packingPriority: 1, deliveryMode: 'SAME_DAY_COURIER' }],
    ['express, departure in 6 h', 'EXPRESS', 'CENTRAL', 300, 800, 6, false, { pickPriority: 2, packingPriority: 2, deliveryMode: 'EXPRESS_PARCEL' }],
    ['standard, departure tomorrow+', 'STANDARD', 'CENTRAL', 300, 800, 30, false, { pickPriority: 4, packingPriority: 4, deliveryMode: 'STANDARD_PARCEL' }],
    ['standard, departure within 2 h', 'STANDARD', 'CENTRAL', 300, 800, 1.5, false, { pickPriority: 2, packingPriority: 2, deliveryMode: 'STANDARD_PARCEL' }],
    ['split parcels pack first', 'STANDARD', 'CENTRAL', 300, 800, 6, true, { pickPriority: 3, packingPriority: 2, deliveryMode: 'STANDARD_PARCEL' }],
    ['a nearby store uses a local courier', 'STANDARD', 'STORE', 5, 800, 6, false, { pickPriority: 3, packingPriority: 3, deliveryMode: 'LOCAL_COURIER' }],
    ['heavy goods go as freight', 'EXPRESS', 'CENTRAL', 300, 40_000, 6, false, { pickPriority: 2, packingPriority: 2, deliveryMode: 'FREIGHT' }],
  ] as const)('%s', (_case, serviceLevel, nodeKind, km, grams, hours, split, expected) => {
    expect(planHandling({ serviceLevel, nodeKind, km, grams, now, departureAt: hoursLater(hours), split })).toEqual(expected);
  });
});
