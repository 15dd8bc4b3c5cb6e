import { useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { graphql } from '../../gql';
import { formatTime } from '../../ui/format';
import { problemsOf } from '../../ui/problems';
import { Loading, ProblemNotice } from '../../ui/ProblemNotice';

const AuditQuery = graphql(`
  query ConsoleAuditTrail($after: String, $filter: AuditTrailFilterInput) {
    auditTrail(first: 25, after: $after, filter: $filter) {
      edges {
        cursor
        node {
          id
          at
          actorType
          actorId
          actorRole
          action
          entityType
          entityId
          region
          before
          after
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/**
 * The audit trail, read-only, a page at a time. Records are shown exactly as the API answers: a value it
 * withholds arrives as null (with the reason beside it when the API gives one) and is shown as withheld.
 */
export default function AuditView() {
  const [entityId, setEntityId] = useState('');
  const [action, setAction] = useState('');
  const [filter, setFilter] = useState<{ entityId?: string; action?: string }>({});
  // A stack of cursors: the page we are on is read after the last one; "Previous" pops it.
  const [cursors, setCursors] = useState<string[]>([]);
  const after = cursors.at(-1);
  const { data, loading, error } = useQuery(AuditQuery, { variables: { filter, ...(after ? { after } : {}) } });
  const apply = (event: FormEvent) => {
    event.preventDefault();
    setCursors([]);
    setFilter({ ...(entityId.trim() ? { entityId: entityId.trim() } : {}), ...(action.trim() ? { action: action.trim() } : {}) });
  };
  const entries = data?.auditTrail.edges ?? [];
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">Audit trail</h1>
      <p className="hint">Read-only: every recorded change to orders and master data, newest first.</p>
      <form className="filters" onSubmit={apply} aria-label="Filter the audit trail">
        <div>
          <label htmlFor="audit-entity">Record id</label>
          <input id="audit-entity" value={entityId} onChange={(event) => setEntityId(event.target.value)} autoComplete="off" />
        </div>
        <div>
          <label htmlFor="audit-action">Action</label>
          <input id="audit-action" value={action} onChange={(event) => setAction(event.target.value)} autoComplete="off" placeholder="order.status-changed" />
        </div>
        <button type="submit">Apply filters</button>
      </form>
      {loading && !data ? <Loading what="audit trail" /> : null}
      <ProblemNotice problems={problemsOf(error)} />
      {data && entries.length === 0 ? <p className="empty">No entries.</p> : null}
      {entries.length ? (
        <table className="data" data-testid="audit-table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Actor</th>
              <th scope="col">Action</th>
              <th scope="col">Record</th>
              <th scope="col">Region</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {entries.map(({ node }) => (
              <tr key={node.id}>
                <td>{formatTime(node.at)}</td>
                <td>
                  {node.actorId}{' '}
                  <span className="meta">
                    ({node.actorType}, {node.actorRole})
                  </span>
                </td>
                <td>{node.action}</td>
                <td>
                  {node.entityType} <code>{node.entityId}</code>
                </td>
                <td>{node.region?.toUpperCase() ?? '—'}</td>
                <td>
                  <RecordChange before={node.before ?? null} after={node.after ?? null} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <nav className="pager" aria-label="Audit trail pages">
        <button type="button" disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>
          Previous page
        </button>
        <span data-testid="audit-page">Page {cursors.length + 1}</span>
        <button type="button" disabled={!data?.auditTrail.pageInfo.hasNextPage} onClick={() => setCursors([...cursors, data!.auditTrail.pageInfo.endCursor!])}>
          Next page
        </button>
      </nav>
    </section>
  );
}

type Json = Record<string, unknown>;
/** A withheld value comes as null; the API may name why in a sibling `<field>Withheld`/`withheld` entry. */
function shown(record: Json, key: string): string {
  const value = record[key];
  if (value === null) {
    const reason = record[`${key}Withheld`] ?? (record.withheld as Json | undefined)?.[key];
    return reason ? `withheld: ${String(reason)}` : 'null';
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function RecordChange({ before, after }: { before: Json | null; after: Json | null }) {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].filter((key) => !key.endsWith('Withheld') && key !== 'withheld');
  if (keys.length === 0) return <span className="meta">—</span>;
  return (
    <dl className="audit-change">
      {keys.map((key) => {
        const old = before && key in before ? shown(before, key) : undefined;
        const next = after && key in after ? shown(after, key) : undefined;
        return (
          <div key={key}>
            <dt>{key}</dt>
            <dd>
              {old !== undefined && old !== next ? (
                <>
                  <del>{old}</del> →{' '}
                </>
              ) : null}
              {next ?? '(removed)'}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
