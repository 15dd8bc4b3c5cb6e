import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { href, navigate } from '../../app/router';
import { graphql } from '../../gql';
import type { ConsoleReturnsQuery } from '../../gql/graphql';
import { formatTime, humanise } from '../../ui/format';
import { problemsOf } from '../../ui/problems';
import { Loading, ProblemNotice } from '../../ui/ProblemNotice';
import { enumChoices, SelectField } from '../../ui/SelectField';
import { ReturnDetail } from './ReturnDetail';
import { isOpen, RETURN_STATES } from './return-steps';

// region-cn lists every return, in every state; core completes each with its order through the gateway.
const ReturnsQuery = graphql(`
  query ConsoleReturns($first: Int, $after: String, $filter: CnReturnsFilterInput) {
    cnReturns(first: $first, after: $after, filter: $filter, sort: NEWEST_FIRST) {
      nodes {
        id
        state
        requestedAt
        refundDueBefore
        order {
          id
          number
          customerRef
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

type ReturnEntry = ConsoleReturnsQuery['cnReturns']['nodes'][number];

/** Rows per page unless the address says otherwise (`?rows=`, 1 to 100, as the API allows). */
const PAGE = 25;

/** CN 7-day returns with door pickup as a task list; one order's returns open as a step-by-step flow. */
export default function ReturnsView({ orderId, query }: { orderId: string | undefined; query: URLSearchParams }) {
  if (orderId) return <ReturnDetail orderId={orderId} />;
  const rows = Number(query.get('rows'));
  const first = Number.isInteger(rows) && rows >= 1 && rows <= 100 ? rows : PAGE;
  // Filters live in the address, like the orders list's, so a filtered list can be shared.
  const filters = { open: query.get('open') ?? '', closed: query.get('closed') ?? '', rows: query.get('rows') ?? '' };
  const setFilter = (key: 'open' | 'closed') => (state: string) => navigate('/returns', { ...filters, [key]: state });
  return (
    <section aria-labelledby="returns-title">
      <h1 id="returns-title">Returns (CN)</h1>
      <p className="hint">7-day no-reason returns with door pickup. Open one to work it step by step.</p>
      <ReturnList open caption="Open returns" empty="No open returns." testId="returns-open" first={first} state={filters.open} onState={setFilter('open')} />
      <ReturnList
        open={false}
        caption="Settled and closed"
        empty="No settled or closed returns."
        testId="returns-closed"
        first={first}
        state={filters.closed}
        onState={setFilter('closed')}
      />
    </section>
  );
}

function ReturnList({
  open,
  caption,
  empty,
  testId,
  first,
  state,
  onState,
}: {
  open: boolean;
  caption: string;
  empty: string;
  testId: string;
  first: number;
  state: string;
  onState: (state: string) => void;
}) {
  const states = RETURN_STATES.filter((candidate) => isOpen(candidate) === open);
  const chosen = states.find((candidate) => candidate === state);
  const { data, loading, error, dataState, fetchMore } = useQuery(ReturnsQuery, {
    variables: { first, filter: { open, ...(chosen ? { states: [chosen] } : {}) } },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const [loadingMore, setLoadingMore] = useState(false);
  const page = data?.cnReturns;
  const entries = page?.nodes ?? [];
  const titleId = `${testId}-title`;
  const loadMore = async () => {
    if (!page?.pageInfo.endCursor) return;
    setLoadingMore(true);
    try {
      await fetchMore({
        variables: { after: page.pageInfo.endCursor },
        updateQuery: (previous, { fetchMoreResult }) => ({
          cnReturns: { ...fetchMoreResult.cnReturns, nodes: [...previous.cnReturns.nodes, ...fetchMoreResult.cnReturns.nodes] },
        }),
      });
    } finally {
      setLoadingMore(false);
    }
  };
  return (
    <section aria-labelledby={titleId} className="card wide" data-testid={`${testId}-list`}>
      <h2 id={titleId}>{caption}</h2>
      <form className="filters" aria-label={`Filter ${caption.toLowerCase()}`} onSubmit={(event) => event.preventDefault()}>
        <SelectField id={`${testId}-state`} label="State" value={chosen ?? ''} choices={[['', 'All'], ...enumChoices(states)]} onChange={onState} />
      </form>
      {loading && dataState !== 'complete' && !loadingMore ? <Loading what={caption.toLowerCase()} /> : null}
      <ProblemNotice problems={problemsOf(error)} />
      {page && entries.length === 0 ? <p className="empty">{empty}</p> : null}
      {entries.length ? <ReturnTable caption={caption} entries={entries} testId={testId} /> : null}
      {page?.pageInfo.hasNextPage ? (
        <p className="pager">
          <button type="button" onClick={() => void loadMore()} disabled={loadingMore} aria-describedby={titleId}>
            {loadingMore ? 'Loading…' : 'Load more'}
          </button>
        </p>
      ) : null}
    </section>
  );
}

function ReturnTable({ caption, entries, testId }: { caption: string; entries: ReturnEntry[]; testId: string }) {
  return (
    <div className="table-wrap">
      <table className="data" data-testid={testId}>
        <caption className="sr-only">{caption}, newest request first</caption>
        <thead>
          <tr>
            <th scope="col">Order</th>
            <th scope="col">Customer</th>
            <th scope="col">Return</th>
            <th scope="col">Requested</th>
            <th scope="col">Refund due</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id} data-state={entry.state}>
              <td>
                <a href={href(`/returns/${entry.order.id}`)}>{entry.order.number}</a>
              </td>
              <td>{entry.order.customerRef}</td>
              <td>
                <span className={`state state-${entry.state.toLowerCase()}`}>{humanise(entry.state)}</span>
              </td>
              <td>{formatTime(entry.requestedAt)}</td>
              <td>{formatTime(entry.refundDueBefore)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
