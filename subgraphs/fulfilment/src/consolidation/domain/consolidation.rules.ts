/**
 * The low-carbon delivery option in the warehouse (issue 16): a consolidated order's shipments wait at their node
 * for the same customer's other consolidated orders to the same address (equal `consolidationKey`), and leave
 * together as one consignment. Plain functions: what to hold until when, and which consignments leave now.
 */

/** A consignment this heavy fills the customer's share of a van round: waiting longer gains nothing. */
export const CONSIGNMENT_FULL_GRAMS = 25_000;

export interface HoldFacts {
  promisedBy: Date;
  /** The end of the window the customer chose. */
  consolidateUntil: Date;
  /** As allocated: departure and arrival without waiting, so their difference is the carrier's transit. */
  departureAt: Date;
  etaAt: Date;
  now: Date;
}

/**
 * The latest a shipment may leave: the end of the customer's window, and never so late that the carrier's transit
 * would pass the promised date. Null when there is nothing to wait for (that moment is not after the planned
 * departure), so the shipment goes as planned.
 */
export function holdUntil(facts: HoldFacts): Date | null {
  const transitMs = facts.etaAt.getTime() - facts.departureAt.getTime();
  const latest = Math.min(facts.consolidateUntil.getTime(), facts.promisedBy.getTime() - transitMs);
  return latest > Math.max(facts.now.getTime(), facts.departureAt.getTime()) ? new Date(latest) : null;
}

export interface HeldShipment {
  shipmentId: string;
  orderId: string;
  consolidationKey: string;
  nodeId: string;
  /** This shipment's own latest departure (holdUntil). */
  holdUntil: Date;
  grams: number;
}

export type ReleaseReason = 'DEADLINE' | 'CONSIGNMENT_FULL';

export interface ConsignmentPlan {
  consolidationKey: string;
  nodeId: string;
  shipmentIds: string[];
  orderIds: string[];
  /** The earliest member's deadline: the consignment leaves by then, so every member keeps its promise. */
  dispatchBy: Date;
  grams: number;
  /** Why it leaves now; null: it keeps waiting. */
  release: ReleaseReason | null;
}

/**
 * Groups held shipments into consignments (same customer key, same node: only goods in one place travel as one)
 * and decides which leave now: at the earliest member's deadline, or as soon as the consignment is full.
 */
export function planConsignments(held: readonly HeldShipment[], now: Date, fullGrams = CONSIGNMENT_FULL_GRAMS): ConsignmentPlan[] {
  const groups = new Map<string, HeldShipment[]>();
  for (const shipment of held) {
    const key = `${shipment.consolidationKey}\u0000${shipment.nodeId}`;
    groups.set(key, [...(groups.get(key) ?? []), shipment]);
  }
  return [...groups.values()].map((members) => {
    const dispatchBy = new Date(Math.min(...members.map((member) => member.holdUntil.getTime())));
    const grams = members.reduce((sum, member) => sum + member.grams, 0);
    const release: ReleaseReason | null = now.getTime() >= dispatchBy.getTime() ? 'DEADLINE' : grams >= fullGrams ? 'CONSIGNMENT_FULL' : null;
    return {
      consolidationKey: members[0]!.consolidationKey,
      nodeId: members[0]!.nodeId,
      shipmentIds: members.map((member) => member.shipmentId),
      orderIds: [...new Set(members.map((member) => member.orderId))],
      dispatchBy,
      grams,
      release,
    };
  });
}
