import { isTerminal, layerOf, MILESTONE_RANK, milestoneStatusOf, type EventKind, type NodeType } from '../../events/domain/event-kinds.js';
import { dwellDeadline, storedDwellDeadline } from '../../dwell/domain/dwell.rules.js';
import type { OrderStatus } from '@hub/shared/messaging/contracts';

/** The running facts of a shipment that each new event may move. */
export interface ShipmentProgress {
  lastEventAt: Date | null;
  lastKind: EventKind | null;
  lastNodeId: string | null;
  lastNodeType: NodeType | null;
  /** Highest milestone reached; never goes back. */
  milestoneRank: number;
  latestWarehouseAt: Date | null;
  latestTransportAt: Date | null;
  delivered: boolean;
  /** No later than when the parcel becomes overdue at its current node (a lower bound, see `storedDwellDeadline`); null once delivered. */
  dwellDeadline: Date | null;
}

export interface ProgressEvent {
  eventKey: string;
  kind: EventKind;
  occurredAt: Date;
  nodeId: string | null;
  nodeType: NodeType | null;
}

export interface ProgressResult {
  progress: ShipmentProgress;
  /** Milestones newly reached, in order, each to be reported to core once. */
  milestones: Array<{ status: OrderStatus; eventKey: string; occurredAt: Date }>;
}

export const initialProgress = (): ShipmentProgress => ({
  lastEventAt: null,
  lastKind: null,
  lastNodeId: null,
  lastNodeType: null,
  milestoneRank: 0,
  latestWarehouseAt: null,
  latestTransportAt: null,
  delivered: false,
  dwellDeadline: null,
});

/** The milestones core's state machine walks in order before delivery or refusal. */
const CORE_CHAIN: ReadonlyArray<[OrderStatus, number]> = [
  ['OUTBOUND', 4],
  ['FIRST_SCAN', 5],
  ['OUT_FOR_DELIVERY', 6],
];

const later = (a: Date | null, b: Date): Date => (a && a.getTime() >= b.getTime() ? a : b);

/**
 * Folds newly stored events into a shipment's progress. Carriers send late and out of order: the position is
 * that of the newest event by event time, milestones only move forward (an earlier milestone arriving after a
 * later one is kept in the journey but reported to no one), and a delivered parcel stays delivered.
 */
export function applyEvents(current: ShipmentProgress, events: readonly ProgressEvent[]): ProgressResult {
  const progress = { ...current };
  const milestones: ProgressResult['milestones'] = [];
  const ordered = [...events].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || (MILESTONE_RANK[a.kind] ?? 0) - (MILESTONE_RANK[b.kind] ?? 0));
  for (const event of ordered) {
    if (!progress.lastEventAt || event.occurredAt.getTime() >= progress.lastEventAt.getTime()) {
      progress.lastEventAt = event.occurredAt;
      progress.lastKind = event.kind;
      if (event.nodeId) {
        progress.lastNodeId = event.nodeId;
        progress.lastNodeType = event.nodeType;
      }
    }
    if (layerOf(event.kind) === 'WAREHOUSE') progress.latestWarehouseAt = later(progress.latestWarehouseAt, event.occurredAt);
    else progress.latestTransportAt = later(progress.latestTransportAt, event.occurredAt);
    const rank = MILESTONE_RANK[event.kind] ?? 0;
    if (rank > progress.milestoneRank) {
      const status = milestoneStatusOf(event.kind);
      if (status) {
        // Core only moves one step at a time: a skipped scan is implied by the later one.
        for (const [implied, impliedRank] of CORE_CHAIN) {
          if (impliedRank > progress.milestoneRank && impliedRank < rank)
            milestones.push({ status: implied, eventKey: event.eventKey, occurredAt: event.occurredAt });
        }
        milestones.push({ status, eventKey: event.eventKey, occurredAt: event.occurredAt });
      }
      progress.milestoneRank = rank;
    }
    if (isTerminal(event.kind)) progress.delivered = true;
  }
  progress.dwellDeadline = storedDwellDeadline(
    current.dwellDeadline,
    progress.delivered || !progress.lastEventAt ? null : dwellDeadline(progress.lastEventAt, progress.lastNodeType),
  );
  return { progress, milestones };
}
