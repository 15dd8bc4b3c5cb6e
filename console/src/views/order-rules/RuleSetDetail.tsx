import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { graphql } from '../../gql';
import type { ConsoleRuleSetVersionsQuery, ConsoleRuleSubmitMutation } from '../../gql/graphql';
import { formatTime, humanise } from '../../ui/format';
import { problemsOf } from '../../ui/problems';
import { Loading, ProblemNotice, UserErrors } from '../../ui/ProblemNotice';
import { DraftEditor } from './DraftEditor';
import { DryRunPanel } from './DryRunPanel';
import { VersionDiff } from './VersionDiff';

const VersionsQuery = graphql(`
  query ConsoleRuleSetVersions($key: String!) {
    ruleSet(key: $key) {
      id
      key
      name
      module
      publication
    }
    ruleSetVersions(first: 20, ruleSetKey: $key) {
      nodes {
        id
        number
        status
        author
        note
        basedOn
        effectiveFrom
        effectiveTo
        requiredApprovals
        revision
        createdAt
        approvals {
          approver
          at
        }
        rules {
          key
          description
          condition
          value
          code
          target
          message
          priority
        }
      }
    }
  }
`);
const SubmitMutation = graphql(`
  mutation ConsoleRuleSubmit($input: RuleVersionStepInput!) {
    ruleVersionSubmit(input: $input) {
      userErrors {
        code
        field
        message
      }
      problems {
        code
        field
        message
        position {
          line
          column
        }
      }
      version {
        id
        status
        revision
        approvals {
          approver
          at
        }
        effectiveFrom
        effectiveTo
      }
    }
  }
`);
const ApproveMutation = graphql(`
  mutation ConsoleRuleApprove($input: RuleVersionStepInput!) {
    ruleVersionApprove(input: $input) {
      userErrors {
        code
        field
        message
      }
      problems {
        code
        field
        message
        position {
          line
          column
        }
      }
      version {
        id
        status
        revision
        approvals {
          approver
          at
        }
        effectiveFrom
        effectiveTo
      }
    }
  }
`);
const RejectMutation = graphql(`
  mutation ConsoleRuleReject($input: RejectRuleVersionInput!) {
    ruleVersionReject(input: $input) {
      userErrors {
        code
        field
        message
      }
      problems {
        code
        field
        message
        position {
          line
          column
        }
      }
      version {
        id
        status
        revision
        approvals {
          approver
          at
        }
        effectiveFrom
        effectiveTo
      }
    }
  }
`);
const ActivateMutation = graphql(`
  mutation ConsoleRuleActivate($input: ActivateRuleVersionInput!) {
    ruleVersionActivate(input: $input) {
      userErrors {
        code
        field
        message
      }
      problems {
        code
        field
        message
        position {
          line
          column
        }
      }
      version {
        id
        status
        revision
        approvals {
          approver
          at
        }
        effectiveFrom
        effectiveTo
      }
    }
  }
`);
const RollbackMutation = graphql(`
  mutation ConsoleRuleRollback($input: RollbackRuleSetInput!) {
    ruleSetRollback(input: $input) {
      userErrors {
        code
        field
        message
      }
      problems {
        code
        field
        message
        position {
          line
          column
        }
      }
      version {
        id
        status
        revision
        approvals {
          approver
          at
        }
        effectiveFrom
        effectiveTo
      }
    }
  }
`);

export type RuleVersion = ConsoleRuleSetVersionsQuery['ruleSetVersions']['nodes'][number];
type StepPayload = Pick<ConsoleRuleSubmitMutation['ruleVersionSubmit'], 'userErrors' | 'problems'>;

/** One rule set: its versions newest first, the review step each allows, a diff, a new draft and a dry-run. */
export function RuleSetDetail({ ruleSetKey }: { ruleSetKey: string }) {
  const { data, loading, error } = useQuery(VersionsQuery, { variables: { key: ruleSetKey } });
  const versions = [...(data?.ruleSetVersions.nodes ?? [])].sort((a, b) => b.number - a.number);
  if (loading && !data) return <Loading what="versions" />;
  const set = data?.ruleSet;
  return (
    <section className="card" aria-labelledby="rule-set-title" data-testid="rule-set-detail">
      <h2 id="rule-set-title">{set ? `${set.name} (${set.key}) · ${humanise(set.module)}` : ruleSetKey}</h2>
      <ProblemNotice problems={problemsOf(error)} />
      {data && !set ? <p className="empty">There is no rule set with this key.</p> : null}
      {set ? (
        <>
          <ol className="versions" data-testid="versions">
            {versions.map((version) => (
              <VersionCard key={version.id} version={version} ruleSetKey={set.key} />
            ))}
          </ol>
          {versions.length >= 2 ? <VersionDiff versions={versions} /> : null}
          <DraftEditor key={set.key} ruleSetKey={set.key} module={set.module} latest={versions[0]} />
        </>
      ) : null}
    </section>
  );
}

