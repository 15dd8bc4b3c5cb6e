import type { OrderPlan } from '../allocation/domain/allocation.types.js';
import type { WrittenShipment } from '../allocation/plan-writer.js';
import { REALLOCATION_NOTE_PURPOSE, reallocationNotes } from './reallocation-notes.js';

const AT = new Date('2026-12-03T08:00:00.000Z');
const context = { jobId: 'job-1', fromNode: 'cn-sha-dc', actor: { type: 'user' as const, id: 'op-1' }, at: AT };
const plan = (orderId: string, backordered: number): OrderPlan =>
  ({ orderId, shipments: [], backordered: backordered > 0 ? [{ lineNo: 1, sku: 'A', quantity: backordered }] : [] }) as unknown as OrderPlan;
const shipment = (orderId: string, nodeId: string, etaAt: string) => ({ id: `${orderId}-${nodeId}`, orderId, nodeId, etaAt }) as WrittenShipment;

describe('reallocationNotes', () => {
  it.each([
    ['moved to one node', plan('o1', 0), [shipment('o1', 'cn-hgh-fw', '2026-12-05T10:00:00.000Z')], 'REALLOCATED', ['cn-hgh-fw'], '2026-12-05T10:00:00.000Z'],
    [
      'split over two nodes: the later estimate',
      plan('o1', 0),
      [shipment('o1', 'cn-nkg-dc', '2026-12-06T10:00:00.000Z'), shipment('o1', 'cn-hgh-fw', '2026-12-05T10:00:00.000Z')],
      'REALLOCATED',
      ['cn-hgh-fw', 'cn-nkg-dc'],
      '2026-12-06T10:00:00.000Z',
    ],
    [
      'partly placed: backordered, no estimate',
      plan('o1', 1),
      [shipment('o1', 'cn-hgh-fw', '2026-12-05T10:00:00.000Z')],
      'BACKORDERED',
      ['cn-hgh-fw'],
      undefined,
    ],
    ['nothing placed', plan('o1', 2), [], 'BACKORDERED', [], undefined],
    ["another order's shipment is not this order's", plan('o1', 2), [shipment('o2', 'cn-hgh-fw', '2026-12-05T10:00:00.000Z')], 'BACKORDERED', [], undefined],
  ] as const)('%s', (_case, orderPlan, shipments, event, toNodes, estimatedDeliveryAt) => {
    const [note] = reallocationNotes([orderPlan], [...shipments], context);
    expect(note).toEqual({
      commandId: 'fulfilment:o1:reallocated:job-1',
      orderId: 'o1',
      kind: 'order.note',
      purpose: REALLOCATION_NOTE_PURPOSE,
      localRef: 'job-1',
      body: {
        event,
        occurredAt: AT.toISOString(),
        actor: { type: 'user', id: 'op-1' },
        details: { fromNode: 'cn-sha-dc', toNodes, ...(estimatedDeliveryAt ? { estimatedDeliveryAt } : {}) },
      },
    });
  });

  it('gives each order of a chunk its own note, with an id that a re-run of the chunk repeats', () => {
    const notes = reallocationNotes([plan('o1', 0), plan('o2', 1)], [], context);
    expect(notes.map((note) => note.commandId)).toEqual(['fulfilment:o1:reallocated:job-1', 'fulfilment:o2:reallocated:job-1']);
    expect(reallocationNotes([plan('o1', 0)], [], context)[0]!.commandId).toBe(notes[0]!.commandId);
  });
});
