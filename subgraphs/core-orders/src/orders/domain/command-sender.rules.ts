import type { CoreCommand, OrderNoteEvent } from '@hub/shared/messaging/contracts';

/** Why a command is refused for who sent it; `undefined` when the sender may send it. */
export type SenderRefusal = 'SOURCE_MISMATCH' | 'NOT_THE_ORDERS_REGION' | 'NOT_THE_NOTES_SOURCE';

/**
 * Who may say what on an order's timeline: a re-allocation or backorder is fulfilment's to report, so no other
 * subgraph can make a customer's order look moved.
 */
const NOTE_SOURCES: Readonly<Record<OrderNoteEvent, string>> = { REALLOCATED: 'fulfilment', BACKORDERED: 'fulfilment' };

/**
 * `sender` is the identity NATS proved (the subject's last token); `source` is what the payload claims.
 * A region's orders are registered by that region alone, so that no neighbour can create orders in its name
 * (and have core send the region's events about them).
 */
export function refuseSender(sender: string, command: Pick<CoreCommand, 'source' | 'kind'> & { body: unknown }): SenderRefusal | undefined {
  if (command.source !== sender) return 'SOURCE_MISMATCH';
  if (command.kind === 'order.register' && sender !== `region-${(command.body as { region: string }).region}`) return 'NOT_THE_ORDERS_REGION';
  if (command.kind === 'order.note' && NOTE_SOURCES[(command.body as { event: OrderNoteEvent }).event] !== sender) return 'NOT_THE_NOTES_SOURCE';
  return undefined;
}

/**
 * A region acts only on its own region's orders: moving a neighbour's order would let one region cancel or ship
 * what another sold. Domain subgraphs (tracking's carrier milestones, fulfilment's warehouse steps) serve every
 * region and may move any order. `sender` is the identity NATS proved.
 */
export function refuseOrderSender(sender: string, orderRegion: string): SenderRefusal | undefined {
  return sender.startsWith('region-') && sender !== `region-${orderRegion}` ? 'NOT_THE_ORDERS_REGION' : undefined;
}
