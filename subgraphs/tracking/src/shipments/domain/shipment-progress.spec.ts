import { applyEvents, initialProgress, type ProgressEvent } from './shipment-progress.js';

const t = (hour: number) => new Date(Date.UTC(2026, 11, 2, hour));
const ev = (
  eventKey: string,
  kind: ProgressEvent['kind'],
  hour: number,
  nodeId: string | null = null,
  nodeType: ProgressEvent['nodeType'] = null,
): ProgressEvent => ({ eventKey, kind, occurredAt: t(hour), nodeId, nodeType });

describe('applyEvents', () => {
  it.each<[string, ProgressEvent[][], string[], string | null, boolean]>([
    ['milestones in order', [[ev('a', 'OUTBOUND', 1), ev('b', 'FIRST_SCAN', 2)]], ['OUTBOUND', 'FIRST_SCAN'], 'FIRST_SCAN', false],
    ['out of order in one batch: sorted by event time', [[ev('b', 'FIRST_SCAN', 2), ev('a', 'OUTBOUND', 1)]], ['OUTBOUND', 'FIRST_SCAN'], 'FIRST_SCAN', false],
    ['a late earlier milestone reports nothing', [[ev('b', 'FIRST_SCAN', 2)], [ev('a', 'OUTBOUND', 1)]], ['OUTBOUND', 'FIRST_SCAN'], 'FIRST_SCAN', false],
    ['a skipped scan is implied', [[ev('a', 'OUTBOUND', 1)], [ev('s', 'SIGNED', 5)]], ['OUTBOUND', 'FIRST_SCAN', 'OUT_FOR_DELIVERY', 'SIGNED'], 'SIGNED', true],
    [
      'refusal at the door',
      [[ev('o', 'OUT_FOR_DELIVERY', 3), ev('r', 'DELIVERY_REFUSED', 4)]],
      ['OUTBOUND', 'FIRST_SCAN', 'OUT_FOR_DELIVERY', 'DELIVERY_REFUSED'],
      'DELIVERY_REFUSED',
      true,
    ],
    ['steps between nodes report nothing', [[ev('x', 'ARRIVED_AT_NODE', 1, 'HUB-1', 'HUB')]], [], 'ARRIVED_AT_NODE', false],
  ])('%s', (_name, batches, expectedMilestones, lastKind, delivered) => {
    let progress = initialProgress();
    const milestones: string[] = [];
    for (const batch of batches) {
      const result = applyEvents(progress, batch);
      progress = result.progress;
      milestones.push(...result.milestones.map((m) => m.status));
    }
    expect(milestones).toEqual(expectedMilestones);
    expect(progress.lastKind).toBe(lastKind);
    expect(progress.delivered).toBe(delivered);
  });

  it('keeps the newest position and sets the dwell deadline from the node type', () => {
    const { progress } = applyEvents(initialProgress(), [
      ev('a', 'ARRIVED_AT_NODE', 3, 'HUB-1', 'HUB'),
      ev('b', 'ARRIVED_AT_NODE', 1, 'SORT-1', 'SORTING_CENTER'),
    ]);
    expect(progress.lastNodeId).toBe('HUB-1');
    expect(progress.dwellDeadline).toEqual(t(11));
    expect(progress.latestTransportAt).toEqual(t(3));
  });

  it('keeps the stored dwell deadline as a lower bound: earlier only when a shorter threshold calls for it', () => {
    const atHub = applyEvents(initialProgress(), [ev('a', 'ARRIVED_AT_NODE', 1, 'HUB-1', 'HUB')]).progress;
    expect(atHub.dwellDeadline).toEqual(t(9));
    expect(applyEvents(atHub, [ev('b', 'DEPARTED_NODE', 2, 'HUB-1', 'HUB')]).progress.dwellDeadline).toEqual(t(9));
    expect(applyEvents(atHub, [ev('c', 'OUT_FOR_DELIVERY', 2, 'DOOR', 'DOORSTEP')]).progress.dwellDeadline).toEqual(t(4));
  });

  it('clears the dwell deadline once delivered', () => {
    expect(applyEvents(initialProgress(), [ev('a', 'SIGNED', 3, 'DOOR', 'DOORSTEP')]).progress.dwellDeadline).toBeNull();
  });
});
