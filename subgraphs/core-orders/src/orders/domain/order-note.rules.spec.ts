import { describeNote, isSameNote } from './order-note.rules.js';

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

describe('isSameNote', () => {
  const order = '6f1c2a52-1d7e-4c55-9d43-1a0b8c3e2f10';
  const other = '0b9e7d41-3c2a-4f6b-8e15-9a7c6d5e4f30';
  it.each([
    [{ orderId: order, event: 'REALLOCATED' }, { orderId: order, event: 'REALLOCATED' }, true],
    [{ orderId: order, event: 'BACKORDERED' }, { orderId: order, event: 'REALLOCATED' }, false],
    [{ orderId: other, event: 'REALLOCATED' }, { orderId: order, event: 'REALLOCATED' }, false],
    // The id was taken by a status step (no event): not this note.
    [{ orderId: order, event: null }, { orderId: order, event: 'REALLOCATED' }, false],
  ] as const)('recorded %j, sent %j → %s', (recorded, note, expected) => {
    expect(isSameNote(recorded, note)).toBe(expected);
  });
});
