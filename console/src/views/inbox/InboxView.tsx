import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { href } from '../../app/router';
import { useSession } from '../../app/session';
import { graphql } from '../../gql';
import type { ConsoleTasksQuery, TrackingTaskKind, TrackingTaskState } from '../../gql/graphql';
import { formatTime, humanise } from '../../ui/format';
import { problemsOf } from '../../ui/problems';
import { Loading, ProblemNotice, UserErrors } from '../../ui/ProblemNotice';
import { enumChoices, SelectField, type Choice } from '../../ui/SelectField';

const TasksQuery = graphql(`
  query ConsoleTasks($filter: TrackingTaskFilterInput) {
    trackingTasks(first: 50, filter: $filter) {
      nodes {
        id
        kind
        state
        shipmentId
        orderId
        region
        nodeId
        assignee
        escalationLevel
        dueAt
        openedAt
        resolvedAt
        alternatives
        details
        version
        actions {
          id
          action
          actorId
          assignee
          note
          at
        }
      }
    }
  }
`);
const AssignMutation = graphql(`
  mutation ConsoleTaskAssign($input: TrackingTaskAssignInput!) {
    trackingTaskAssign(input: $input) {
      task {
        id
        state
        assignee
        version
        actions {
          id
          action
          actorId
          assignee
          note
          at
        }
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);
const AcknowledgeMutation = graphql(`
  mutation ConsoleTaskAcknowledge($input: TrackingTaskActionInput!) {
    trackingTaskAcknowledge(input: $input) {
      task {
        id
        state
        assignee
        version
        actions {
          id
          action
          actorId
          assignee
          note
          at
        }
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);
const ResolveMutation = graphql(`
  mutation ConsoleTaskResolve($input: TrackingTaskActionInput!) {
    trackingTaskResolve(input: $input) {
      task {
        id
        state
        resolvedAt
        version
        actions {
          id
          action
          actorId
          assignee
          note
          at
        }
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);

const KINDS: readonly Choice[] = [
  ['', 'All'],
  ['DWELL', 'Dwell time'],
  ['DELAY', 'Delay warning'],
];
const STATES: readonly Choice[] = [['', 'All'], ...enumChoices(['OPEN', 'ASSIGNED', 'ACKNOWLEDGED', 'RESOLVED'] satisfies TrackingTaskState[])];

/** Dwell-time alerts and delay warnings waiting for people, with the steps a person takes on each. */
export default function InboxView() {
  const [state, setState] = useState<TrackingTaskState | ''>('');
  const [kind, setKind] = useState<TrackingTaskKind | ''>('');
  const { data, loading, error, refetch } = useQuery(TasksQuery, {
    variables: { filter: { ...(state ? { state } : {}), ...(kind ? { kind } : {}) } },
    pollInterval: 15_000,
  });
  const tasks = data?.trackingTasks.nodes ?? [];
  return (
    <section aria-labelledby="inbox-title">
      <h1 id="inbox-title">Inbox</h1>
      <form className="filters" aria-label="Filter tasks" onSubmit={(event) => event.preventDefault()}>
        <SelectField<TrackingTaskKind | ''> id="task-kind" label="Kind" value={kind} choices={KINDS} onChange={setKind} />
        <SelectField<TrackingTaskState | ''> id="task-state" label="State" value={state} choices={STATES} onChange={setState} />
        <button type="button" onClick={() => void refetch()}>
          Refresh
        </button>
      </form>
      {loading && !data ? <Loading what="tasks" /> : null}
      <ProblemNotice problems={problemsOf(error)} />
      {data && tasks.length === 0 ? <p className="empty">No tasks: every parcel is moving on time.</p> : null}
      <ul className="tasks" data-testid="tasks">
        {tasks.map((task) => (
          <TaskCard key={task.id} task={task} />
        ))}
      </ul>
    </section>
  );
}

type Task = ConsoleTasksQuery['trackingTasks']['nodes'][number];

function TaskCard({ task }: { task: Task }) {
  const session = useSession();
  const [assignee, setAssignee] = useState(task.assignee ?? session?.principal.subject ?? '');
  const [note, setNote] = useState('');
  const [assign, assigned] = useMutation(AssignMutation);
  const [acknowledge, acknowledged] = useMutation(AcknowledgeMutation);
  const [resolve, resolved] = useMutation(ResolveMutation);
  const busy = assigned.loading || acknowledged.loading || resolved.loading;
  const input = { taskId: task.id, expectedVersion: task.version, ...(note.trim() ? { note: note.trim() } : {}) };
  const onAssign = (event: FormEvent) => {
    event.preventDefault();
    void assign({ variables: { input: { ...input, assignee: assignee.trim() } } });
  };
  const userErrors = [
    ...(assigned.data?.trackingTaskAssign.userErrors ?? []),
    ...(acknowledged.data?.trackingTaskAcknowledge.userErrors ?? []),
    ...(resolved.data?.trackingTaskResolve.userErrors ?? []),
  ];
  const open = task.state !== 'RESOLVED';
  const titleId = `task-${task.id}-title`;

  return (
    <li className="card task" aria-labelledby={titleId} data-testid="task" data-state={task.state}>
      <h2 id={titleId}>
        {task.kind === 'DWELL' ? 'Dwell time' : 'Delay warning'} ·{' '}
        <span className={`state state-${task.state.toLowerCase()}`} data-testid="task-state">
          {humanise(task.state)}
        </span>
      </h2>
      <p className="meta">
        {task.region.toUpperCase()}
        {task.nodeId ? ` · at ${task.nodeId}` : ''} · opened {formatTime(task.openedAt)} · due {formatTime(task.dueAt)}
        {task.escalationLevel ? ` · escalation ${task.escalationLevel}` : ''}
        {task.assignee ? ` · assigned to ${task.assignee}` : ''}
      </p>
      <p>
        <a href={href(`/orders/${task.orderId}`)}>Order</a> · <a href={href(`/journey/${task.orderId}`)}>Journey</a>
        {task.alternatives.length ? ` · options: ${task.alternatives.map(humanise).join(', ')}` : ''}
      </p>
      {open ? (
        <form className="task-actions" onSubmit={onAssign} aria-label="Work on this task">
          <label htmlFor={`${task.id}-assignee`}>Assignee</label>
          <input id={`${task.id}-assignee`} value={assignee} onChange={(event) => setAssignee(event.target.value)} size={14} autoComplete="off" />
          <label htmlFor={`${task.id}-note`}>Note</label>
          <input id={`${task.id}-note`} value={note} onChange={(event) => setNote(event.target.value)} size={18} autoComplete="off" />
          <button type="submit" disabled={busy || !assignee.trim()}>
            Assign
          </button>
          <button type="button" disabled={busy} onClick={() => void acknowledge({ variables: { input } })}>
            Acknowledge
          </button>
          <button type="button" disabled={busy} onClick={() => void resolve({ variables: { input } })}>
            Resolve
          </button>
        </form>
      ) : (
        <p>Resolved {formatTime(task.resolvedAt)}.</p>
      )}
      <UserErrors errors={userErrors} />
      <ProblemNotice problems={[...problemsOf(assigned.error), ...problemsOf(acknowledged.error), ...problemsOf(resolved.error)]} compact />
      {task.actions.length ? (
        <details>
          <summary>History ({task.actions.length})</summary>
          <ol className="timeline">
            {task.actions.map((action) => (
              <li key={action.id}>
                <strong>{humanise(action.action)}</strong>{' '}
                <span className="meta">
                  {formatTime(action.at)} · {action.actorId}
                  {action.assignee ? ` → ${action.assignee}` : ''}
                </span>
                {action.note ? <p>{action.note}</p> : null}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </li>
  );
}
