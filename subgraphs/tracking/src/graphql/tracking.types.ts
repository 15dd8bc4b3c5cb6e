import { Directive, Field, Float, GraphQLISODateTime, ID, Int, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import type { JourneyDisclosure } from '../journey/domain/journey-disclosure.js';
import { CustomerTierEnum, DelayAlternativeEnum, FreshnessLayerEnum, NodeTypeEnum, TaskKindEnum, TaskStateEnum, TrackingEventKindEnum, TrackingUserErrorCodeEnum } from './enums.js';

@Directive('@shareable')
@ObjectType('PageInfo', { description: 'Where a page of a connection ends.' })
export class PageInfoView {
  @Field(() => Boolean, { description: 'Whether another page follows.' }) hasNextPage!: boolean;
  @Field(() => String, { nullable: true, description: 'Cursor to pass as `after` for the next page.' }) endCursor!: string | null;
}

@ObjectType('TrackingUserError', { description: 'Why a tracking mutation was refused; the caller can correct and retry.' })
export class TrackingUserErrorView {
  @Field(() => TrackingUserErrorCodeEnum, { description: 'Stable code to branch on.' }) code!: keyof typeof TrackingUserErrorCodeEnum;
  @Field(() => [String], { nullable: true, description: 'Path of the offending input field.' }) field!: string[] | null;
  @Field(() => String, { description: 'For people; never quotes submitted values.' }) message!: string;
}

@ObjectType('TrackingEvent', { description: 'One step of a parcel\'s journey as a carrier or warehouse reported it.' })
export class TrackingEventView {
  @Field(() => ID, { description: 'Carrier id and the carrier\'s event id.' }) id!: string;
  @Field(() => String, { description: 'The carrier\'s own id of the event.' }) eventId!: string;
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

@ObjectType('TrackingEventEdge', { description: 'An event with its cursor.' })
export class TrackingEventEdgeView {
  @Field(() => String, { description: 'Opaque position of this event.' }) cursor!: string;
  @Field(() => TrackingEventView, { description: 'The event.' }) node!: TrackingEventView;
}

@ObjectType('TrackingEventConnection', { description: 'A page of tracking events.' })
export class TrackingEventConnectionView {
  @Field(() => [TrackingEventEdgeView], { description: 'Events with cursors.' }) edges!: TrackingEventEdgeView[];
  @Field(() => [TrackingEventView], { description: 'Events of this page.' }) nodes!: TrackingEventView[];
  @Field(() => PageInfoView, { description: 'Paging state.' }) pageInfo!: PageInfoView;
}

@ObjectType('Shipment', { description: 'A parcel of an order with one carrier, as tracking follows it.' })
export class ShipmentView {
  @Field(() => ID, { description: 'Tracking\'s id of the shipment.' }) id!: string;
  @Field(() => ID, { description: 'The order it belongs to.' }) orderId!: string;
  @Field(() => String, { description: 'Carrier id.' }) carrierId!: string;
  @Field(() => String, { description: 'The carrier\'s tracking number.' }) trackingNumber!: string;
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

@ObjectType('OrderTracking', { description: 'An order\'s shipments and their journey.' })
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
  @Field(() => GraphQLJSONObject, { description: 'Facts behind the task: ETA, promise, lead, causes; or idle time and threshold.' }) details!: Record<string, unknown>;
  @Field(() => Int, { description: 'Optimistic-locking version.' }) version!: number;
}

@ObjectType('TrackingTaskEdge', { description: 'A task with its cursor.' })
export class TrackingTaskEdgeView {
  @Field(() => String, { description: 'Opaque position.' }) cursor!: string;
  @Field(() => TrackingTaskView, { description: 'The task.' }) node!: TrackingTaskView;
}

@ObjectType('TrackingTaskConnection', { description: 'A page of tasks, newest first.' })
export class TrackingTaskConnectionView {
  @Field(() => [TrackingTaskEdgeView], { description: 'Tasks with cursors.' }) edges!: TrackingTaskEdgeView[];
  @Field(() => [TrackingTaskView], { description: 'Tasks of this page.' }) nodes!: TrackingTaskView[];
  @Field(() => PageInfoView, { description: 'Paging state.' }) pageInfo!: PageInfoView;
}

@ObjectType('TrackingTaskPayload', { description: 'Result of a task action.' })
export class TrackingTaskPayload {
  @Field(() => TrackingTaskView, { nullable: true, description: 'The task after the action.' }) task!: TrackingTaskView | null;
  @Field(() => [TrackingUserErrorView], { description: 'Why it was refused.' }) userErrors!: TrackingUserErrorView[];
}

@ObjectType('RegisterShipmentPayload', { description: 'Result of registering a shipment.' })
export class RegisterShipmentPayload {
  @Field(() => ShipmentView, { nullable: true, description: 'The shipment.' }) shipment!: ShipmentView | null;
  @Field(() => Int, { description: 'Parked events that joined its journey.' }) matchedParkedEvents!: number;
  @Field(() => [TrackingUserErrorView], { description: 'Why it was refused.' }) userErrors!: TrackingUserErrorView[];
}

@ObjectType('SetCustomerTierPayload', { description: 'Result of setting a customer\'s notice tier.' })
export class SetCustomerTierPayload {
  @Field(() => CustomerTierEnum, { nullable: true, description: 'The tier now in force.' }) tier!: string | null;
  @Field(() => [TrackingUserErrorView], { description: 'Why it was refused.' }) userErrors!: TrackingUserErrorView[];
}

@ObjectType('ReportDisruptionPayload', { description: 'Result of reporting a disruption.' })
export class ReportDisruptionPayload {
  @Field(() => ID, { nullable: true, description: 'The disruption id.' }) disruptionId!: string | null;
  @Field(() => Int, { description: 'Shipments queued for an ETA re-check.' }) shipmentsToRecheck!: number;
  @Field(() => [TrackingUserErrorView], { description: 'Why it was refused.' }) userErrors!: TrackingUserErrorView[];
}

@ObjectType('BatchProgressCell', { description: 'How many of a B2B customer\'s orders are in one status, in one region, in one hour.' })
export class BatchProgressCellView {
  @Field(() => String, { description: 'Region code.' }) region!: string;
  @Field(() => String, { description: 'Order status reached.' }) status!: string;
  @Field(() => GraphQLISODateTime, { description: 'Start of the hour (UTC) the status was reached in.' }) hour!: Date;
  @Field(() => Int, { description: 'Number of orders.' }) orders!: number;
}
