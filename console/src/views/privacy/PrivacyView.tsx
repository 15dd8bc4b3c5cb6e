import { useLazyQuery, useMutation } from '@apollo/client/react';
import { useEffect, useState, type FormEvent } from 'react';
import { useSession } from '../../app/session';
import { graphql } from '../../gql';
import { problemsOf } from '../../ui/problems';
import { Loading, ProblemNotice, UserErrors } from '../../ui/ProblemNotice';
import { RestrictionTask } from './RestrictionTask';

const ExportQuery = graphql(`
  query ConsoleDeDataExport {
    deDataExport
  }
`);

const ErasureMutation = graphql(`
  mutation ConsoleDeErasure($customerRef: String) {
    deErasureRequest(customerRef: $customerRef) {
      userErrors {
        code
        field
        message
      }
      report {
        consentEventsDeleted
        erasedOrders
        restrictedOrders
        deferredOrders
      }
    }
  }
`);

/**
 * DE privacy requests as task flows: access and portability (export), erasure (which restricts what German
 * retention law keeps), and restriction of processing on the customer's request. Customers act for themselves;
 * staff name the customer. What a role may do is the
 * API's answer, shown where the step is.
 */
export default function PrivacyView() {
  return (
    <section aria-labelledby="privacy-title">
      <h1 id="privacy-title">Privacy requests (DE)</h1>
      <p className="hint">
        GDPR requests for region DE: export (art. 15, 20), erasure (art. 17, keeping only what tax law needs, restricted) and restriction of processing (art.
        18).
      </p>
      <ExportTask />
      <ErasureTask />
      <RestrictionTask />
    </section>
  );
}

function ExportTask() {
  const [load, exported] = useLazyQuery(ExportQuery, { fetchPolicy: 'no-cache' });
  const [download, setDownload] = useState<string | null>(null);
  const data = exported.data?.deDataExport;
  // The file exists only as an object URL in memory while the page shows it: nothing goes to browser storage.
  useEffect(() => {
    if (!data) return undefined;
    const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
    setDownload(url);
    return () => URL.revokeObjectURL(url);
  }, [data]);
  const sections = data
    ? Object.entries(data).map(([key, value]) => [
        key,
        Array.isArray(value) ? `${value.length} entries` : typeof value === 'object' && value ? 'record' : String(value),
      ])
    : [];
  return (
    <article className="panel" aria-labelledby="export-title" data-testid="privacy-export">
      <h2 id="export-title">1. Export my data</h2>
      <p>Everything region DE holds about the logged-in customer, as machine-readable JSON, invoice data kept under a retention duty included.</p>
      <button type="button" disabled={exported.loading} onClick={() => void load()}>
        Prepare export
      </button>
      {exported.loading ? <Loading what="the export" /> : null}
      <ProblemNotice problems={problemsOf(exported.error)} compact />
      {data ? (
        <div data-testid="export-result">
          <dl className="fields">
            {sections.map(([key, summary]) => (
              <div key={key}>
                <dt>{key}</dt>
                <dd>{summary}</dd>
              </div>
            ))}
          </dl>
          {download ? (
            <a href={download} download="de-data-export.json">
              Download de-data-export.json
            </a>
          ) : null}
        </div>
      ) : null}
    </article>
  );
}

function ErasureTask() {
  const session = useSession();
  const isCustomer = session?.principal.role === 'customer';
  const [customerRef, setCustomerRef] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [erase, erased] = useMutation(ErasureMutation, { fetchPolicy: 'no-cache' });
  const report = erased.data?.deErasureRequest.report;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void erase({ variables: isCustomer ? {} : { customerRef: customerRef.trim() } });
  };
  return (
    <article className="panel" aria-labelledby="erasure-title" data-testid="privacy-erasure">
      <h2 id="erasure-title">2. Erase personal data</h2>
      <form onSubmit={submit}>
        {isCustomer ? (
          <p>Your own data: the request erases it as far as German retention law allows.</p>
        ) : (
          <div className="field-row">
            <label htmlFor="erasure-customer">Customer reference</label>
            <input id="erasure-customer" value={customerRef} onChange={(event) => setCustomerRef(event.target.value)} autoComplete="off" required />
          </div>
        )}
        <label className="choice">
          <input type="checkbox" checked={confirmed} onChange={(event) => setConfirmed(event.target.checked)} />I understand that erasure cannot be undone
        </label>
        <button type="submit" disabled={!confirmed || erased.loading || (!isCustomer && !customerRef.trim())}>
          Erase personal data
        </button>
      </form>
      <UserErrors errors={erased.data?.deErasureRequest.userErrors} />
      <ProblemNotice problems={problemsOf(erased.error)} compact />
      {report ? (
        <ol className="stepper-report" data-testid="erasure-report">
          <li>Marketing consent records deleted: {report.consentEventsDeleted}</li>
          <li>Orders erased entirely: {report.erasedOrders}</li>
          <li>
            Orders restricted (invoice data kept for tax audits only, until its retention ends):{' '}
            <strong data-testid="restricted-orders">{report.restrictedOrders}</strong>
          </li>
          <li>Orders still being fulfilled, erased when they close: {report.deferredOrders}</li>
        </ol>
      ) : null}
    </article>
  );
}
