import { useLazyQuery, useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useSession } from '../../app/session';
import { graphql } from '../../gql';
import type { DeRestrictionGround } from '../../gql/graphql';
import { formatTime, humanise } from '../../ui/format';
import { problemsOf } from '../../ui/problems';
import { Loading, ProblemNotice, UserErrors } from '../../ui/ProblemNotice';
import { SelectField } from '../../ui/SelectField';

export const RestrictionFields = graphql(`
  fragment ConsoleDeRestriction on DeProcessingRestriction {
    id
    ground
    legalBasis
    liftWhen
    note
    requestedAt
    requestedBy
    inForce
    liftedAt
    liftedBy
    liftReason
    subjectInformedAt
  }
`);

const RestrictionsQuery = graphql(`
  query ConsoleDeRestrictions($customerRef: String) {
    deProcessingRestrictions(customerRef: $customerRef) {
      customerRef
      inForce {
        ...ConsoleDeRestriction
      }
      history {
        ...ConsoleDeRestriction
      }
      whileRestricted {
        processing
        allowed
        exception
        why
      }
    }
  }
`);

const RequestMutation = graphql(`
  mutation ConsoleDeRestrictionRequest($input: DeRestrictionRequestInput!) {
    deRestrictionRequest(input: $input) {
      userErrors {
        code
        field
        message
      }
      restriction {
        ...ConsoleDeRestriction
      }
    }
  }
`);

const LiftMutation = graphql(`
  mutation ConsoleDeRestrictionLift($input: DeRestrictionLiftInput!) {
    deRestrictionLift(input: $input) {
      userErrors {
        code
        field
        message
      }
      restriction {
        ...ConsoleDeRestriction
      }
    }
  }
`);

/** The grounds of art. 18(1), in the order the article lists them. */
const GROUNDS: Array<[DeRestrictionGround, string]> = [
  ['ACCURACY_CONTESTED', '(a) The customer contests the accuracy of the data'],
  ['UNLAWFUL_PROCESSING', '(b) Unlawful processing, but the customer opposes erasure'],
  ['NEEDED_FOR_LEGAL_CLAIMS', '(c) No longer needed by us, but by the customer for legal claims'],
  ['OBJECTION_PENDING', '(d) An objection (art. 21(1)) is being verified'],
];

/**
 * Art. 18 as a task flow: find the customer's restrictions, request one on a ground, and (staff) lift it once the
 * customer was told. Each step shows the API's answer; a new idempotency key is drawn only after a request succeeded,
 * so a retried click never records a second restriction.
 */
