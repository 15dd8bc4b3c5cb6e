import { useQuery } from '@apollo/client/react';
import { href } from '../../app/router';
import { graphql } from '../../gql';
import { FieldList } from '../../ui/FieldList';
import { formatMoney, formatTime, humanise } from '../../ui/format';
import { problemsAt, problemsOf } from '../../ui/problems';
import { Loading, ProblemNotice } from '../../ui/ProblemNotice';
import { ORDER_POLL_MS, useOrderChanges } from './order-changes';

const OrderQuery = graphql(`
  query ConsoleOrder($id: ID!) {
    order: orderByIdentifier(identifier: { id: $id }) {
      id
      number
      region
      status
      channel
      currency
      customerRef
      paymentTerms
      delivery {
        option
        promisedBy
      }
      version
      placedAt
      updatedAt
      lines {
        id
        lineNo
        sku
        name
        quantity
        unitPrice
        unitTax
        lineTotal
      }
      totals {
        itemsTotal
        taxTotal
        shippingTotal
        discountTotal
        grandTotal
      }
      timeline {
        id
        sequence
        from
        to
        at
        occurredAt
        note
        actor {
          kind
          subject
        }
      }
      cn {
        number
        registration
        status
        customer {
          name
          phone
        }
        shippingAddress {
          recipientName
          recipientPhone
          province
          city
          district
          street
          postalCode
        }
      }
      de {
        number
        registration
        status
        customer {
          name
          email
          phone
        }
        shippingAddress {
          recipientName
          street
          houseNumber
          postalCode
          city
          country
        }
        vat {
          scheme
          destination
          rate
          netTotal
          vatTotal
        }
      }
      sea {
        number
        registration
        status
        customer {
          name
          phone
        }
        shippingAddress {
          recipientName
          line1
          city
          province
          postalCode
          country
        }
        payment {
          method
          currency
          amountDue
        }
      }
      fulfilment {
        id
        state
        serviceLevel
        backorderedUnits
        timeline {
          id
          at
          kind
          actor
          note
        }
      }
      shipments {
        id
        nodeId
        carrier
        serviceLevel
        state
        deliveryMode
        etaAt
      }
    }
  }
`);

// Apart from the order: the gateway's cost limit counts every event of every parcel, and a tracking outage
// should not hide the order.
const OrderTrackingQuery = graphql(`
  query ConsoleOrderTracking($id: ID!) {
    order: orderByIdentifier(identifier: { id: $id }) {
      id
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
          lastEventAt
          events(first: 25) {
            nodes {
              id
              kind
              occurredAt
              nodeId
              nodeType
              actorId
            }
          }
        }
      }
    }
  }
`);

