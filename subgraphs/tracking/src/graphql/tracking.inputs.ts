import { Field, Float, GraphQLISODateTime, ID, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, IsArray, IsDate, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Length, Min } from 'class-validator';
import { CUSTOMER_TIERS } from '../notices/domain/notice-tiering.js';
import { DISRUPTION_KINDS } from '../eta/domain/eta.model.js';
import { TASK_KINDS, TASK_STATES } from '../tasks/domain/task.rules.js';
import { CustomerTierEnum, DisruptionKindEnum, TaskKindEnum, TaskStateEnum } from './enums.js';

@InputType('TrackingEventSearchInput', { description: 'What to search; a time range is always required so only its partitions are read.' })
export class TrackingEventSearchInput {
  @IsOptional()
  @IsUUID()
  @Field(() => ID, { nullable: true, description: 'Events of this order.' })
  orderId?: string;
  @IsOptional()
  @IsString()
  @Length(1, 210)
  @Field(() => String, { nullable: true, description: 'Events of this tracking number.' })
  trackingNumber?: string;
  @IsOptional()
  @IsString()
  @Length(1, 210)
  @Field(() => String, { nullable: true, description: 'Events of this carrier (carriers always see only their own).' })
  carrierId?: string;
  @IsOptional()
  @IsString()
  @Length(1, 210)
  @Field(() => String, { nullable: true, description: 'Events at this node.' })
  nodeId?: string;
  @IsDate()
  @Field(() => GraphQLISODateTime, { description: 'From this event time (inclusive).' })
  from!: Date;
  @IsDate()
  @Field(() => GraphQLISODateTime, { description: 'Until this event time (exclusive); at most 31 days after from.' })
  to!: Date;
}

@InputType('TrackingTaskFilterInput', { description: 'Which tasks to list.' })
export class TrackingTaskFilterInput {
  @IsOptional()
  @IsString()
  @Length(1, 210)
  @Field(() => String, { nullable: true, description: 'Region code; region staff see only their regions anyway.' })
  region?: string;
  @IsOptional()
  @IsIn(TASK_STATES)
  @Field(() => TaskStateEnum, { nullable: true, description: 'Only tasks in this state.' })
  state?: string;
  @IsOptional()
  @IsIn(TASK_KINDS)
  @Field(() => TaskKindEnum, { nullable: true, description: 'Only tasks of this kind.' })
  kind?: string;
  @IsOptional()
  @IsString()
  @Length(1, 210)
  @Field(() => String, { nullable: true, description: 'Only tasks at this node.' })
  nodeId?: string;
}

@InputType('TrackingTaskAssignInput', { description: 'Give a task to a person.' })
export class TrackingTaskAssignInput {
  @IsUUID()
  @Field(() => ID, { description: 'The task.' })
  taskId!: string;
  @IsString()
  @Length(1, 210)
  @Field(() => String, { description: 'Staff id of the new assignee.' })
  assignee!: string;
  @IsOptional()
  @IsInt()
  @Min(1)
  @Field(() => Int, { nullable: true, description: 'Refuse if the task changed since this version.' })
  expectedVersion?: number;
  @IsOptional()
  @IsString()
  @Length(0, 500)
  @Field(() => String, { nullable: true, description: 'Why.' })
  note?: string;
}

@InputType('TrackingTaskActionInput', { description: 'Acknowledge or resolve a task.' })
export class TrackingTaskActionInput {
  @IsUUID()
  @Field(() => ID, { description: 'The task.' })
  taskId!: string;
  @IsOptional()
  @IsInt()
  @Min(1)
  @Field(() => Int, { nullable: true, description: 'Refuse if the task changed since this version.' })
  expectedVersion?: number;
  @IsOptional()
  @IsString()
  @Length(0, 500)
  @Field(() => String, { nullable: true, description: 'What was done.' })
  note?: string;
}

@InputType('ShipmentRegisterInput', { description: 'A parcel handed to a carrier; events for it may already have arrived (they are parked and join now).' })
export class ShipmentRegisterInput {
  @IsUUID()
  @Field(() => ID, { description: 'The order.' })
  orderId!: string;
  @IsString()
  @Length(1, 210)
  @Field(() => String, { description: 'Carrier id.' })
  carrierId!: string;
  @IsString()
  @Length(1, 210)
  @Field(() => String, { description: "The carrier's tracking number." })
  trackingNumber!: string;
  @IsOptional()
  @IsDate()
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'End of the promised delivery window.' })
  promisedBy?: Date;
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @Field(() => [String], { nullable: true, description: 'Planned node ids, origin first, at most 30.' })
  route?: string[];
}

@InputType('CustomerTierSetInput', { description: 'How much a customer hears about their parcels.' })
export class CustomerTierSetInput {
  @IsString()
  @Length(1, 210)
  @Field(() => String, { description: 'Pseudonymous customer reference.' })
  customerRef!: string;
  @IsIn(CUSTOMER_TIERS)
  @Field(() => CustomerTierEnum, { description: 'The tier.' })
  tier!: string;
}

@InputType('DisruptionReportInput', { description: 'A disruption from a weather, traffic or operations feed.' })
export class DisruptionReportInput {
  @IsString()
  @Length(1, 100)
  @Field(() => ID, { description: "The feed's id; reporting it again updates it." })
  id!: string;
  @IsIn(DISRUPTION_KINDS)
  @Field(() => DisruptionKindEnum, { description: 'What it is.' })
  kind!: string;
  @IsOptional()
  @IsString()
  @Length(1, 210)
  @Field(() => String, { nullable: true, description: 'Lane as `from>to` node ids.' })
  lane?: string;
  @IsOptional()
  @IsString()
  @Length(1, 210)
  @Field(() => String, { nullable: true, description: 'Node id.' })
  node?: string;
  @IsNumber()
  @Field(() => Float, { description: 'Transit multiplier, 1 to 10 (ignored for HUB_CLOSURE).' })
  factor!: number;
  @IsDate()
  @Field(() => GraphQLISODateTime, { description: 'From.' })
  startsAt!: Date;
  @IsDate()
  @Field(() => GraphQLISODateTime, { description: 'Until.' })
  endsAt!: Date;
}
