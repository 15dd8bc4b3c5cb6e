/** A transfer as the receipt decision needs it. */
export interface TransferFacts {
  state: 'IN_TRANSIT' | 'RECEIVED';
  quantity: number;
  version: number;
  receiptReference: string | null;
}

export interface ReceiptRequest {
  /** Units counted in at the destination; all that left the source when not given. */
  receivedQuantity: number | null;
  /** The receiving WMS's own key for this receipt: a retry carries the same one. */
  reference: string;
  expectedVersion: number | null;
}

export type ReceiptDecision =
  | { kind: 'APPLY'; received: number; shortfall: number }
  | { kind: 'REPEAT' }
  | { kind: 'REFUSE'; code: 'INVALID' | 'CONFLICT'; field: 'receivedQuantity' | 'reference' | 'expectedVersion' | 'transferId'; message: string };

export const MAX_REFERENCE_LENGTH = 200;

/**
 * Goods arriving at a transfer's destination. Stock moves exactly once: a retry with the receipt's own
 * reference is a harmless repeat (even with the version it read before the first attempt committed), and any
 * other receipt of a transfer already received is a conflict. More units than left the source cannot arrive;
 * fewer is a shortfall (damaged or lost in transit), booked in and recorded, because the goods on the shelf
 * are what can be sold. A stale `expectedVersion` is refused so two receivers cannot both book the delivery.
 */
export function decideReceipt(transfer: TransferFacts, request: ReceiptRequest): ReceiptDecision {
  const reference = request.reference.trim();
  if (reference.length === 0 || reference.length > MAX_REFERENCE_LENGTH)
    return { kind: 'REFUSE', code: 'INVALID', field: 'reference', message: `reference must be 1 to ${MAX_REFERENCE_LENGTH} characters` };
  if (transfer.state === 'RECEIVED') {
    if (transfer.receiptReference === reference) return { kind: 'REPEAT' };
    return { kind: 'REFUSE', code: 'CONFLICT', field: 'transferId', message: 'The transfer was already received under another reference' };
  }
  if (request.expectedVersion !== null && request.expectedVersion !== transfer.version)
    return { kind: 'REFUSE', code: 'CONFLICT', field: 'expectedVersion', message: 'The transfer changed since it was read' };
  const received = request.receivedQuantity ?? transfer.quantity;
  if (!Number.isInteger(received) || received < 0)
    return { kind: 'REFUSE', code: 'INVALID', field: 'receivedQuantity', message: 'receivedQuantity must be a whole number of at least 0' };
  if (received > transfer.quantity)
    return { kind: 'REFUSE', code: 'INVALID', field: 'receivedQuantity', message: `Only ${transfer.quantity} units left the source` };
  return { kind: 'APPLY', received, shortfall: transfer.quantity - received };
}
