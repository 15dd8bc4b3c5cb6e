import type { OrderNoteDetails, OrderNoteEvent } from '@hub/shared/messaging/contracts';

const LEAD: Record<OrderNoteEvent, string> = { REALLOCATED: 'Re-allocated', BACKORDERED: 'Backordered' };

/**
 * The line an operator reads on the timeline, from the note's structured details (which the API also gives):
 * node ids and the new estimate only, so the text is as free of personal data as the details.
 */
export function describeNote(event: OrderNoteEvent, details: OrderNoteDetails, note?: string): string {
  const parts = [LEAD[event]];
  if (details.fromNode) parts.push(`from ${details.fromNode}`);
  if (details.toNodes.length > 0) parts.push(`to ${details.toNodes.join(', ')}`);
  let text = parts.join(' ');
  if (details.estimatedDeliveryAt) text += `; new estimate ${details.estimatedDeliveryAt}`;
  if (note) text += `: ${note}`;
  return text.slice(0, 500);
}

/**
 * Whether a command id already on the timeline is this note again (a redelivery, answered as recorded) rather than
 * the id reused for another step, which is refused: the same order and the same event. A status step has no event.
 */
export function isSameNote(recorded: { orderId: string; event: OrderNoteEvent | null }, note: { orderId: string; event: OrderNoteEvent }): boolean {
  return recorded.orderId === note.orderId && recorded.event === note.event;
}