function VersionCard({ version, ruleSetKey }: { version: RuleVersion; ruleSetKey: string }) {
  const refetch = { refetchQueries: ['ConsoleRuleSetVersions', 'ConsoleRuleSetPublished', 'ConsoleRuleModules'] };
  const [submit, submitted] = useMutation(SubmitMutation, refetch);
  const [approve, approved] = useMutation(ApproveMutation, refetch);
  const [reject, rejected] = useMutation(RejectMutation, refetch);
  const [activate, activated] = useMutation(ActivateMutation, refetch);
  const [rollback, rolledBack] = useMutation(RollbackMutation, refetch);
  const [supersede, setSupersede] = useState(true);
  const [reason, setReason] = useState('');
  const step = { versionId: version.id, expectedRevision: version.revision };
  const payloads: (StepPayload | undefined)[] = [
    submitted.data?.ruleVersionSubmit,
    approved.data?.ruleVersionApprove,
    rejected.data?.ruleVersionReject,
    activated.data?.ruleVersionActivate,
    rolledBack.data?.ruleSetRollback,
  ];
  const busy = submitted.loading || approved.loading || rejected.loading || activated.loading || rolledBack.loading;
  const published = ['ACTIVE', 'SCHEDULED', 'RETIRED', 'APPROVED'].includes(version.status);
  return (
    <li className="version" data-testid="rule-version" data-status={version.status} data-number={version.number}>
      <h3>
        Version {version.number} ·{' '}
        <span className={`state state-${version.status.toLowerCase()}`} data-testid="version-status">
          {humanise(version.status)}
        </span>
      </h3>
      <p className="meta">
        by {version.author} · {formatTime(version.createdAt)} · in force {formatTime(version.effectiveFrom)} –{' '}
        {version.effectiveTo ? formatTime(version.effectiveTo) : 'open'}
        {version.basedOn ? ` · based on v${version.basedOn}` : ''} · approvals {version.approvals.length}/{version.requiredApprovals}
        {version.approvals.length ? ` (${version.approvals.map((approval) => approval.approver).join(', ')})` : ''}
      </p>
      {version.note ? <p>{version.note}</p> : null}
      <details>
        <summary>
          {version.rules.length} rule{version.rules.length === 1 ? '' : 's'}
        </summary>
        <ul className="rules">
          {version.rules.map((rule) => (
            <li key={rule.key}>
              <strong>{rule.key}</strong> {rule.description ? `— ${rule.description}` : ''}
              <pre className="cel">{rule.condition}</pre>
              {rule.value ? (
                <p className="meta">
                  value: <code>{rule.value}</code>
                </p>
              ) : null}
              {rule.code ? (
                <p className="meta">
                  refuses with {rule.code}: {rule.message}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      </details>
      <div className="task-actions">
        {version.status === 'DRAFT' ? (
          <button type="button" disabled={busy} onClick={() => void submit({ variables: { input: step } })}>
            Submit for review
          </button>
        ) : null}
        {version.status === 'IN_REVIEW' ? (
          <>
            <button type="button" disabled={busy} onClick={() => void approve({ variables: { input: step } })}>
              Approve
            </button>
            <label htmlFor={`${version.id}-reason`}>Reason</label>
            <input id={`${version.id}-reason`} value={reason} onChange={(event) => setReason(event.target.value)} size={18} autoComplete="off" />
            <button type="button" disabled={busy || !reason.trim()} onClick={() => void reject({ variables: { input: { ...step, reason: reason.trim() } } })}>
              Reject
            </button>
          </>
        ) : null}
        {version.status === 'APPROVED' ? (
          <>
            <label className="inline">
              <input type="checkbox" checked={supersede} onChange={(event) => setSupersede(event.target.checked)} /> supersede what is in force
            </label>
            <button type="button" disabled={busy} onClick={() => void activate({ variables: { input: { ...step, supersede } } })}>
              Activate
            </button>
          </>
        ) : null}
        {published && version.status !== 'APPROVED' ? (
          <button type="button" disabled={busy} onClick={() => void rollback({ variables: { input: { ruleSetKey, toVersion: version.number } } })}>
            Roll back to this version
          </button>
        ) : null}
      </div>
      {payloads.map((payload, index) => (
        <div key={index}>
          <UserErrors errors={payload?.userErrors} />
          {payload?.problems.length ? (
            <ul className="problems">
              {payload.problems.map((problem, i) => (
                <li key={i}>
                  {problem.field.join('.')}
                  {problem.position ? ` (line ${problem.position.line}, column ${problem.position.column})` : ''}: {problem.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ))}
      <ProblemNotice problems={[submitted, approved, rejected, activated, rolledBack].flatMap((result) => problemsOf(result.error))} compact />
      <DryRunPanel versionId={version.id} />
    </li>
  );
}