export function OrderDetailView({ id }: { id: string }) {
  const { data, loading, error, refetch } = useQuery(OrderQuery, { variables: { id } });
  // Live: the whole order is read again when a light check sees it changed.
  const { updatedAt, live } = useOrderChanges(id, data?.order?.version, () => void refetch().catch(() => undefined));
  const order = data?.order;
  if (loading && !order) return <Loading what="order" />;
  if (!order) {
    return (
      <section>
        <h1>Order</h1>
        <ProblemNotice problems={problemsOf(error)} />
        {!error ? <p className="empty">This order does not exist, or your role may not see it.</p> : null}
        <p>
          <a href={href('/orders')}>Back to orders</a>
        </p>
      </section>
    );
  }
  const regional = order[order.region as 'cn' | 'de' | 'sea'];
  const regionalProblems = problemsAt(error, ['order', order.region]);
  const fulfilmentProblems = [...problemsAt(error, ['order', 'fulfilment']), ...problemsAt(error, ['order', 'shipments'])];
  // Each part of the answer shows its own failure; a failure of one subgraph leaves the rest readable.
  const placed = (problem: { path?: ReadonlyArray<string | number> }) => ['cn', 'de', 'sea', 'fulfilment', 'shipments'].includes(String(problem.path?.[1]));
  const otherProblems = problemsOf(error).filter((problem) => !placed(problem));

  return (
    <article aria-labelledby="order-title" data-testid="order-detail">
      <p>
        <a href={href('/orders')}>← Orders</a>
      </p>
      <h1 id="order-title">Order {order.number}</h1>
      <p className="meta">
        <span className={`status status-${order.status.toLowerCase()}`}>{humanise(order.status)}</span>
        {' · '}
        {order.region.toUpperCase()} · {humanise(order.channel)} · {humanise(order.paymentTerms)} · version {order.version}
        {order.delivery && (
          <span data-testid="order-delivery">
            {' · '}
            {order.delivery.option === 'CONSOLIDATED' ? 'Low-carbon delivery (consolidated)' : `${humanise(order.delivery.option)} delivery`}, promised by{' '}
            {new Date(order.delivery.promisedBy).toLocaleDateString()}
          </span>
        )}
      </p>
      <p className="meta" data-testid="order-updated" aria-live="off">
        {updatedAt ? (
          <>
            Updated <time dateTime={updatedAt.toISOString()}>{updatedAt.toLocaleTimeString([], CLOCK)}</time>
            {live ? ` · checked every ${ORDER_POLL_MS / 1000} s` : ' · paused while the page is hidden'}
          </>
        ) : null}
      </p>
      <ProblemNotice problems={otherProblems} compact />

      <div className="grid">
        <section aria-labelledby="lines-title" className="card wide">
          <h2 id="lines-title">Lines</h2>
          <div className="table-wrap">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">SKU</th>
                  <th scope="col">Item</th>
                  <th scope="col" className="num">
                    Qty
                  </th>
                  <th scope="col" className="num">
                    Unit price
                  </th>
                  <th scope="col" className="num">
                    Unit tax
                  </th>
                  <th scope="col" className="num">
                    Line total
                  </th>
                </tr>
              </thead>
              <tbody>
                {order.lines.map((line) => (
                  <tr key={line.id}>
                    <td>{line.lineNo}</td>
                    <td>{line.sku}</td>
                    <td>{line.name}</td>
                    <td className="num">{line.quantity}</td>
                    <td className="num">{formatMoney(line.unitPrice, order.currency)}</td>
                    <td className="num">{formatMoney(line.unitTax, order.currency)}</td>
                    <td className="num">{formatMoney(line.lineTotal, order.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <dl className="totals" data-testid="order-totals">
            <div>
              <dt>Items</dt>
              <dd>{formatMoney(order.totals.itemsTotal, order.currency)}</dd>
            </div>
            <div>
              <dt>Tax</dt>
              <dd>{formatMoney(order.totals.taxTotal, order.currency)}</dd>
            </div>
            <div>
              <dt>Shipping</dt>
              <dd>{formatMoney(order.totals.shippingTotal, order.currency)}</dd>
            </div>
            <div>
              <dt>Discount</dt>
              <dd>{formatMoney(-order.totals.discountTotal, order.currency)}</dd>
            </div>
            <div className="grand">
              <dt>Total</dt>
              <dd>{formatMoney(order.totals.grandTotal, order.currency)}</dd>
            </div>
          </dl>
        </section>

        <section aria-labelledby="timeline-title" className="card">
          <h2 id="timeline-title">Timeline</h2>
          <ol className="timeline" data-testid="order-timeline">
            {order.timeline.map((step) => (
              <li key={step.id}>
                <strong>{humanise(step.to)}</strong>
                <span className="meta">
                  {' '}
                  <time dateTime={step.occurredAt}>{formatTime(step.occurredAt)}</time> · {humanise(step.actor.kind)} {step.actor.subject}
                </span>
                {step.note ? <p>{step.note}</p> : null}
              </li>
            ))}
          </ol>
        </section>

        <section aria-labelledby="regional-title" className="card" data-testid="regional-fields">
          <h2 id="regional-title">Regional fields ({order.region.toUpperCase()})</h2>
          <ProblemNotice problems={regionalProblems} compact />
          {regional ? (
            <FieldList value={regional} />
          ) : regionalProblems.length === 0 ? (
            <p className="empty">The region has no details for this order.</p>
          ) : null}
        </section>

        <section aria-labelledby="fulfilment-title" className="card">
          <h2 id="fulfilment-title">Fulfilment</h2>
          <ProblemNotice problems={fulfilmentProblems} compact />
          {order.fulfilment ? (
            <>
              <p>
                {humanise(order.fulfilment.state)} · {humanise(order.fulfilment.serviceLevel)}
                {order.fulfilment.backorderedUnits ? ` · ${order.fulfilment.backorderedUnits} backordered` : ''}
              </p>
              <ul className="plain">
                {order.shipments.map((shipment) => (
                  <li key={shipment.id}>
                    {shipment.carrier} from {shipment.nodeId}: {humanise(shipment.state)}, due{' '}
                    <time dateTime={shipment.etaAt}>{formatTime(shipment.etaAt)}</time>
                  </li>
                ))}
              </ul>
              <ol className="timeline">
                {order.fulfilment.timeline.map((entry) => (
                  <li key={entry.id}>
                    <strong>{humanise(entry.kind)}</strong>{' '}
                    <span className="meta">
                      <time dateTime={entry.at}>{formatTime(entry.at)}</time> · {entry.actor}
                    </span>
                    {entry.note ? <p>{entry.note}</p> : null}
                  </li>
                ))}
              </ol>
            </>
          ) : (
            <p className="empty">Not allocated to a warehouse yet.</p>
          )}
        </section>

        <OrderTracking id={order.id} />
      </div>
    </article>
  );
}

const CLOCK: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' };

function OrderTracking({ id }: { id: string }) {
  const { data, loading, error } = useQuery(OrderTrackingQuery, { variables: { id } });
  const shipments = data?.order?.tracking?.shipments ?? [];
  return (
    <section aria-labelledby="tracking-title" className="card wide" data-testid="order-tracking">
      <h2 id="tracking-title">Tracking journey</h2>
      {loading && !data ? <Loading what="tracking" /> : null}
      <ProblemNotice problems={problemsOf(error)} compact />
      {data && shipments.length === 0 ? <p className="empty">No parcel is being tracked for this order yet.</p> : null}
      {shipments.map((shipment) => (
        <div key={shipment.id}>
          <p>
            <strong>
              {shipment.carrierId} {shipment.trackingNumber}
            </strong>
            {shipment.delivered ? ' · delivered' : shipment.late ? ' · late' : ''}
            {shipment.eta ? (
              <>
                {' '}
                · ETA <time dateTime={shipment.eta}>{formatTime(shipment.eta)}</time>
              </>
            ) : null}
          </p>
          <ol className="timeline">
            {[...shipment.events.nodes]
              .sort((a, b) => a.occurredAt.localeCompare(b.occurredAt))
              .map((event) => (
                <li key={event.id}>
                  <strong>{humanise(event.kind)}</strong>{' '}
                  <span className="meta">
                    <time dateTime={event.occurredAt}>{formatTime(event.occurredAt)}</time>
                    {event.nodeId ? ` · ${event.nodeId}` : ''}
                    {event.actorId ? ` · ${event.actorId}` : ''}
                  </span>
                </li>
              ))}
          </ol>
        </div>
      ))}
      {shipments.length > 0 ? (
        <p>
          <a href={href(`/journey/${id}`)}>Show the journey on the map</a>
        </p>
      ) : null}
    </section>
  );
}
