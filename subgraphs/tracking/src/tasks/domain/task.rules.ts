import { DomainError } from '@hub/shared/errors';

export const TASK_KINDS = ['DELAY', 'DWELL'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];
export const TASK_STATES = ['OPEN', 'ASSIGNED', 'ACKNOWLEDGED', 'RESOLVED'] as const;
export type TaskState = (typeof TASK_STATES)[number];
export const TASK_ACTIONS = ['ASSIGN', 'ACKNOWLEDGE', 'RESOLVE', 'ESCALATE'] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

/**
 * A task is assigned (or re-assigned) until someone acknowledges it; acknowledging means a person owns it,
 * so only the assignee may do it; anyone on the node's staff may resolve; escalation is the system's move
 * when nobody acknowledged in time. A resolved task is closed for good (a new problem opens a new task).
 */
const ALLOWED: Readonly<Record<TaskState, readonly TaskAction[]>> = {
  OPEN: ['ASSIGN', 'RESOLVE', 'ESCALATE'],
  ASSIGNED: ['ASSIGN', 'ACKNOWLEDGE', 'RESOLVE', 'ESCALATE'],
  ACKNOWLEDGED: ['ASSIGN', 'RESOLVE'],
  RESOLVED: [],
};

export class TaskTransitionError extends DomainError {
  constructor(
    readonly reason: 'TASK_CLOSED' | 'NOT_ASSIGNEE' | 'INVALID_TASK_ACTION',
    message: string,
  ) {
    super('CONFLICT', message, { reason });
  }
}

export interface TaskFacts {
  state: TaskState;
  assignee: string | null;
  escalationLevel: number;
}

export function applyTaskAction(task: TaskFacts, action: TaskAction, actorId: string, assignee?: string): TaskFacts {
  if (task.state === 'RESOLVED') throw new TaskTransitionError('TASK_CLOSED', 'The task is already resolved');
  if (!ALLOWED[task.state].includes(action)) throw new TaskTransitionError('INVALID_TASK_ACTION', `A ${task.state} task cannot be ${action.toLowerCase()}d`);
  switch (action) {
    case 'ASSIGN':
      if (!assignee) throw new TaskTransitionError('INVALID_TASK_ACTION', 'Assigning needs an assignee');
      return { ...task, state: 'ASSIGNED', assignee };
    case 'ACKNOWLEDGE':
      if (task.assignee !== actorId) throw new TaskTransitionError('NOT_ASSIGNEE', 'Only the assignee may acknowledge a task');
      return { ...task, state: 'ACKNOWLEDGED' };
    case 'RESOLVE':
      return { ...task, state: 'RESOLVED' };
    case 'ESCALATE':
      return { ...task, escalationLevel: task.escalationLevel + 1 };
  }
}
