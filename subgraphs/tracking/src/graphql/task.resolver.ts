import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '@hub/shared/graphql/context';
import { assertFirst } from './connection.js';
import { AssignTrackingTaskInput, TrackingTaskActionInput, TrackingTaskFilterInput } from './tracking.inputs.js';
import { TrackingTaskActionView, TrackingTaskConnectionView, TrackingTaskPayload, TrackingTaskView } from './tracking.types.js';
import type { TaskService } from '../tasks/task.service.js';

const READERS = ['admin', 'auditor', 'operator', 'customer_service', 'warehouse'];
const ACTORS = ['admin', 'operator', 'customer_service', 'warehouse'];

export function createTaskResolvers(tasks: TaskService) {
  @Resolver(() => TrackingTaskView)
  class TrackingTaskResolver {
    @Authorized(...READERS)
    @Query(() => TrackingTaskConnectionView, { description: 'Delay warnings and dwell alerts waiting for people, newest first, in the caller\'s regions.' })
    trackingTasks(
      @Arg('filter', () => TrackingTaskFilterInput, { nullable: true, description: 'Which tasks.' }) filter: TrackingTaskFilterInput | null,
      @Arg('first', () => Int, { defaultValue: 20, description: 'Page size, 1 to 100.' }) first: number,
      @Arg('after', () => String, { nullable: true, description: 'Cursor of the last task of the previous page.' }) after: string | null,
      @Ctx() { principal }: RequestContext,
    ): Promise<TrackingTaskConnectionView> {
      assertFirst(first);
      return tasks.list(principal, filter ?? {}, first, after);
    }

    @FieldResolver(() => [TrackingTaskActionView], { description: 'Everything done to the task, oldest first: the audit trail.' })
    actions(@Root() task: TrackingTaskView): Promise<TrackingTaskActionView[]> {
      return tasks.actions(task.id);
    }

    @Authorized(...ACTORS)
    @Mutation(() => TrackingTaskPayload, { description: 'Give a task to a person (also re-assigns).' })
    assignTrackingTask(@Arg('input', () => AssignTrackingTaskInput) input: AssignTrackingTaskInput, @Ctx() { principal }: RequestContext): Promise<TrackingTaskPayload> {
      return tasks.act(principal, { ...input, action: 'ASSIGN' });
    }

    @Authorized(...ACTORS)
    @Mutation(() => TrackingTaskPayload, { description: 'The assignee takes the task on; stops its escalation.' })
    acknowledgeTrackingTask(@Arg('input', () => TrackingTaskActionInput) input: TrackingTaskActionInput, @Ctx() { principal }: RequestContext): Promise<TrackingTaskPayload> {
      return tasks.act(principal, { ...input, action: 'ACKNOWLEDGE' });
    }

    @Authorized(...ACTORS)
    @Mutation(() => TrackingTaskPayload, { description: 'Close a task.' })
    resolveTrackingTask(@Arg('input', () => TrackingTaskActionInput) input: TrackingTaskActionInput, @Ctx() { principal }: RequestContext): Promise<TrackingTaskPayload> {
      return tasks.act(principal, { ...input, action: 'RESOLVE' });
    }
  }
  return [TrackingTaskResolver] as const;
}
