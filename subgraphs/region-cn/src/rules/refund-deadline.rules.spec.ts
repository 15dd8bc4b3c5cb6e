import { daysOverdue, isRefundLate, refundDeadline } from './refund-deadline.rules.js';

const receivedAt = new Date('2026-12-10T09:00:00Z'); // 10 Dec 17:00 CST: due before 18 Dec 00:00 CST
const due = refundDeadline(receivedAt).endsBefore;

describe('the refund deadline', () => {
  it('runs seven CST days from the day after the goods came back', () => {
    expect(refundDeadline(receivedAt)).toEqual({ lastDay: '2026-12-17', endsBefore: new Date('2026-12-17T16:00:00Z') });
  });

  it.each<[string, Date | null, Date, boolean, number]>([
    ['not yet issued, on the last day', null, new Date('2026-12-17T15:59:59Z'), false, 0],
    ['not yet issued, the next day', null, new Date('2026-12-17T16:00:00Z'), true, 1],
    ['not yet issued, three days on', null, new Date('2026-12-20T10:00:00Z'), true, 3],
    ['issued on time, looked at later', new Date('2026-12-17T15:00:00Z'), new Date('2027-01-30T00:00:00Z'), false, 44],
    ['issued late', new Date('2026-12-18T01:00:00Z'), new Date('2026-12-18T02:00:00Z'), true, 1],
  ])('%s → late=%s', (_label, issuedAt, now, late, overdueDays) => {
    expect(isRefundLate(due, issuedAt, now)).toBe(late);
    expect(daysOverdue(due, now)).toBe(overdueDays);
  });
});