export function RestrictionTask() {
  const session = useSession();
  const isCustomer = session?.principal.role === 'customer';
  const [customerRef, setCustomerRef] = useState('');
  const [ground, setGround] = useState<DeRestrictionGround>('ACCURACY_CONTESTED');
  const [note, setNote] = useState('');
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const [reason, setReason] = useState('');
  const [informed, setInformed] = useState(false);
  const [load, state] = useLazyQuery(RestrictionsQuery, { fetchPolicy: 'no-cache' });
  const [request, requested] = useMutation(RequestMutation, { fetchPolicy: 'no-cache' });
  const [lift, lifted] = useMutation(LiftMutation, { fetchPolicy: 'no-cache' });
  const variables = isCustomer ? {} : { customerRef: customerRef.trim() };
  const named = isCustomer || customerRef.trim() !== '';
  const restrictions = state.data?.deProcessingRestrictions;
  const inForce = restrictions?.inForce;

  const show = (event: FormEvent) => {
    event.preventDefault();
    void load({ variables });
  };
  const submitRequest = async (event: FormEvent) => {
    event.preventDefault();
    const answer = await request({ variables: { input: { ...variables, ground, idempotencyKey, ...(note.trim() ? { note: note.trim() } : {}) } } });
    if (answer.data?.deRestrictionRequest.restriction) {
      setIdempotencyKey(crypto.randomUUID());
      setNote('');
      void load({ variables });
    }
  };
  const submitLift = async (event: FormEvent) => {
    event.preventDefault();
    if (!inForce) return;
    const answer = await lift({ variables: { input: { restrictionId: inForce.id, reason: reason.trim(), subjectInformed: informed } } });
    if (answer.data?.deRestrictionLift.restriction) {
      setReason('');
      setInformed(false);
      void load({ variables });
    }
  };

  return (
    <article className="panel" aria-labelledby="restriction-title" data-testid="privacy-restriction">
      <h2 id="restriction-title">3. Restrict processing</h2>
      <p>
        Art. 18 GDPR: while a restriction is in force, region DE only stores the data; staff no longer see it and no parcel notices or advertising go out. The
        customer, bookkeeping and tax auditors still read it.
      </p>
      <form onSubmit={show}>
        {isCustomer ? null : (
          <div className="field-row">
            <label htmlFor="restriction-customer">Customer reference</label>
            <input id="restriction-customer" value={customerRef} onChange={(event) => setCustomerRef(event.target.value)} autoComplete="off" required />
          </div>
        )}
        <button type="submit" disabled={!named || state.loading}>
          Show restrictions
        </button>
      </form>
      {state.loading ? <Loading what="the restrictions" /> : null}
      <ProblemNotice problems={problemsOf(state.error)} compact />

      {restrictions ? (
        <div data-testid="restriction-state">
          <p>
            {inForce ? (
              <strong data-testid="restriction-in-force">
                Restricted since {formatTime(inForce.requestedAt)}: {humanise(inForce.ground)}
              </strong>
            ) : (
              <span data-testid="restriction-none">No restriction in force.</span>
            )}
          </p>
          {inForce ? <p className="hint">May be lifted when: {inForce.liftWhen}</p> : null}
          <table className="data" data-testid="restriction-effects">
            <caption>What a restriction allows in region DE</caption>
            <thead>
              <tr>
                <th scope="col">Processing</th>
                <th scope="col">While restricted</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {restrictions.whileRestricted.map((row) => (
                <tr key={row.processing}>
                  <th scope="row">{humanise(row.processing)}</th>
                  <td>{row.allowed ? `Allowed (${humanise(row.exception ?? '')})` : 'Stopped'}</td>
                  <td>{row.why}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>History</h3>
          {restrictions.history.length === 0 ? (
            <p>None requested.</p>
          ) : (
            <ol className="stepper-report" data-testid="restriction-history">
              {restrictions.history.map((entry) => (
                <li key={entry.id}>
                  {humanise(entry.ground)}, requested {formatTime(entry.requestedAt)} by {entry.requestedBy}
                  {entry.note ? ` (${entry.note})` : ''}:{' '}
                  {entry.inForce ? (
                    <strong>in force</strong>
                  ) : (
                    <span>
                      lifted {formatTime(entry.liftedAt)} by {entry.liftedBy}, customer informed {formatTime(entry.subjectInformedAt)}: {entry.liftReason}
                    </span>
                  )}
                </li>
              ))}
            </ol>
          )}
        </div>
      ) : null}

      {restrictions && !inForce ? (
        <form onSubmit={(event) => void submitRequest(event)} aria-labelledby="restriction-request-title">
          <h3 id="restriction-request-title">Request a restriction</h3>
          <SelectField<DeRestrictionGround>
            className="field-row"
            id="restriction-ground"
            label="Ground (art. 18(1))"
            value={ground}
            choices={GROUNDS}
            onChange={setGround}
          />
          <div className="field-row">
            <label htmlFor="restriction-note">Note (optional, no personal data)</label>
            <textarea id="restriction-note" value={note} maxLength={500} rows={2} onChange={(event) => setNote(event.target.value)} />
          </div>
          <button type="submit" disabled={requested.loading}>
            Request restriction
          </button>
          {requested.loading ? <Loading what="the request" /> : null}
        </form>
      ) : null}
      <UserErrors errors={requested.data?.deRestrictionRequest.userErrors} />
      <ProblemNotice problems={problemsOf(requested.error)} compact />

      {inForce && !isCustomer ? (
        <form onSubmit={(event) => void submitLift(event)} aria-labelledby="restriction-lift-title">
          <h3 id="restriction-lift-title">Lift the restriction</h3>
          <div className="field-row">
            <label htmlFor="restriction-reason">Reason for lifting</label>
            <textarea id="restriction-reason" value={reason} maxLength={500} rows={2} onChange={(event) => setReason(event.target.value)} required />
          </div>
          <label className="choice">
            <input type="checkbox" checked={informed} onChange={(event) => setInformed(event.target.checked)} />
            The customer was informed before lifting (art. 18(3))
          </label>
          <button type="submit" disabled={!informed || reason.trim().length === 0 || lifted.loading}>
            Lift restriction
          </button>
          {lifted.loading ? <Loading what="the lift" /> : null}
        </form>
      ) : null}
      <UserErrors errors={lifted.data?.deRestrictionLift.userErrors} />
      <ProblemNotice problems={problemsOf(lifted.error)} compact />
    </article>
  );
}
