import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { connectionType, type Connection } from '@hub/shared/graphql/connection';
import { MutationPayload, type UserError } from '@hub/shared/graphql/user-error';
import type { JourneyDisclosure } from '../journey/domain/journey-disclosure.js';
import { CustomerTierEnum, DelayAlternativeEnum, FreshnessLayerEnum, NodeTypeEnum, TaskKindEnum, TaskStateEnum, TrackingEventKindEnum } from './enums.js';

@ObjectType('TrackingEvent', { description: "One step of a parcel's journey as a carrier or warehouse reported it." })
export class TrackingEventView {
  @Field(() => ID, { description: "Carrier id and the carrier's event id." }) id!: string;
  @Field(() => String, { description: "The carrier's own id of the event." }) eventId!: string;
  @Field(() => String, { description: 'Carrier that reported it.' }) carrierId!: string;
  @Field(() => ID, { description: 'Shipment the event belongs to.' }) shipmentId!: string;
  @Field(() => TrackingEventKindEnum, { description: 'What happened.' }) kind!: string;
  @Field(() => GraphQLISODateTime, { description: 'When it happened (carrier clock).' }) occurredAt!: Date;
  @Field(() => GraphQLISODateTime, { description: 'When tracking stored it.' }) recordedAt!: Date;
  @Field(() => String, { nullable: true, description: 'Node id, when at a node.' }) nodeId!: string | null;
  @Field(() => NodeTypeEnum, { nullable: true, description: 'Kind of node.' }) nodeType!: string | null;
  @Field(() => Float, { nullable: true, description: 'WGS 84 latitude; shown to staff and VIP customers.' }) latitude!: number | null;
  @Field(() => Float, { nullable: true, description: 'WGS 84 longitude; shown to staff and VIP customers.' }) longitude!: number | null;
  @Field(() => String, { nullable: true, description: 'Courier or worker staff id (pseudonymous); staff only.' }) actorId!: string | null;
}

export const TrackingEventConnectionView = connectionType(TrackingEventView, 'TrackingEvent', 'A page of tracking events.');
export type TrackingEventConnectionView = Connection<TrackingEventView>;

@ObjectType('TrackedShipment', {
  description: "A parcel of an order with one carrier, as tracking follows it (joins fulfilment's Shipment by carrier and tracking number).",
})
export class ShipmentView {
  @Field(() => ID, { description: "Tracking's id of the shipment." }) id!: string;
  @Field(() => ID, { description: 'The order it belongs to.' }) orderId!: string;
  @Field(() => String, { description: 'Carrier id.' }) carrierId!: string;
  @Field(() => String, { description: "The carrier's tracking number." }) trackingNumber!: string;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'End of the promised delivery window.' }) promisedBy!: Date | null;
  @Field(() => [String], { description: 'Planned node ids, origin first.' }) route!: string[];
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Predicted arrival (lane history × disruptions).' }) eta!: Date | null;
  @Field(() => Boolean, { description: 'Predicted to miss the promised window.' }) late!: boolean;
  @Field(() => TrackingEventKindEnum, { nullable: true, description: 'Latest step by event time.' }) lastKind!: string | null;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Time of the latest step.' }) lastEventAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'Node of the latest step with a node.' }) lastNodeId!: string | null;
  @Field(() => Boolean, { description: 'Signed for or refused.' }) delivered!: boolean;
  @Field(() => [FreshnessLayerEnum], { description: 'Update layers older than their cadence allows.' }) staleLayers!: string[];
  /** Internal: what the viewer may see of its events. */
  viewer!: JourneyDisclosure;
}

@ObjectType('OrderTracking', { description: "An order's shipments and their journey." })
export class OrderTrackingView {
  @Field(() => ID, { description: 'The order id.' }) id!: string;
  @Field(() => [ShipmentView], { description: 'Parcels of the order.' }) shipments!: ShipmentView[];
  /** Internal: what the viewer may see of each step. */
  viewer!: JourneyDisclosure;
}

@ObjectType('TrackingTaskAction', { description: 'One audited step of a task.' })
export class TrackingTaskActionView {
  @Field(() => ID, { description: 'Action id.' }) id!: string;
  @Field(() => String, { description: 'OPEN, ASSIGN, ACKNOWLEDGE, RESOLVE or ESCALATE.' }) action!: string;
  @Field(() => String, { description: 'user or system.' }) actorType!: string;
  @Field(() => String, { description: 'Who acted.' }) actorId!: string;
  @Field(() => String, { nullable: true, description: 'New assignee, for ASSIGN.' }) assignee!: string | null;
  @Field(() => String, { nullable: true, description: 'Free note.' }) note!: string | null;
  @Field(() => GraphQLISODateTime, { description: 'When.' }) at!: Date;
}

