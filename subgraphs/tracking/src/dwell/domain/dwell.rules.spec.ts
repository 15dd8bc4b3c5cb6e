import { dwellDeadline } from './dwell.rules.js';

const at = new Date('2026-12-02T00:00:00Z');
describe('dwellDeadline', () => {
  it.each([
    ['SORTING_CENTER', 6],
    ['HUB', 8],
    ['DELIVERY_STATION', 12],
    ['WAREHOUSE', 24],
    ['CUSTOMS', 48],
    ['PICKUP_POINT', 168],
    [null, 12],
  ] as const)('a parcel at a %s is overdue after %i h', (nodeType, hours) => {
    expect(dwellDeadline(at, nodeType)).toEqual(new Date(at.getTime() + hours * 3_600_000));
  });
});
