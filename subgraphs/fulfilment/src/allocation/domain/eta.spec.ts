import { departureAt, estimateDelivery } from './eta.js';
import type { Lane } from './allocation.types.js';

const lane: Lane = {
  carrier: 'SF',
  serviceLevel: 'EXPRESS',
  baseCost: 900,
  costPerKg: 200,
  baseTransitHours: 6,
  kmPerHour: 50,
  gramsCo2ePerTonneKm: 120,
  maxDistanceKm: null,
};
const at = (iso: string) => new Date(iso);

describe('departureAt', () => {
  it.each([
    ['before the first wave', '2026-12-02T08:00:00Z', [600, 1080], '2026-12-02T10:00:00.000Z'],
    ['handling time pushes it to the next wave', '2026-12-02T09:45:00Z', [600, 1080], '2026-12-02T18:00:00.000Z'],
    ['after the last wave: first wave tomorrow', '2026-12-02T18:00:00Z', [600, 1080], '2026-12-03T10:00:00.000Z'],
    ['unsorted cut-offs', '2026-12-02T12:00:00Z', [1080, 600], '2026-12-02T18:00:00.000Z'],
    ['no cut-offs: ships after handling', '2026-12-02T12:00:00Z', [], '2026-12-02T12:30:00.000Z'],
  ])('%s', (_case, ready, cutoffs, expected) => {
    expect(departureAt(at(ready), cutoffs).toISOString()).toBe(expected);
  });
});

describe('estimateDelivery', () => {
  it.each([
    ['transit adds base hours and distance', false, 100, '2026-12-02T10:00:00.000Z', '2026-12-02T18:00:00.000Z'],
    ['a degraded node departs 12 h later', true, 100, '2026-12-03T10:00:00.000Z', '2026-12-03T18:00:00.000Z'],
  ])('%s', (_case, degraded, km, departure, eta) => {
    const result = estimateDelivery(at('2026-12-02T08:00:00Z'), [600], lane, km, degraded);
    expect(result.departureAt.toISOString()).toBe(departure);
    expect(result.etaAt.toISOString()).toBe(eta);
  });
});
