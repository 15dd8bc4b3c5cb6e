import { applyTaskAction, type TaskFacts } from './task.rules.js';

const open: TaskFacts = { state: 'OPEN', assignee: null, escalationLevel: 0 };
const assigned: TaskFacts = { state: 'ASSIGNED', assignee: 'w-1', escalationLevel: 0 };

describe('applyTaskAction', () => {
  it.each<[string, TaskFacts, Parameters<typeof applyTaskAction>[1], string, string | undefined, Partial<TaskFacts> | string]>([
    ['assign an open task', open, 'ASSIGN', 'lead-1', 'w-1', { state: 'ASSIGNED', assignee: 'w-1' }],
    ['assign without an assignee', open, 'ASSIGN', 'lead-1', undefined, 'INVALID_TASK_ACTION'],
    ['the assignee acknowledges', assigned, 'ACKNOWLEDGE', 'w-1', undefined, { state: 'ACKNOWLEDGED' }],
    ['someone else cannot acknowledge', assigned, 'ACKNOWLEDGE', 'w-2', undefined, 'NOT_ASSIGNEE'],
    ['an open task cannot be acknowledged', open, 'ACKNOWLEDGE', 'w-1', undefined, 'INVALID_TASK_ACTION'],
    ['resolve an open task', open, 'RESOLVE', 'w-1', undefined, { state: 'RESOLVED' }],
    ['escalate an unacknowledged task', assigned, 'ESCALATE', 'system', undefined, { state: 'ASSIGNED', escalationLevel: 1 }],
    ['an acknowledged task does not escalate', { ...assigned, state: 'ACKNOWLEDGED' }, 'ESCALATE', 'system', undefined, 'INVALID_TASK_ACTION'],
    ['a resolved task is closed', { ...assigned, state: 'RESOLVED' }, 'ASSIGN', 'lead-1', 'w-3', 'TASK_CLOSED'],
  ])('%s', (_name, task, action, actor, assignee, expected) => {
    if (typeof expected === 'string') expect(() => applyTaskAction(task, action, actor, assignee)).toThrow(expect.objectContaining({ reason: expected }));
    else expect(applyTaskAction(task, action, actor, assignee)).toMatchObject(expected);
  });
});
