import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionArgs } from '@hub/shared/graphql/connection';
import type { RequestContext } from '@hub/shared/graphql/context';
import { TrackingTaskAssignInput, TrackingTaskActionInput, TrackingTaskFilterInput } from './tracking.inputs.js';
import {
  TrackingTaskAcknowledgePayload,
  TrackingTaskActionView,
  TrackingTaskAssignPayload,
  TrackingTaskConnectionView,
  TrackingTaskResolvePayload,
  TrackingTaskView,
  type TrackingTaskPayload,
} from './tracking.types.js';
import type { TaskService } from '../tasks/task.service.js';

const READERS = ['admin', 'auditor', 'operator', 'customer_service', 'warehouse'];
const ACTORS = ['admin', 'operator', 'customer_service', 'warehouse'];

export function createTaskResolvers(tasks: TaskService) {
  @Resolver(() => TrackingTaskView)
  class TrackingTaskResolver {
    @Authorized(...READERS)
    @Query(() => TrackingTaskConnectionView, { description: "Delay warnings and dwell alerts waiting for people, newest first, in the caller's regions." })
    trackingTasks(
      @Arg('filter', () => TrackingTaskFilterInput, { nullable: true, description: 'Which tasks.' }) filter: TrackingTaskFilterInput | null,
      @Args(() => ConnectionArgs) args: ConnectionArgs,
      @Ctx() { principal }: RequestContext,
    ): Promise<TrackingTaskConnectionView> {
      return tasks.list(principal, filter ?? {}, args);
    }

    @FieldResolver(() => [TrackingTaskActionView], { description: 'Everything done to the task, oldest first: the audit trail.' })
    actions(@Root() task: TrackingTaskView): Promise<TrackingTaskActionView[]> {
      return tasks.actions(task.id);
    }

    @Authorized(...ACTORS)
    @Mutation(() => TrackingTaskAssignPayload, { description: 'Give a task to a person (also re-assigns).' })
    trackingTaskAssign(
      @Arg('input', () => TrackingTaskAssignInput, { description: 'The task and the person it goes to.' }) input: TrackingTaskAssignInput,
      @Ctx() { principal }: RequestContext,
    ): Promise<TrackingTaskPayload> {
      return tasks.act(principal, { ...input, action: 'ASSIGN' });
    }

    @Authorized(...ACTORS)
    @Mutation(() => TrackingTaskAcknowledgePayload, { description: 'The assignee takes the task on; stops its escalation.' })
    trackingTaskAcknowledge(
      @Arg('input', () => TrackingTaskActionInput, { description: 'The task to act on, with an optional note.' }) input: TrackingTaskActionInput,
      @Ctx() { principal }: RequestContext,
    ): Promise<TrackingTaskPayload> {
      return tasks.act(principal, { ...input, action: 'ACKNOWLEDGE' });
    }

    @Authorized(...ACTORS)
    @Mutation(() => TrackingTaskResolvePayload, { description: 'Close a task.' })
    trackingTaskResolve(
      @Arg('input', () => TrackingTaskActionInput, { description: 'The task to act on, with an optional note.' }) input: TrackingTaskActionInput,
      @Ctx() { principal }: RequestContext,
    ): Promise<TrackingTaskPayload> {
      return tasks.act(principal, { ...input, action: 'RESOLVE' });
    }
  }
  return [TrackingTaskResolver] as const;
}
