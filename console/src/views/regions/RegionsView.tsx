import { useQuery } from '@apollo/client/react';
import { graphql } from '../../gql';
import { formatMoney, formatTime, humanise } from '../../ui/format';
import { problemsOf } from '../../ui/problems';
import { Loading, ProblemNotice } from '../../ui/ProblemNotice';

// One query per panel: a role refused one panel still sees the others.
const SubgraphsQuery = graphql(`
  query ConsoleSubgraphs {
    subgraphs {
      id
      name
      url
      schemaVersion
      health
      lastHeartbeatAt
      acceptedAt
    }
    regions {
      id
      code
      name
      defaultCurrency
      timeZone
    }
  }
`);
const SubmissionsQuery = graphql(`
  query ConsoleSchemaSubmissions {
    schemaSubmissionsConnection(first: 30) {
      nodes {
        id
        name
        version
        accepted
        problems
        submittedAt
      }
    }
  }
`);
const SummariesQuery = graphql(`
  query ConsoleRegionSummaries {
    regionSummariesConnection(first: 12) {
      nodes {
        id
        region
        periodStart
        periodEnd
        revision
        ordersPlaced
        gmv
        receivedAt
      }
    }
  }
`);
const FindingsQuery = graphql(`
  query ConsoleFindings {
    reconciliationFindingsConnection(first: 30) {
      nodes {
        id
        region
        periodStart
        findingKind
        orderId
        currency
        regionValue
        coreValue
        summaryRevision
      }
    }
  }
`);

export default function RegionsView() {
  return (
    <section aria-labelledby="regions-title">
      <h1 id="regions-title">Regions</h1>
      <div className="grid">
        <Subgraphs />
        <Submissions />
        <Summaries />
        <Findings />
      </div>
    </section>
  );
}

function Panel({
  id,
  title,
  loading,
  error,
  children,
  wide = false,
}: {
  id: string;
  title: string;
  loading: boolean;
  error: unknown;
  children: React.ReactNode;
  wide?: boolean;
}) {
  return (
    <section aria-labelledby={`${id}-title`} className={`card${wide ? ' wide' : ''}`} data-testid={id}>
      <h2 id={`${id}-title`}>{title}</h2>
      {loading ? <Loading what={title.toLowerCase()} /> : null}
      <ProblemNotice problems={problemsOf(error)} compact />
      {children}
    </section>
  );
}

function Subgraphs() {
  const { data, loading, error } = useQuery(SubgraphsQuery, { pollInterval: 10_000 });
  const regionOf = new Map((data?.regions ?? []).map((region) => [`region-${region.code}`, region]));
  return (
    <Panel id="subgraph-health" title="Subgraph health" loading={loading && !data} error={error} wide>
      {data?.subgraphs ? (
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">Subgraph</th>
                <th scope="col">Health</th>
                <th scope="col">Schema version</th>
                <th scope="col">Last heartbeat</th>
                <th scope="col">Region</th>
              </tr>
            </thead>
            <tbody>
              {data.subgraphs.map((subgraph) => {
                const region = regionOf.get(subgraph.name);
                return (
                  <tr key={subgraph.id}>
                    <td>{subgraph.name}</td>
                    <td>
                      <span className={`health health-${subgraph.health.toLowerCase()}`}>{subgraph.health}</span>
                    </td>
                    <td>
                      <code>{subgraph.schemaVersion.slice(0, 12)}</code>
                    </td>
                    <td>{formatTime(subgraph.lastHeartbeatAt)}</td>
                    <td>{region ? `${region.name} · ${region.defaultCurrency} · ${region.timeZone}` : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </Panel>
  );
}

function Submissions() {
  const { data, loading, error } = useQuery(SubmissionsQuery);
  const submissions = data?.schemaSubmissionsConnection.nodes ?? [];
  return (
    <Panel id="schema-submissions" title="Schema submissions" loading={loading && !data} error={error}>
      <ul className="plain">
        {submissions.map((submission) => (
          <li key={submission.id}>
            <strong>{submission.name}</strong> <code>{submission.version.slice(0, 12)}</code>{' '}
            <span className={submission.accepted ? 'health health-up' : 'health health-down'}>{submission.accepted ? 'accepted' : 'rejected'}</span>{' '}
            <span className="meta">{formatTime(submission.submittedAt)}</span>
            {submission.problems.length ? (
              <ul>
                {submission.problems.map((problem, i) => (
                  <li key={i}>{problem}</li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
      {data && submissions.length === 0 ? <p className="empty">No submissions.</p> : null}
    </Panel>
  );
}

function Summaries() {
  const { data, loading, error } = useQuery(SummariesQuery);
  const summaries = data?.regionSummariesConnection.nodes ?? [];
  return (
    <Panel id="region-summaries" title="Latest summaries" loading={loading && !data} error={error}>
      <div className="table-wrap">
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Region</th>
              <th scope="col">Period</th>
              <th scope="col" className="num">
                Orders
              </th>
              <th scope="col">GMV</th>
              <th scope="col">Revision</th>
            </tr>
          </thead>
          <tbody>
            {summaries.map((summary) => (
              <tr key={summary.id}>
                <td>{summary.region.toUpperCase()}</td>
                <td>{formatTime(summary.periodStart)}</td>
                <td className="num">{summary.ordersPlaced}</td>
                <td>
                  {Object.entries(summary.gmv)
                    .map(([currency, amount]) => formatMoney(Number(amount), currency))
                    .join(', ')}
                </td>
                <td>{summary.revision}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {data && summaries.length === 0 ? <p className="empty">No summaries received yet.</p> : null}
    </Panel>
  );
}

function Findings() {
  const { data, loading, error } = useQuery(FindingsQuery);
  const findings = data?.reconciliationFindingsConnection.nodes ?? [];
  return (
    <Panel id="reconciliation" title="Reconciliation findings" loading={loading && !data} error={error}>
      <ul className="plain">
        {findings.map((finding) => (
          <li key={finding.id}>
            <strong>{humanise(finding.findingKind)}</strong> · {finding.region.toUpperCase()} · {formatTime(finding.periodStart)}
            {finding.orderId ? (
              <>
                {' '}
                · order <code>{finding.orderId.slice(0, 8)}</code>
              </>
            ) : null}
            {finding.currency ? (
              <>
                {' '}
                · region {formatMoney(finding.regionValue, finding.currency)} vs core {formatMoney(finding.coreValue, finding.currency)}
              </>
            ) : null}
            {finding.findingKind === 'ORDER_SET_MISMATCH' ? (
              <>
                {' '}
                · region counted {finding.regionValue} orders, core holds {finding.coreValue}
              </>
            ) : null}
          </li>
        ))}
      </ul>
      {data && findings.length === 0 ? <p className="empty">No open findings: regions and core agree.</p> : null}
    </Panel>
  );
}
