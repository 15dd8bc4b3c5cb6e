import { useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useLiveJourney, type LiveState } from '../../app/live-journey';
import { href, navigate } from '../../app/router';
import { graphql } from '../../gql';
import { formatTime, humanise } from '../../ui/format';
import { problemsOf } from '../../ui/problems';
import { Loading, ProblemNotice } from '../../ui/ProblemNotice';
import { JourneyMap, type JourneyStop } from './JourneyMap';

const JourneyQuery = graphql(`
  query ConsoleJourney($id: ID!) {
    order: orderByIdentifier(identifier: { id: $id }) {
      id
      number
      region
      status
      tracking {
        id
        shipments {
          id
          carrierId
          trackingNumber
          eta
          late
          delivered
          lastKind
          events(first: 30) {
            nodes {
              id
              kind
              occurredAt
              nodeId
              nodeType
              latitude
              longitude
            }
          }
        }
      }
    }
  }
`);

/** One parcel's recorded events on a world map, the marker travelling from scan to scan. */
export default function JourneyView({ orderId }: { orderId?: string }) {
  return (
    <section aria-labelledby="journey-title">
      <h1 id="journey-title">Parcel journey</h1>
      <JourneyPicker initial={orderId ?? ''} />
      {orderId ? <Journey orderId={orderId} /> : <p className="hint">Enter an order id, or open an order and follow "Show the journey on the map".</p>}
    </section>
  );
}

function JourneyPicker({ initial }: { initial: string }) {
  const [value, setValue] = useState(initial);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (value.trim()) navigate(`/journey/${encodeURIComponent(value.trim())}`);
  };
  return (
    <form className="filters" onSubmit={submit} aria-label="Choose an order">
      <div>
        <label htmlFor="journey-order">Order id</label>
        <input id="journey-order" value={value} onChange={(event) => setValue(event.target.value)} autoComplete="off" size={38} />
      </div>
      <button type="submit">Show journey</button>
    </form>
  );
}

function Journey({ orderId }: { orderId: string }) {
  const { data, loading, error, refetch } = useQuery(JourneyQuery, { variables: { id: orderId }, notifyOnNetworkStatusChange: false });
  // Each announcement from tracking reads the steps again: the map and the list move without a reload.
  const live = useLiveJourney(orderId, () => void refetch());
  if (loading && !data) return <Loading what="journey" />;
  const order = data?.order;
  if (!order)
    return (
      <>
        <ProblemNotice problems={problemsOf(error)} />
        {!error ? <p className="empty">This order does not exist, or your role may not see it.</p> : null}
        {live.kind === 'stopped' ? <LiveStatus state={live} /> : null}
      </>
    );
  const shipments = order.tracking?.shipments ?? [];
  return (
    <>
      <p className="meta">
        Order <a href={href(`/orders/${order.id}`)}>{order.number}</a> · {humanise(order.status)}
      </p>
      <ProblemNotice problems={problemsOf(error)} compact />
      <LiveStatus state={live} />
      {shipments.length === 0 ? (
        <p className="empty" data-testid="journey-empty">
          No parcel is being tracked for this order yet.
        </p>
      ) : null}
      {shipments.map((shipment) => {
        const stops: JourneyStop[] = shipment.events.nodes
          .filter((event) => event.latitude !== null && event.latitude !== undefined && event.longitude !== null && event.longitude !== undefined)
          .map((event) => ({
            id: event.id,
            kind: event.kind,
            at: event.occurredAt,
            label: event.nodeId ?? humanise(event.kind),
            lat: event.latitude!,
            lon: event.longitude!,
          }))
          .sort((a, b) => a.at.localeCompare(b.at));
        return (
          <div key={shipment.id} className="journey">
            <h2>
              {shipment.carrierId} {shipment.trackingNumber}
              {shipment.delivered ? ' · delivered' : shipment.late ? ' · late' : ''}
            </h2>
            {shipment.eta ? (
              <p className="meta">
                ETA <time dateTime={shipment.eta}>{formatTime(shipment.eta)}</time>
              </p>
            ) : null}
            {stops.length > 0 ? <JourneyMap stops={stops} /> : <p className="empty">The carrier has sent no positions for this parcel.</p>}
          </div>
        );
      })}
    </>
  );
}

function LiveStatus({ state }: { state: LiveState }) {
  return (
    <div role="status" aria-live="polite" data-testid="journey-live" data-state={state.kind}>
      {state.kind === 'connecting' ? <p className="meta">Connecting to live updates…</p> : null}
      {state.kind === 'live' ? (
        <p className="live">● Live: new carrier events appear here as they arrive{state.updates > 1 ? ` (${state.updates - 1} so far)` : ''}</p>
      ) : null}
      {state.kind === 'stopped' ? (
        <>
          <p className="meta">Live updates stopped; the journey below is as last read.</p>
          <ProblemNotice problems={state.problems} compact />
        </>
      ) : null}
    </div>
  );
}
