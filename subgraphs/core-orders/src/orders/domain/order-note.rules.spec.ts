import { describeNote } from './order-note.rules.js';

describe('describeNote', () => {
  it.each([
    [
      'REALLOCATED',
      { fromNode: 'cn-sha-dc', toNodes: ['cn-hgh-fw'], estimatedDeliveryAt: '2026-12-05T10:00:00.000Z' },
      undefined,
      'Re-allocated from cn-sha-dc to cn-hgh-fw; new estimate 2026-12-05T10:00:00.000Z',
    ],
    [
      'REALLOCATED',
      { fromNode: 'cn-sha-dc', toNodes: ['cn-hgh-fw', 'cn-nkg-dc'] },
      'power failure',
      'Re-allocated from cn-sha-dc to cn-hgh-fw, cn-nkg-dc: power failure',
    ],
    ['BACKORDERED', { fromNode: 'cn-sha-dc', toNodes: [] }, undefined, 'Backordered from cn-sha-dc'],
    ['BACKORDERED', { toNodes: [] }, undefined, 'Backordered'],
  ] as const)('%s %j (note %s) → %s', (event, details, note, expected) => {
    expect(describeNote(event, { ...details, toNodes: [...details.toNodes] }, note)).toBe(expected);
  });

  it('keeps within the timeline note column', () => {
    expect(describeNote('REALLOCATED', { toNodes: [] }, 'x'.repeat(600))).toHaveLength(500);
  });
});
