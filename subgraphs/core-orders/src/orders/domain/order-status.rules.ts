import type { OrderStatus, PaymentTerms } from '@hub/shared/messaging/contracts';
import type { Role } from '@hub/shared/auth/principal';
import { DomainError } from '@hub/shared/errors';

/**
 * The legal moves of an order. Fulfilment runs forward only; cancellation is possible until the parcel
 * leaves the warehouse (after that it is a return); a parcel refused at the door goes back to the
 * warehouse; a return loops back to SIGNED when withdrawn or rejected, and a signed order may have several
 * returns (partial returns by line).
 */
const TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  CREATED: ['PAID', 'CANCELLED'],
  PAID: ['PICKED', 'CANCELLED'],
  PICKED: ['PACKED', 'CANCELLED'],
  PACKED: ['OUTBOUND', 'CANCELLED'],
  OUTBOUND: ['FIRST_SCAN'],
  FIRST_SCAN: ['OUT_FOR_DELIVERY'],
  OUT_FOR_DELIVERY: ['SIGNED', 'DELIVERY_REFUSED'],
  SIGNED: ['RETURN_REQUESTED'],
  CANCELLED: [],
  DELIVERY_REFUSED: ['RETURNED_TO_SENDER'],
  RETURNED_TO_SENDER: [],
  // RETURN_RECEIVED straight away: the customer sent the parcel or dropped it off, and the warehouse scanned its arrival.
  RETURN_REQUESTED: ['RETURN_PICKUP_SCHEDULED', 'RETURN_RECEIVED', 'SIGNED'],
  RETURN_PICKUP_SCHEDULED: ['RETURN_PICKED_UP', 'RETURN_REQUESTED', 'SIGNED'],
  RETURN_PICKED_UP: ['RETURN_RECEIVED'],
  RETURN_RECEIVED: ['REFUNDED', 'RETURN_REJECTED'],
  RETURN_REJECTED: ['RETURN_REQUESTED'],
  REFUNDED: ['RETURN_REQUESTED'],
};

/**
 * Cash on delivery is paid at the door, when the customer takes the parcel (SIGNED): such an order goes to
 * the warehouse unpaid, so it never shows PAID, and a parcel refused at the door was never paid.
 */
const CASH_ON_DELIVERY_FROM_CREATED: readonly OrderStatus[] = ['PICKED', 'CANCELLED'];

/** Moves a carrier reports from the road: scans and delivery. */
const CARRIER_MOVES = new Set(['OUTBOUND>FIRST_SCAN', 'FIRST_SCAN>OUT_FOR_DELIVERY', 'OUT_FOR_DELIVERY>SIGNED', 'OUT_FOR_DELIVERY>DELIVERY_REFUSED']);
/** The warehouse picks, packs and hands over to the carrier, and takes back what was refused at the door. */
const WAREHOUSE_MOVES = new Set(['PAID>PICKED', 'CREATED>PICKED', 'PICKED>PACKED', 'PACKED>OUTBOUND', 'DELIVERY_REFUSED>RETURNED_TO_SENDER']);
/**
 * Returns are run by the order's region, which keeps what was returned, picked up and refunded per line;
 * a return step made directly on core would leave those records behind, so only the region (as the system) moves them.
 */
const RETURN_STATUSES = new Set<OrderStatus>([
  'RETURN_REQUESTED',
  'RETURN_PICKUP_SCHEDULED',
  'RETURN_PICKED_UP',
  'RETURN_RECEIVED',
  'RETURN_REJECTED',
  'REFUNDED',
]);
/** A customer may cancel their own order until it is handed to the carrier; everything else goes through a region's flow. */
const CUSTOMER_MOVES = new Set(['CREATED>CANCELLED', 'PAID>CANCELLED', 'PICKED>CANCELLED', 'PACKED>CANCELLED']);

export class InvalidStatusTransitionError extends DomainError {
  constructor(from: OrderStatus, to: OrderStatus, terms: PaymentTerms) {
    super('INVALID_STATUS_TRANSITION', `An order cannot move from ${from} to ${to}`, { from, to, allowed: allowedTransitions(from, terms) });
  }
}

export function allowedTransitions(from: OrderStatus, terms: PaymentTerms = 'PREPAID'): readonly OrderStatus[] {
  if (terms === 'CASH_ON_DELIVERY' && from === 'CREATED') return CASH_ON_DELIVERY_FROM_CREATED;
  return TRANSITIONS[from];
}

export function assertCanTransition(from: OrderStatus, to: OrderStatus, terms: PaymentTerms = 'PREPAID'): void {
  if (!allowedTransitions(from, terms).includes(to)) throw new InvalidStatusTransitionError(from, to, terms);
}

/** Whether a role may make this (legal) move at all; region and ownership are checked separately. */
export function roleMayMove(role: Role, from: OrderStatus, to: OrderStatus): boolean {
  if (role === 'service') return true;
  if (RETURN_STATUSES.has(from) || RETURN_STATUSES.has(to)) return false;
  switch (role) {
    case 'admin':
    case 'operator':
      return true;
    case 'carrier':
      return CARRIER_MOVES.has(`${from}>${to}`);
    case 'warehouse':
      return WAREHOUSE_MOVES.has(`${from}>${to}`);
    case 'customer':
      return CUSTOMER_MOVES.has(`${from}>${to}`);
    case 'customer_service':
    case 'bookkeeping':
    case 'auditor':
    case 'tax_auditor':
    case 'catalogue_manager':
    case 'rules_editor':
    case 'rules_approver':
      return false;
  }
}
