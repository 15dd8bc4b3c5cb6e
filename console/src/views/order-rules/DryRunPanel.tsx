import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { graphql } from '../../gql';
import { formatTime } from '../../ui/format';
import { problemsOf } from '../../ui/problems';
import { ProblemNotice, UserErrors } from '../../ui/ProblemNotice';

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
          }
          after {
            refusalCodes
            discountTotal
            payableTotal
            holdLevels
            gifts
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
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">Order</th>
                  <th scope="col">Region</th>
                  <th scope="col">Placed</th>
                  <th scope="col">Changes</th>
                  <th scope="col">Discount before → after</th>
                  <th scope="col">Refusals before → after</th>
                </tr>
              </thead>
              <tbody>
                {dryRun.changes.map((change) => (
                  <tr key={change.orderNumber}>
                    <td>{change.orderNumber}</td>
                    <td>{change.region.toUpperCase()}</td>
                    <td>{formatTime(change.placedAt)}</td>
                    <td>{change.aspects.join(', ')}</td>
                    <td>
                      {change.before.discountTotal} → {change.after.discountTotal}
                    </td>
                    <td>
                      {change.before.refusalCodes.join(', ') || '—'} → {change.after.refusalCodes.join(', ') || '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
