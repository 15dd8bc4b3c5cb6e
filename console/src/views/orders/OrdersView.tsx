import { useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { href, navigate } from '../../app/router';
import { graphql } from '../../gql';
import type { OrderStatus } from '../../gql/graphql';
import { formatMoney, formatTime, humanise } from '../../ui/format';
import { problemsOf } from '../../ui/problems';
import { Loading, ProblemNotice } from '../../ui/ProblemNotice';
import { enumChoices, REGION_CHOICES, SelectField } from '../../ui/SelectField';

const OrdersQuery = graphql(`
  query ConsoleOrders($first: Int, $after: String, $filter: OrdersFilterInput) {
    orders(first: $first, after: $after, filter: $filter) {
      nodes {
        id
        number
        region
        status
        channel
        currency
        customerRef
        placedAt
        totals {
          grandTotal
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const ORDER_STATUSES: OrderStatus[] = [
  'CREATED',
  'PAID',
  'PICKED',
  'PACKED',
  'OUTBOUND',
  'FIRST_SCAN',
  'OUT_FOR_DELIVERY',
  'SIGNED',
  'CANCELLED',
  'DELIVERY_REFUSED',
  'RETURNED_TO_SENDER',
  'RETURN_REQUESTED',
  'RETURN_PICKUP_SCHEDULED',
  'RETURN_PICKED_UP',
  'RETURN_RECEIVED',
  'RETURN_REJECTED',
  'REFUNDED',
];
const PAGE = 25;

/** Orders with filters kept in the address, so a filtered list can be shared and the back button works. */
export function OrdersView({ query }: { query: URLSearchParams }) {
  const filters = {
    region: query.get('region') ?? '',
    status: query.get('status') ?? '',
    customer: query.get('customer') ?? '',
    from: query.get('from') ?? '',
    to: query.get('to') ?? '',
  };
  const after = query.get('after') ?? undefined;
  const { data, loading, error, dataState } = useQuery(OrdersQuery, {
    variables: {
      first: PAGE,
      ...(after ? { after } : {}),
      filter: {
        ...(filters.region ? { region: filters.region } : {}),
        ...(filters.status ? { status: filters.status as OrderStatus } : {}),
        ...(filters.customer ? { customerRef: filters.customer } : {}),
        ...placedWindow(filters.from, filters.to),
      },
    },
  });
  const orders = data?.orders.nodes ?? [];

  return (
    <section aria-labelledby="orders-title">
      <h1 id="orders-title">Orders</h1>
      <OrderFilters initial={filters} />
      {loading && dataState !== 'complete' ? <Loading what="orders" /> : null}
      <ProblemNotice problems={problemsOf(error)} />
      {data?.orders ? (
        <>
          <div className="table-wrap">
            <table className="data" data-testid="orders-table">
              <caption className="sr-only">Orders, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Number</th>
                  <th scope="col">Region</th>
                  <th scope="col">Status</th>
                  <th scope="col">Customer</th>
                  <th scope="col">Placed</th>
                  <th scope="col" className="num">
                    Total
                  </th>
                </tr>
              </thead>
              <tbody>
                {orders.map((order) => (
                  <tr key={order.id}>
                    <td>
                      <a href={href(`/orders/${order.id}`)}>{order.number}</a>
                    </td>
                    <td>{order.region.toUpperCase()}</td>
                    <td>
                      <span className={`status status-${order.status.toLowerCase()}`}>{humanise(order.status)}</span>
                    </td>
                    <td>{order.customerRef}</td>
                    <td>{formatTime(order.placedAt)}</td>
                    <td className="num">{formatMoney(order.totals.grandTotal, order.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {orders.length === 0 ? <p className="empty">No orders match these filters.</p> : null}
          <nav className="pager" aria-label="Pages">
            {after ? <a href={href('/orders', { ...filters })}>First page</a> : null}
            {data.orders.pageInfo.hasNextPage && data.orders.pageInfo.endCursor ? (
              <a href={href('/orders', { ...filters, after: data.orders.pageInfo.endCursor })}>Next page</a>
            ) : null}
          </nav>
        </>
      ) : null}
    </section>
  );
}

/**
 * The placing-date window in the person's own days: from local midnight of "from" up to (not including) local
 * midnight after "to", so "to" includes its whole day. The API checks the range and names a bad one.
 */
export function placedWindow(from: string, to: string): { placedFrom?: string; placedTo?: string } {
  const midnight = (day: string, plusDays = 0) => {
    const [year, month, date] = day.split('-').map(Number);
    return new Date(year!, month! - 1, date! + plusDays).toISOString();
  };
  const valid = (day: string) => /^\d{4}-\d{2}-\d{2}$/.test(day);
  return { ...(valid(from) ? { placedFrom: midnight(from) } : {}), ...(valid(to) ? { placedTo: midnight(to, 1) } : {}) };
}

function OrderFilters({ initial }: { initial: Record<'region' | 'status' | 'customer' | 'from' | 'to', string> }) {
  const [values, setValues] = useState(initial);
  const choose = (key: keyof typeof values) => (value: string) => setValues({ ...values, [key]: value });
  const set = (key: keyof typeof values) => (event: { target: { value: string } }) => choose(key)(event.target.value);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate('/orders', values);
  };
  return (
    <form className="filters" onSubmit={submit} aria-label="Filter orders">
      <SelectField id="filter-region" label="Region" value={values.region} choices={[['', 'All'], ...REGION_CHOICES]} onChange={choose('region')} />
      <SelectField
        id="filter-status"
        label="Status"
        value={values.status}
        choices={[['', 'All'], ...enumChoices(ORDER_STATUSES)]}
        onChange={choose('status')}
      />
      <div>
        <label htmlFor="filter-customer">Customer reference</label>
        <input id="filter-customer" value={values.customer} onChange={set('customer')} autoComplete="off" />
      </div>
      <div>
        <label htmlFor="filter-from">Placed from</label>
        <input id="filter-from" type="date" value={values.from} onChange={set('from')} />
      </div>
      <div>
        <label htmlFor="filter-to">Placed to</label>
        <input id="filter-to" type="date" value={values.to} onChange={set('to')} />
      </div>
      <button type="submit">Apply filters</button>
    </form>
  );
}
