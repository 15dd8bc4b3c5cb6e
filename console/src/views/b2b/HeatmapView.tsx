import { useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { graphql } from '../../gql';
import { humanise } from '../../ui/format';
import { problemsOf } from '../../ui/problems';
import { Loading, ProblemNotice } from '../../ui/ProblemNotice';
import { SelectField, type Choice } from '../../ui/SelectField';
import { Heatmap } from './Heatmap';

const DAYS: readonly Choice[] = ['1', '2', '3', '7'].map((n) => [n, n]);

const ProgressQuery = graphql(`
  query ConsoleBatchProgress($customerRef: String!, $from: DateTimeISO!, $to: DateTimeISO!) {
    b2bBatchProgress(customerRef: $customerRef, from: $from, to: $to) {
      region
      status
      hour
      orders
    }
  }
`);

const DAY = 86_400_000;

/** A B2B customer's batch: how many orders sit in each status, per region and hour. */
export default function HeatmapView({ query }: { query: URLSearchParams }) {
  const session = useSession();
  const customerRef = query.get('customer') ?? (session?.principal.role === 'customer' ? session.principal.subject : '');
  const days = Math.min(7, Math.max(1, Number(query.get('days') ?? 7)));
  const [input, setInput] = useState({ customer: customerRef, days: String(days) });
  // The window ends at the next full hour, so the query's variables stay the same during the hour.
  const to = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000);
  const from = new Date(to.getTime() - days * DAY);
  const { data, loading, error } = useQuery(ProgressQuery, {
    variables: { customerRef, from: from.toISOString(), to: to.toISOString() },
    skip: !customerRef,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate('/b2b', input);
  };
  const cells = data?.b2bBatchProgress ?? [];
  const regions = [...new Set(cells.map((cell) => cell.region))].sort();
  return (
    <section aria-labelledby="b2b-title">
      <h1 id="b2b-title">B2B fulfilment heatmap</h1>
      <form className="filters" onSubmit={submit} aria-label="Choose customer">
        <div>
          <label htmlFor="b2b-customer">Customer reference</label>
          <input id="b2b-customer" value={input.customer} onChange={(event) => setInput({ ...input, customer: event.target.value })} autoComplete="off" />
        </div>
        <SelectField id="b2b-days" label="Days" value={input.days} choices={DAYS} onChange={(days) => setInput({ ...input, days })} />
        <button type="submit">Show</button>
      </form>
      {!customerRef ? <p className="hint">Enter a customer reference (demo customers are demo-cn-0 … demo-cn-39).</p> : null}
      {loading && !data ? <Loading what="batch progress" /> : null}
      <ProblemNotice problems={problemsOf(error)} />
      {data && cells.length === 0 ? (
        <p className="empty" data-testid="heatmap-empty">
          No orders of {customerRef} in this window.
        </p>
      ) : null}
      {regions.map((region) => (
        <div key={region} className="card wide" data-testid={`heatmap-${region}`}>
          <h2>{region.toUpperCase()}</h2>
          <Heatmap cells={cells.filter((cell) => cell.region === region)} label={`Orders of ${customerRef} in ${region.toUpperCase()} by status and hour`} />
          <table className="sr-only">
            <caption>Orders in {region.toUpperCase()} by status and hour</caption>
            <thead>
              <tr>
                <th scope="col">Hour</th>
                <th scope="col">Status</th>
                <th scope="col">Orders</th>
              </tr>
            </thead>
            <tbody>
              {cells
                .filter((cell) => cell.region === region)
                .map((cell) => (
                  <tr key={`${cell.hour}-${cell.status}`}>
                    <td>{cell.hour}</td>
                    <td>{humanise(cell.status)}</td>
                    <td>{cell.orders}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}
