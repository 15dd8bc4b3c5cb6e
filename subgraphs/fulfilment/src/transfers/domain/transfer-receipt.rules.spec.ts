import { decideReceipt, type ReceiptDecision, type ReceiptRequest, type TransferFacts } from './transfer-receipt.rules.js';

const inTransit: TransferFacts = { state: 'IN_TRANSIT', quantity: 10, version: 1, receiptReference: null };
const received: TransferFacts = { state: 'RECEIVED', quantity: 10, version: 2, receiptReference: 'GRN-1' };
const request = (overrides: Partial<ReceiptRequest> = {}): ReceiptRequest => ({
  receivedQuantity: null,
  reference: 'GRN-1',
  expectedVersion: null,
  ...overrides,
});

describe('receiving a transfer', () => {
  it.each<[string, TransferFacts, ReceiptRequest, Partial<ReceiptDecision> & { kind: ReceiptDecision['kind'] }]>([
    ['all units, by default', inTransit, request(), { kind: 'APPLY', received: 10, shortfall: 0 }],
    ['fewer units: a shortfall', inTransit, request({ receivedQuantity: 7 }), { kind: 'APPLY', received: 7, shortfall: 3 }],
    ['nothing arrived', inTransit, request({ receivedQuantity: 0 }), { kind: 'APPLY', received: 0, shortfall: 10 }],
    ['with the version read', inTransit, request({ expectedVersion: 1 }), { kind: 'APPLY', received: 10, shortfall: 0 }],
    ['more units than left', inTransit, request({ receivedQuantity: 11 }), { kind: 'REFUSE', code: 'INVALID', field: 'receivedQuantity' }],
    ['negative units', inTransit, request({ receivedQuantity: -1 }), { kind: 'REFUSE', code: 'INVALID', field: 'receivedQuantity' }],
    ['a fraction', inTransit, request({ receivedQuantity: 1.5 }), { kind: 'REFUSE', code: 'INVALID', field: 'receivedQuantity' }],
    ['a stale version', inTransit, request({ expectedVersion: 0 }), { kind: 'REFUSE', code: 'CONFLICT', field: 'expectedVersion' }],
    ['an empty reference', inTransit, request({ reference: '  ' }), { kind: 'REFUSE', code: 'INVALID', field: 'reference' }],
    ['a reference too long', inTransit, request({ reference: 'x'.repeat(201) }), { kind: 'REFUSE', code: 'INVALID', field: 'reference' }],
    ['a retry of the same receipt', received, request(), { kind: 'REPEAT' }],
    ['a retry with the version read before the first attempt', received, request({ expectedVersion: 1 }), { kind: 'REPEAT' }],
    ['a second receipt under another reference', received, request({ reference: 'GRN-2' }), { kind: 'REFUSE', code: 'CONFLICT', field: 'transferId' }],
  ])('%s', (_case, transfer, input, expected) => {
    expect(decideReceipt(transfer, input)).toMatchObject(expected);
  });
});
