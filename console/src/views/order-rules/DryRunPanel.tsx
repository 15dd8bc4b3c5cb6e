import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { graphql } from '../../gql';
import type { ConsoleRuleDryRunMutation } from '../../gql/graphql';
import { formatTime, humanise } from '../../ui/format';
import { problemsOf } from '../../ui/problems';
import { ProblemNotice, UserErrors } from '../../ui/ProblemNotice';
import { outcomeDiff } from './outcome-diff';

type Change = NonNullable<ConsoleRuleDryRunMutation['ruleVersionDryRun']['dryRun']>['changes'][number];
type Payment = Change['after']['payment'];

const DryRunMutation = graphql(`
  mutation ConsoleRuleDryRun($input: DryRunRuleVersionInput!) {
    ruleVersionDryRun(input: $input) {
      userErrors {
        code
        field
        message
      }
      dryRun {
        versionId
        days
        ordersEvaluated
        ordersChanged
        refusedBefore
        refusedAfter
        factsMissingFromHistory
        changes {
          orderNumber
          region
          channel
          placedAt
          aspects
          before {
            refusalCodes
            discountTotal
            payableTotal
            holdLevels
            gifts
            holdMinutes
            shortagePolicy
            invoiceTemplate
            notices
            noticesSuppressed
            noticesUrgent
            allocationWeights {
              criterion
              weight
            }
            payment {
              deposit
              expansion
              finalDue
              finalOpensAt
              finalClosesAt
              remindBeforeMinutes
              pointValue
              maxPoints
              pointsToEarn
            }
          }
          after {
            refusalCodes
            discountTotal
            payableTotal
            holdLevels
            gifts
            holdMinutes
            shortagePolicy
            invoiceTemplate
            notices
            noticesSuppressed
            noticesUrgent
            allocationWeights {
              criterion
              weight
            }
            payment {
              deposit
              expansion
              finalDue
              finalOpensAt
              finalClosesAt
              remindBeforeMinutes
              pointValue
              maxPoints
              pointsToEarn
            }
          }
        }
      }
    }
  }
`);

/** Replays a version against the last days of real orders; writes nothing. */
export function DryRunPanel({ versionId }: { versionId: string }) {
  const [days, setDays] = useState(30);
  const [run, result] = useMutation(DryRunMutation);
  const dryRun = result.data?.ruleVersionDryRun.dryRun;
  return (
    <div className="dry-run">
      <div className="task-actions">
        <label htmlFor={`${versionId}-days`}>Days</label>
        <input id={`${versionId}-days`} type="number" min={1} max={90} value={days} onChange={(event) => setDays(Number(event.target.value))} size={4} />
        <button type="button" disabled={result.loading} onClick={() => void run({ variables: { input: { versionId, days } } })}>
          Dry-run
        </button>
      </div>
      <UserErrors errors={result.data?.ruleVersionDryRun.userErrors} />
      <ProblemNotice problems={problemsOf(result.error)} compact />
      {dryRun ? (
        <div data-testid="dry-run-result">
          <p>
            <strong>{dryRun.ordersChanged}</strong> of {dryRun.ordersEvaluated} orders in the last {dryRun.days} days would change · refused before{' '}
            {dryRun.refusedBefore}, after {dryRun.refusedAfter}
          </p>
          {dryRun.factsMissingFromHistory.length ? (
            <p className="meta">Not in the history (evaluated as empty): {dryRun.factsMissingFromHistory.join(', ')}</p>
          ) : null}
          {dryRun.changes.length ? (
            <div className="table-wrap">
              <table className="data" data-testid="dry-run-changes">
                <caption className="sr-only">Orders whose outcome would change</caption>
                <thead>
                  <tr>
                    <th scope="col">Order</th>
                    <th scope="col">Region</th>
                    <th scope="col">Placed</th>
                    <th scope="col">Changes</th>
                    <th scope="col">Outcome before → after</th>
                    <th scope="col">Payment with the draft</th>
                  </tr>
                </thead>
                <tbody>
                  {dryRun.changes.map((change) => (
                    <tr key={change.orderNumber} data-testid="dry-run-change">
                      <td>{change.orderNumber}</td>
                      <td>{change.region.toUpperCase()}</td>
                      <td>{formatTime(change.placedAt)}</td>
                      <td>{change.aspects.map(humanise).join(', ')}</td>
                      <td>
                        <OutcomeDiff change={change} />
                      </td>
                      <td>
                        <PaymentPreview payment={change.after.payment} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

/** Every outcome field the draft changes for one order, before → after. */
function OutcomeDiff({ change }: { change: Change }) {
  const fields = outcomeDiff(change.before, change.after);
  if (fields.length === 0) return <span className="meta">Same outcome</span>;
  return (
    <ul className="plain outcome-diff" data-testid="outcome-diff">
      {fields.map((field) => (
        <li key={field.field}>
          <span className="meta">{field.field}</span>: <del>{field.before}</del> → <ins>{field.after}</ins>
        </li>
      ))}
    </ul>
  );
}

/** How a presale and points would pay the order under the draft: deposit, its expansion, final payment and points. */
function PaymentPreview({ payment }: { payment: Payment }) {
  if (!payment) return <span className="meta">Paid in full, no points</span>;
  return (
    <dl className="fields compact" data-testid="payment-preview">
      <div>
        <dt>Deposit</dt>
        <dd>
          {payment.deposit}
          {payment.expansion ? ` (counts as ${payment.deposit + payment.expansion})` : ''}
        </dd>
      </div>
      <div>
        <dt>Final due</dt>
        <dd>
          {payment.finalDue}
          {payment.finalOpensAt ? ` · ${formatTime(payment.finalOpensAt)} – ${formatTime(payment.finalClosesAt)}` : ''}
        </dd>
      </div>
      {payment.remindBeforeMinutes.length ? (
        <div>
          <dt>Reminders</dt>
          <dd>{payment.remindBeforeMinutes.map((minutes) => `${minutes} min`).join(', ')} before closing</dd>
        </div>
      ) : null}
      <div>
        <dt>Points</dt>
        <dd>
          earns {payment.pointsToEarn}
          {payment.pointValue ? ` · up to ${payment.maxPoints} may pay, ${payment.pointValue} each` : ' · cannot pay'}
        </dd>
      </div>
    </dl>
  );
}
