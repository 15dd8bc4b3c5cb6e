import type { NatsConnection } from '@nats-io/transport-node';
import { withRoles, type StreamUse } from '../messaging/jetstream-use.js';
import { declareStreams, type StreamSpec } from '../messaging/streams.js';

/**
 * Subjects of the tracking service and of the notices it asks regions to send. Carriers publish to their
 * own subject (`…carrier-events.<carrierId>`), which NATS user permissions can pin to the carrier.
 */
export function trackingSubjectsFor(namespace: string) {
  return {
    carrierEventsStream: `${namespace.toUpperCase()}_CARRIER_EVENTS`,
    carrierEventsAll: `${namespace}.tracking.v1.carrier-events.*`,
    carrierEvents: (carrierId: string) => `${namespace}.tracking.v1.carrier-events.${carrierId}`,
    carrierEventsConsumer: `${namespace}-tracking-carrier-events`,
    trackingStream: `${namespace.toUpperCase()}_TRACKING`,
    /** Weather, traffic and hub closures from feeds; each message is one disruption with its own id. */
    disruptions: `${namespace}.tracking.v1.disruptions`,
    disruptionsConsumer: `${namespace}-tracking-disruptions`,
    notices: (region: string) => `${namespace}.tracking.v1.notices.${region}`,
    noticeConsumer: (region: string) => `${namespace}-${region}-notices`,
    /** Core NATS (not JetStream): tells live subscribers that an order's journey changed. */
    journeyChanged: (orderId: string) => `${namespace}.tracking.v1.journey-changed.${orderId}`,
    ordersConsumer: `${namespace}-tracking-orders`,
  };
}
export type TrackingSubjects = ReturnType<typeof trackingSubjectsFor>;

/**
 * Carrier events are kept a week (tracking stores them; the stream is only the buffer in front of it); disruptions and
 * notices 30 days. With `uses` (the service's `jetStreamUseOf`), only the streams it uses, in its role; without, as
 * their owner (tracking).
 */
export async function ensureTrackingStreams(nc: NatsConnection, subjects: TrackingSubjects, uses?: StreamUse[]): Promise<void> {
  const specs: StreamSpec[] = [
    { name: subjects.carrierEventsStream, subjects: [subjects.carrierEventsAll], maxAgeMs: 7 * 86_400_000 },
    { name: subjects.trackingStream, subjects: [subjects.disruptions, subjects.notices('*')], maxAgeMs: 30 * 86_400_000 },
  ];
  await declareStreams(nc, withRoles(specs, uses));
}
