import { EVENT_KINDS, NODE_TYPES, type EventKind, type NodeType } from './event-kinds.js';

/** One event as a carrier or warehouse sends it (over HTTP or NATS), before validation. */
export interface CarrierEventInput {
  eventId: unknown;
  trackingNumber: unknown;
  orderId?: unknown;
  kind: unknown;
  occurredAt: unknown;
  nodeId?: unknown;
  nodeType?: unknown;
  latitude?: unknown;
  longitude?: unknown;
  /** Courier or worker id: the carrier's own pseudonymous staff id, never a name. */
  actorId?: unknown;
}

/** A validated event, ready to store. */
export interface CarrierEvent {
  eventId: string;
  carrierId: string;
  trackingNumber: string;
  orderId: string | null;
  kind: EventKind;
  occurredAt: Date;
  nodeId: string | null;
  nodeType: NodeType | null;
  latitude: number | null;
  longitude: number | null;
  actorId: string | null;
}

export type EventProblemCode = 'INVALID_EVENT' | 'EVENT_IN_FUTURE' | 'INVALID_COORDINATES' | 'DUPLICATE_EVENT' | 'CARRIER_MISMATCH' | 'EVENT_TOO_OLD';

export interface EventProblem {
  code: EventProblemCode;
  /** Path of the offending field inside the event. */
  field: string;
  message: string;
}

export interface EventValidationContext {
  /** The carrier id of the authenticated caller: an event is always filed under it. */
  carrierId: string;
  now: Date;
  /** Carrier clocks drift; an event up to this far ahead of ours is accepted. */
  clockSkewMs: number;
  /** Events older than retention would land in a dropped partition. */
  retentionMs: number;
}

const ID = /^[A-Za-z0-9._:-]{1,100}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Checks one event on its own (no I/O). Ownership of the parcel and duplicates across batches are checked
 * against the store; duplicates inside one batch are found by `validateBatch`.
 */
export function validateEvent(input: CarrierEventInput, context: EventValidationContext): { event?: CarrierEvent; problem?: EventProblem } {
  const invalid = (field: string, message: string, code: EventProblemCode = 'INVALID_EVENT') => ({ problem: { code, field, message } });
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return invalid('', 'an event must be an object');
  if (typeof input.eventId !== 'string' || !ID.test(input.eventId)) return invalid('eventId', 'eventId must be 1-100 letters, digits or . _ : -');
  if (typeof input.trackingNumber !== 'string' || !ID.test(input.trackingNumber))
    return invalid('trackingNumber', 'trackingNumber must be 1-100 letters, digits or . _ : -');
  if (input.orderId !== undefined && input.orderId !== null && (typeof input.orderId !== 'string' || !UUID.test(input.orderId)))
    return invalid('orderId', 'orderId must be a UUID');
  if (typeof input.kind !== 'string' || !(EVENT_KINDS as readonly string[]).includes(input.kind))
    return invalid('kind', `kind must be one of ${EVENT_KINDS.join(', ')}`);
  const occurredAt = typeof input.occurredAt === 'string' ? new Date(input.occurredAt) : undefined;
  if (!occurredAt || Number.isNaN(occurredAt.getTime()) || !/\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/.test(input.occurredAt as string)) {
    return invalid('occurredAt', 'occurredAt must be an ISO 8601 time with a zone');
  }
  if (occurredAt.getTime() > context.now.getTime() + context.clockSkewMs) return invalid('occurredAt', 'occurredAt lies in the future', 'EVENT_IN_FUTURE');
  if (occurredAt.getTime() < context.now.getTime() - context.retentionMs)
    return invalid('occurredAt', 'occurredAt is older than the retention period', 'EVENT_TOO_OLD');
  const hasLat = input.latitude !== undefined && input.latitude !== null;
  const hasLon = input.longitude !== undefined && input.longitude !== null;
  if (hasLat !== hasLon) return invalid(hasLat ? 'longitude' : 'latitude', 'latitude and longitude come together', 'INVALID_COORDINATES');
  if (hasLat && (typeof input.latitude !== 'number' || !Number.isFinite(input.latitude) || input.latitude < -90 || input.latitude > 90)) {
    return invalid('latitude', 'latitude must be a number from -90 to 90', 'INVALID_COORDINATES');
  }
  if (hasLon && (typeof input.longitude !== 'number' || !Number.isFinite(input.longitude) || input.longitude < -180 || input.longitude > 180)) {
    return invalid('longitude', 'longitude must be a number from -180 to 180', 'INVALID_COORDINATES');
  }
  if (input.nodeId !== undefined && input.nodeId !== null && (typeof input.nodeId !== 'string' || !ID.test(input.nodeId)))
    return invalid('nodeId', 'nodeId must be 1-100 letters, digits or . _ : -');
  if (input.nodeType !== undefined && input.nodeType !== null && !(NODE_TYPES as readonly unknown[]).includes(input.nodeType)) {
    return invalid('nodeType', `nodeType must be one of ${NODE_TYPES.join(', ')}`);
  }
  if (input.actorId !== undefined && input.actorId !== null && (typeof input.actorId !== 'string' || !ID.test(input.actorId)))
    return invalid('actorId', 'actorId must be a staff id, 1-100 letters, digits or . _ : -');
  return {
    event: {
      eventId: input.eventId,
      carrierId: context.carrierId,
      trackingNumber: input.trackingNumber,
      orderId: typeof input.orderId === 'string' ? input.orderId.toLowerCase() : null,
      kind: input.kind as EventKind,
      occurredAt,
      nodeId: (input.nodeId as string | undefined) ?? null,
      nodeType: (input.nodeType as NodeType | undefined) ?? null,
      latitude: hasLat ? (input.latitude as number) : null,
      longitude: hasLon ? (input.longitude as number) : null,
      actorId: (input.actorId as string | undefined) ?? null,
    },
  };
}

export interface BatchValidation {
  accepted: CarrierEvent[];
  /** Position in the batch of each accepted event, for errors found later (ownership). */
  positions: number[];
  rejected: Array<{ index: number; eventId: string | null } & EventProblem>;
}

/**
 * Validates a batch: every event on its own, then repeats of an event id inside the batch. A repeat with the
 * same content is dropped silently (a carrier retrying); a repeat with different content is refused.
 */
export function validateBatch(inputs: readonly CarrierEventInput[], context: EventValidationContext): BatchValidation {
  const accepted: CarrierEvent[] = [];
  const positions: number[] = [];
  const rejected: BatchValidation['rejected'] = [];
  const seen = new Map<string, CarrierEvent>();
  inputs.forEach((input, index) => {
    const { event, problem } = validateEvent(input, context);
    const eventId = typeof input?.eventId === 'string' ? input.eventId : null;
    if (problem) {
      rejected.push({ index, eventId, ...problem });
      return;
    }
    const earlier = seen.get(event!.eventId);
    if (earlier === undefined) {
      seen.set(event!.eventId, event!);
      accepted.push(event!);
      positions.push(index);
    } else if (JSON.stringify(earlier) !== JSON.stringify(event)) {
      rejected.push({ index, eventId, code: 'DUPLICATE_EVENT', field: 'eventId', message: 'eventId repeated in this batch with different content' });
    }
  });
  return { accepted, positions, rejected };
}
