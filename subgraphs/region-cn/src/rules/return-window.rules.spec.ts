import { firstSignedAt, returnWindow, windowStateAt } from './return-window.rules.js';

describe('the 7-day window, in China Standard Time', () => {
  it.each([
    // signed (UTC instant, CST in the label)                      request sent                 state
    ['signed 1 Dec 00:00 CST, asked 8 Dec 23:59:59.999 CST', '2026-11-30T16:00:00.000Z', '2026-12-08T15:59:59.999Z', 'OPEN'],
    ['signed 1 Dec 00:00 CST, asked 9 Dec 00:00 CST', '2026-11-30T16:00:00.000Z', '2026-12-08T16:00:00.000Z', 'EXPIRED'],
    ['signed 1 Dec 23:59 CST, asked 8 Dec 23:59 CST', '2026-12-01T15:59:00.000Z', '2026-12-08T15:59:00.000Z', 'OPEN'],
    ['signed 1 Dec 23:59 CST, asked 9 Dec 00:00:01 CST', '2026-12-01T15:59:00.000Z', '2026-12-08T16:00:01.000Z', 'EXPIRED'],
    // 1 Dec 07:30 UTC is still 1 Dec in China; 1 Dec 17:00 UTC is already 2 Dec there.
    ['signed 1 Dec 07:30 UTC (15:30 CST), asked 8 Dec 20:00 UTC (9 Dec 04:00 CST)', '2026-12-01T07:30:00.000Z', '2026-12-08T20:00:00.000Z', 'EXPIRED'],
    ['signed 1 Dec 17:00 UTC (2 Dec 01:00 CST), asked 9 Dec 10:00 UTC (18:00 CST)', '2026-12-01T17:00:00.000Z', '2026-12-09T10:00:00.000Z', 'OPEN'],
    ['signed and asked within the same minute', '2026-12-01T02:00:00.000Z', '2026-12-01T02:00:30.000Z', 'OPEN'],
    ['signed on the last day of February', '2027-02-28T04:00:00.000Z', '2027-03-07T15:00:00.000Z', 'OPEN'],
  ])('%s → %s', (_label, signedAt, requestedAt, state) => {
    expect(windowStateAt(returnWindow(new Date(signedAt)), new Date(requestedAt))).toBe(state);
  });

  it('has not started before the customer signed', () => {
    expect(windowStateAt(null, new Date('2026-12-01T00:00:00Z'))).toBe('NOT_STARTED');
  });

  it('states its last day and the instant it closes', () => {
    expect(returnWindow(new Date('2026-12-01T15:59:00.000Z'))).toMatchObject({ lastDay: '2026-12-08', closesBefore: new Date('2026-12-08T16:00:00.000Z') });
  });

  it.each([
    ['no signing yet', [{ toStatus: 'OUT_FOR_DELIVERY', version: 7, at: new Date('2026-12-01T00:00:00Z') }], null],
    [
      'the delivery, not a later SIGNED after a withdrawn return',
      [
        { toStatus: 'SIGNED', version: 10, at: new Date('2026-12-05T00:00:00Z') },
        { toStatus: 'SIGNED', version: 8, at: new Date('2026-12-01T00:00:00Z') },
        { toStatus: 'RETURN_REQUESTED', version: 9, at: new Date('2026-12-03T00:00:00Z') },
      ],
      new Date('2026-12-01T00:00:00Z'),
    ],
  ] as const)('starts from %s', (_label, timeline, expected) => {
    expect(firstSignedAt(timeline)).toEqual(expected);
  });
});
