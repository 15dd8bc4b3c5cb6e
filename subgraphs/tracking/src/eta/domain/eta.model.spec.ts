import { predictEta, transitHours, type Disruption, type LaneHistory } from './eta.model.js';
import { assessDelay, proposeAlternatives } from './delay-warning.rules.js';

const hoursArray = (value: number, overrides: Record<number, number> = {}) => Array.from({ length: 24 }, (_, hour) => overrides[hour] ?? value);
const history: LaneHistory = new Map([
  ['HZ>SH', hoursArray(4, { 18: 6 })],
  ['SH>PD', hoursArray(2)],
  ['PD>DOOR', [undefined, 1, 3]],
]);
const now = new Date('2026-12-02T08:00:00Z');
const at = (hour: number) => new Date(Date.UTC(2026, 11, 2, hour));
const legs = [
  { from: 'HZ', to: 'SH' },
  { from: 'SH', to: 'PD' },
];
const disruption = (change: Partial<Disruption>): Disruption => ({ id: 'd', kind: 'WEATHER', factor: 1.5, from: at(0), until: at(23), ...change });

describe('transitHours', () => {
  it.each([
    ['the exact hour', 'HZ>SH', 18, 6],
    ['another hour of the lane', 'HZ>SH', 3, 4],
    ['an hour with no figure: the lane mean', 'PD>DOOR', 0, 2],
    ['an unknown lane: the default', 'XX>YY', 5, 10],
  ])('%s', (_name, lane, hour, expected) => {
    expect(transitHours(history, lane, hour, 10)).toBe(expected);
  });
});

describe('predictEta', () => {
  it.each<[string, Disruption[], Date | null, number, number]>([
    ['plain history: 4 h + 2 h', [], null, 14, 0],
    ['starts from the last scan: 3 h into the first leg, 3 h are left of it', [], at(5), 11, 0],
    ['a parcel overdue on its leg is due now at the earliest', [], at(0), 8, 0],
    ['the start hour picks the figure (18:00 → 6 h)', [], at(18), 26, 0],
    ['weather on the first lane multiplies it', [disruption({ lane: 'HZ>SH', factor: 1.5 })], null, 16, 1],
    ['traffic at a node slows legs leaving it', [disruption({ kind: 'TRAFFIC', node: 'SH', factor: 2 })], null, 16, 1],
    ['a disruption that ended earlier changes nothing', [disruption({ lane: 'HZ>SH', until: at(7) })], null, 14, 0],
    ['a hub closure holds the parcel until it reopens', [disruption({ kind: 'HUB_CLOSURE', node: 'SH', from: at(10), until: at(20) })], null, 22, 1],
  ])('%s', (_name, disruptions, lastEventAt, etaHour, causeCount) => {
    const { eta, causes } = predictEta({ now, lastEventAt, remainingLegs: legs, history, disruptions, defaultLegHours: 10 });
    expect(eta).toEqual(at(etaHour));
    expect(causes.length).toBe(causeCount);
  });

  it('arrives now when nothing remains', () => {
    expect(predictEta({ now, lastEventAt: null, remainingLegs: [], history, disruptions: [], defaultLegHours: 10 }).eta).toEqual(now);
  });
});

describe('assessDelay and alternatives', () => {
  it.each([
    ['on time', at(14), at(16), { late: false, leadMs: 8 * 3_600_000, shortNotice: false }],
    ['late, warned 8 h ahead', at(18), at(16), { late: true, lateByMs: 2 * 3_600_000, shortNotice: false }],
    ['late, only 2 h left', at(12), at(10), { late: true, shortNotice: true }],
  ])('%s', (_name, eta, promisedBy, expected) => {
    expect(assessDelay(eta, promisedBy, now)).toMatchObject(expected);
  });

  it.each([
    [
      'disrupted, in the network, long delay',
      { lateByMs: 13 * 3_600_000, outForDelivery: false, causes: 1, legs: 2 },
      ['REROUTE', 'SWITCH_CARRIER', 'RESCHEDULE', 'NOTIFY_CUSTOMER'],
    ],
    ['no disruption, short delay', { lateByMs: 3_600_000, outForDelivery: false, causes: 0, legs: 2 }, ['RESCHEDULE', 'NOTIFY_CUSTOMER']],
    ['disrupted but on the last leg', { lateByMs: 3_600_000, outForDelivery: false, causes: 1, legs: 1 }, ['RESCHEDULE', 'NOTIFY_CUSTOMER']],
    ['out for delivery', { lateByMs: 20 * 3_600_000, outForDelivery: true, causes: 1, legs: 2 }, ['RESCHEDULE', 'NOTIFY_CUSTOMER']],
  ])('%s', (_name, input, expected) => {
    expect(
      proposeAlternatives({
        lateByMs: input.lateByMs,
        outForDelivery: input.outForDelivery,
        causes: Array.from({ length: input.causes }, () => disruption({})),
        remainingLegs: legs.slice(0, input.legs),
      }),
    ).toEqual(expected);
  });
});
