import { dwellAtBound, dwellDeadline, storedDwellDeadline } from './dwell.rules.js';

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

const h = (hours: number) => new Date(at.getTime() + hours * 3_600_000);
describe('storedDwellDeadline', () => {
  it.each<[string, Date | null, Date | null, Date | null]>([
    ['none stored yet: the true deadline', null, h(8), h(8)],
    ['the parcel moved on: the earlier bound stays', h(8), h(10), h(8)],
    ['the same deadline: unchanged', h(8), h(8), h(8)],
    ['a node with a shorter threshold: moves earlier', h(8), h(3), h(3)],
    ['delivered: cleared', h(8), null, null],
  ])('%s', (_name, stored, actual, expected) => {
    expect(storedDwellDeadline(stored, actual)).toEqual(expected);
  });
});

describe('dwellAtBound', () => {
  it.each<[string, number, Parameters<typeof dwellAtBound>[1], number, ReturnType<typeof dwellAtBound>]>([
    ['idle past the threshold: alert', 0, 'HUB', 9, { due: true }],
    ['idle exactly the threshold: alert', 0, 'HUB', 8, { due: true }],
    ['seen since the bound was set: push it to the true deadline', 4, 'HUB', 9, { due: false, deadline: h(12) }],
    ['unknown node type: 12 h', 0, null, 11, { due: false, deadline: h(12) }],
  ])('%s', (_name, lastEventHour, nodeType, nowHour, expected) => {
    expect(dwellAtBound(h(lastEventHour), nodeType, h(nowHour))).toEqual(expected);
  });
});