@ObjectType('TrackingTask', { description: 'A delay warning or dwell alert that needs a person.' })
export class TrackingTaskView {
  @Field(() => ID, { description: 'Task id.' }) id!: string;
  @Field(() => TaskKindEnum, { description: 'Why it was opened.' }) kind!: string;
  @Field(() => TaskStateEnum, { description: 'Handling state.' }) state!: string;
  @Field(() => ID, { description: 'Shipment concerned.' }) shipmentId!: string;
  @Field(() => ID, { description: 'Order concerned.' }) orderId!: string;
  @Field(() => String, { description: 'Region of the order.' }) region!: string;
  @Field(() => String, { nullable: true, description: 'Node whose staff should act.' }) nodeId!: string | null;
  @Field(() => String, { nullable: true, description: 'Who owns it.' }) assignee!: string | null;
  @Field(() => Int, { description: '0 at the node; 1 node lead; 2 regional operations.' }) escalationLevel!: number;
  @Field(() => GraphQLISODateTime, { description: 'Acknowledge before this or it escalates.' }) dueAt!: Date;
  @Field(() => GraphQLISODateTime, { description: 'When it was opened.' }) openedAt!: Date;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When it was resolved.' }) resolvedAt!: Date | null;
  @Field(() => [DelayAlternativeEnum], { description: 'Proposed actions (delay tasks).' }) alternatives!: string[];
  @Field(() => GraphQLJSONObject, { description: 'Facts behind the task: ETA, promise, lead, causes; or idle time and threshold.' }) details!: Record<
    string,
    unknown
  >;
  @Field(() => Int, { description: 'Optimistic-locking version.' }) version!: number;
}

export const TrackingTaskConnectionView = connectionType(TrackingTaskView, 'TrackingTask', 'A page of tasks, newest first.');
export type TrackingTaskConnectionView = Connection<TrackingTaskView>;

function taskPayload(name: string, description: string) {
  @ObjectType(name, { description })
  class TaskPayload extends MutationPayload {
    @Field(() => TrackingTaskView, { nullable: true, description: 'The task after the action; null when refused.' }) task!: TrackingTaskView | null;
  }
  return TaskPayload;
}
export const TrackingTaskAssignPayload = taskPayload('TrackingTaskAssignPayload', 'Result of assigning a task.');
export const TrackingTaskAcknowledgePayload = taskPayload('TrackingTaskAcknowledgePayload', 'Result of acknowledging a task.');
export const TrackingTaskResolvePayload = taskPayload('TrackingTaskResolvePayload', 'Result of resolving a task.');
export interface TrackingTaskPayload {
  task: TrackingTaskView | null;
  userErrors: UserError[];
}

@ObjectType('ShipmentRegisterPayload', { description: 'Result of registering a shipment.' })
export class ShipmentRegisterPayload extends MutationPayload {
  @Field(() => ShipmentView, { nullable: true, description: 'The shipment.' }) shipment!: ShipmentView | null;
  @Field(() => Int, { description: 'Parked events that joined its journey.' }) matchedParkedEvents!: number;
}

@ObjectType('CustomerTierSetPayload', { description: "Result of setting a customer's notice tier." })
export class CustomerTierSetPayload extends MutationPayload {
  @Field(() => CustomerTierEnum, { nullable: true, description: 'The tier now in force.' }) tier!: string | null;
}

@ObjectType('DisruptionReportPayload', { description: 'Result of reporting a disruption.' })
export class DisruptionReportPayload extends MutationPayload {
  @Field(() => ID, { nullable: true, description: 'The disruption id.' }) disruptionId!: string | null;
  @Field(() => Int, { description: 'Shipments queued for an ETA re-check.' }) shipmentsToRecheck!: number;
}

@ObjectType('BatchProgressCell', { description: "How many of a B2B customer's orders are in one status, in one region, in one hour." })
export class BatchProgressCellView {
  @Field(() => String, { description: 'Region code.' }) region!: string;
  @Field(() => String, { description: 'Order status reached.' }) status!: string;
  @Field(() => GraphQLISODateTime, { description: 'Start of the hour (UTC) the status was reached in.' }) hour!: Date;
  @Field(() => Int, { description: 'Number of orders.' }) orders!: number;
}
