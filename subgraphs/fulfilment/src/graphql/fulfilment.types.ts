import 'reflect-metadata';
import { GraphQLDateTime } from 'graphql-scalars';
import { IsIn, IsInt, IsUUID, IsNumber, IsOptional, IsString, MaxLength } from 'class-validator';
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { UserError } from '@hub/shared/graphql/user-error';
import { DELIVERY_MODES, NODE_KINDS, NODE_STATUSES, SERVICE_LEVELS } from '../allocation/domain/allocation.types.js';
import { PackingRefusal, ShipmentCarbon, ShipmentParcel } from './green.types.js';
import { Transfer } from './transfer.types.js';

const enumOf = <T extends readonly string[]>(values: T) => Object.fromEntries(values.map((value) => [value, value])) as { [K in T[number]]: K };
export const NodeKind = enumOf(NODE_KINDS);
export const NodeStatus = enumOf(NODE_STATUSES);
export const ServiceLevel = enumOf(SERVICE_LEVELS);
export const DeliveryMode = enumOf(DELIVERY_MODES);
export const ShipmentState = enumOf(['ALLOCATED', 'PICKED', 'PACKED', 'OUTBOUND', 'CANCELLED', 'REALLOCATED', 'EXPIRED'] as const);
export const FulfilmentState = enumOf([
  'ALLOCATED',
  'PARTIALLY_ALLOCATED',
  'BACKORDERED',
  'REFUSED',
  'SHIPPED',
  'CANCELLED',
  'RETURNED',
  'RESERVATION_EXPIRED',
] as const);
const valuesConfig = (descriptions: Record<string, string>) =>
  Object.fromEntries(Object.entries(descriptions).map(([value, description]) => [value, { description }]));
registerEnumType(NodeKind, {
  name: 'FulfilmentNodeKind',
  description: 'CENTRAL warehouse, FORWARD warehouse (前置仓) near customers, or STORE.',
  valuesConfig: valuesConfig({
    CENTRAL: 'A central warehouse: full assortment, ships nationwide.',
    FORWARD: 'A forward warehouse (前置仓) close to customers: small assortment, fast delivery.',
    STORE: 'A shop that also ships; within 15 km it delivers by local courier.',
  } satisfies Record<keyof typeof NodeKind, string>),
});
registerEnumType(NodeStatus, {
  name: 'FulfilmentNodeStatus',
  description: 'UP ships normally; DEGRADED ships with a delay; DOWN ships nothing and its open orders are re-allocated.',
  valuesConfig: valuesConfig({
    UP: 'Working normally.',
    DEGRADED: 'Still ships, but its delivery estimates carry a delay.',
    DOWN: 'Ships nothing; its open orders that have not left it are re-allocated to other nodes.',
  } satisfies Record<keyof typeof NodeStatus, string>),
});
registerEnumType(ServiceLevel, {
  name: 'ServiceLevel',
  description: 'Delivery speed the customer chose; a faster carrier service may serve a slower level.',
  valuesConfig: valuesConfig({
    STANDARD: 'Standard delivery.',
    EXPRESS: 'Express delivery, faster than standard.',
    SAME_DAY: 'Delivered on the day it is ordered (by same-day courier).',
  } satisfies Record<keyof typeof ServiceLevel, string>),
});
registerEnumType(DeliveryMode, {
  name: 'DeliveryMode',
  description: 'How a shipment travels to the customer.',
  valuesConfig: valuesConfig({
    SAME_DAY_COURIER: 'A same-day courier; used for every SAME_DAY shipment that is not freight.',
    LOCAL_COURIER: 'A local courier from a store within 15 km of the customer.',
    EXPRESS_PARCEL: 'An express parcel service.',
    STANDARD_PARCEL: 'A standard parcel service.',
    FREIGHT: 'Freight, for shipments heavier than 31.5 kg.',
  } satisfies Record<keyof typeof DeliveryMode, string>),
});
registerEnumType(ShipmentState, {
  name: 'ShipmentState',
  description: 'ALLOCATED → PICKED → PACKED → OUTBOUND; CANCELLED with its order; REALLOCATED when moved off a failed node.',
  valuesConfig: valuesConfig({
    ALLOCATED: 'Stock is reserved at the node; not picked yet.',
    PICKED: 'The goods were picked from the shelves.',
    PACKED: 'The parcel is packed and labelled.',
    OUTBOUND: 'The parcel left the node; final for fulfilment.',
    CANCELLED: 'Cancelled with its order before it left the node; its stock was released.',
    REALLOCATED: 'Moved off its node (the node went DOWN); its stock was released and another shipment replaces it.',
    EXPIRED: "Withdrawn because the unpaid order's reservation ran out (the inventory-lock rule's minutes); its stock was released.",
  } satisfies Record<keyof typeof ShipmentState, string>),
});
registerEnumType(FulfilmentState, {
  name: 'FulfilmentState',
  description: 'Where fulfilment stands with an order as a whole.',
  valuesConfig: valuesConfig({
    ALLOCATED: 'Every line is allocated to shipments.',
    PARTIALLY_ALLOCATED: 'Some lines are allocated; the rest wait for stock (backordered).',
    BACKORDERED: 'No line could be allocated yet; the order waits for stock.',
    REFUSED: 'Not accepted: stock was short and the backorder policy refuses orders instead of backordering them.',
    SHIPPED: 'Every shipment left its node.',
    CANCELLED: 'The order was cancelled before shipping; its stock was released.',
    RETURNED: 'The goods came back (refused at the door, returned to sender or returned) and were restocked.',
    RESERVATION_EXPIRED: 'Not paid within the reservation the inventory-lock rule gave it: its stock was released; a later payment allocates it again.',
  } satisfies Record<keyof typeof FulfilmentState, string>),
});

@ObjectType({ description: 'A carrier service a node ships with.' })
export class CarrierLane {
  @Field(() => String, { description: 'Carrier name.' }) carrier!: string;
  @Field(() => ServiceLevel, { description: 'Service level of this lane.' }) serviceLevel!: string;
  @Field(() => Int, { description: 'Price per parcel, minor units.' }) baseCost!: number;
  @Field(() => Int, { description: 'Price per kilogram, minor units.' }) costPerKg!: number;
  @Field(() => Float, { description: 'Hours before distance counts.' }) baseTransitHours!: number;
  @Field(() => Float, { description: 'Average speed door to door.' }) kmPerHour!: number;
  @Field(() => Float, {
    description: 'Emission factor the carrier declares, g CO2e per tonne-km; informational: estimates and allocation use the versioned GLEC factor table.',
  })
  gramsCo2ePerTonneKm!: number;
}

@ObjectType({ description: 'A place stock is held and shipped from.' })
export class FulfilmentNode {
  @Field(() => ID, { description: 'Node code.' }) id!: string;
  @Field(() => String, { description: 'Display name.' }) name!: string;
  @Field(() => NodeKind, { description: 'Kind of node.' }) kind!: string;
  @Field(() => String, { description: 'Market (region code) the node belongs to.' }) region!: string;
  @Field(() => String, { description: 'Delivery zone the node serves first.' }) zone!: string;
  @Field(() => Float, { description: 'Latitude.' }) lat!: number;
  @Field(() => Float, { description: 'Longitude.' }) lon!: number;
  @Field(() => Int, { description: 'Units the node can pick and pack per day.' }) dailyCapacity!: number;
  @Field(() => Int, { description: 'Units already planned today.' }) usedToday!: number;
  @Field(() => [Int], { description: 'Carrier wave cut-offs, UTC minutes of the day.' }) cutoffMinutes!: number[];
  @Field(() => NodeStatus, { description: 'Current status.' }) status!: string;
  @Field(() => String, { nullable: true, description: 'Why the status was last changed.' }) statusReason!: string | null;
  @Field(() => GraphQLDateTime, { nullable: true, description: 'When the status was last changed.' }) statusChangedAt!: Date | null;
  @Field(() => Int, { description: 'Optimistic-lock version.' }) version!: number;
  @Field(() => [CarrierLane], { description: 'Carrier services this node ships with.' }) lanes!: CarrierLane[];
}

@ObjectType({ description: 'Stock of one SKU at one node.' })
export class StockLevel {
  @Field(() => ID, { description: 'sku@node.' }) id!: string;
  @Field(() => String, { description: 'SKU.' }) sku!: string;
  @Field(() => String, { description: 'Node id.' }) nodeId!: string;
  @Field(() => Int, { description: 'Units physically at the node.' }) onHand!: number;
  @Field(() => Int, { description: 'Units reserved for orders.' }) reserved!: number;
  @Field(() => Int, { description: 'On hand minus reserved.' }) available!: number;
  @Field(() => Int, { description: 'Units on the way (transfers).' }) inbound!: number;
}

@ObjectType({ description: 'Units of one order line in a shipment.' })
export class ShipmentLine {
  @Field(() => Int, { description: 'Order line number.' }) lineNo!: number;
  @Field(() => String, { description: 'SKU.' }) sku!: string;
  @Field(() => Int, { description: 'Units.' }) quantity!: number;
}

@ObjectType({ description: 'Allocation weights (cost, time, carbon, split penalty) as used.' })
export class AllocationWeightsUsed {
  @Field(() => Float, { description: 'Weight of a minor unit of shipping cost.' }) cost!: number;
  @Field(() => Float, { description: 'Weight of an hour of delivery time.' }) time!: number;
  @Field(() => Float, { description: 'Weight of a kilogram CO2e.' }) carbon!: number;
  @Field(() => Float, { description: 'Penalty per extra shipment.' }) splitPenalty!: number;
}

@ObjectType({ description: 'An order-rule version that decided allocation weights.' })
export class AllocationRuleVersion {
  @Field(() => String, { description: 'Rule set key.' }) ruleSet!: string;
  @Field(() => Int, { description: 'Version used.' }) version!: number;
  @Field(() => Int, { description: "Publication fulfilment's copy held." }) publication!: number;
}

@ObjectType({ description: 'The order rules a shipment was allocated with (issue 13: weights per channel as versioned rules).' })
export class ShipmentAllocationRules {
  @Field(() => AllocationWeightsUsed, { description: "The weights used: the channel's with the rules' on top." }) weights!: AllocationWeightsUsed;
  @Field(() => [AllocationRuleVersion], { description: 'Rule-set versions in force for the order.' }) versions!: AllocationRuleVersion[];
  @Field(() => [String], { description: 'Criteria a rule named that allocation ignored (unknown, or out of range).' }) ignoredCriteria!: string[];
  @Field(() => Boolean, { description: "Whether fulfilment's copy of the rules may have lacked a newer publication." }) rulesMayHaveBeenBehind!: boolean;
}

@ObjectType({ description: 'A parcel (or freight) leaving one node for one order.' })
export class Shipment {
  @Field(() => ID, { description: 'Shipment id.' }) id!: string;
  @Field(() => String, { description: 'Node it ships from.' }) nodeId!: string;
  @Field(() => String, { description: 'Carrier.' }) carrier!: string;
  @Field(() => ServiceLevel, { description: 'Carrier service level.' }) serviceLevel!: string;
  @Field(() => ShipmentState, { description: 'Progress.' }) state!: string;
  @Field(() => Int, { description: 'Pick priority, 1 first.' }) pickPriority!: number;
  @Field(() => Int, { description: 'Packing priority, 1 first.' }) packingPriority!: number;
  @Field(() => DeliveryMode, { description: 'Delivery mode.' }) deliveryMode!: string;
  @Field(() => Float, { description: 'Distance node to customer zone, km.' }) distanceKm!: number;
  @Field(() => Int, { description: "Estimated emissions, grams CO2e (the carbon breakdown's total)." }) co2eGrams!: number;
  @Field(() => ShipmentCarbon, {
    nullable: true,
    description: 'CO2e by ISO 14083 / GLEC with the factor version; null for shipments planned before carbon accounting.',
  })
  carbon!: ShipmentCarbon | null;
  @Field(() => [ShipmentParcel], { description: 'The boxes chosen (smallest that fit), with void fill.' }) packaging!: ShipmentParcel[];
  @Field(() => [PackingRefusal], { description: 'Lines with units no box can take.' }) packingRefusals!: PackingRefusal[];
  @Field(() => GraphQLDateTime, { nullable: true, description: 'When the warehouse picked it.' }) pickedAt!: Date | null;
  @Field(() => GraphQLDateTime, { nullable: true, description: 'When the warehouse packed it.' }) packedAt!: Date | null;
  @Field(() => GraphQLDateTime, { nullable: true, description: 'When it was handed to the carrier.' }) outboundAt!: Date | null;
  @Field(() => Int, { description: 'Optimistic-lock version.' }) version!: number;
  @Field(() => Int, { description: 'Estimated carrier cost, minor units.' }) shippingCost!: number;
  @Field(() => GraphQLDateTime, { description: 'Carrier pick-up the shipment is planned for.' }) departureAt!: Date;
  @Field(() => GraphQLDateTime, { description: 'Estimated delivery.' }) etaAt!: Date;
  @Field(() => ID, { nullable: true, description: 'The shipment this one replaced after a re-allocation.' }) replaces!: string | null;
  @Field(() => [ShipmentLine], { description: 'What is in it.' }) lines!: ShipmentLine[];
  @Field(() => ShipmentAllocationRules, {
    nullable: true,
    description: "The allocation-weight rules it was planned with; null: the channel's configured weights alone.",
  })
  allocationRules!: ShipmentAllocationRules | null;
  /** Not a field: the consignment it waits or left in, resolved by the consignment resolver. */
  consignmentId?: string | null;
}

@ObjectType({ description: "A step in fulfilment's handling of an order." })
export class FulfilmentTimelineEntry {
  @Field(() => ID, { description: 'Entry id.' }) id!: string;
  @Field(() => GraphQLDateTime, { description: 'When it happened.' }) at!: Date;
  @Field(() => String, { description: 'ALLOCATED, BACKORDERED, REALLOCATED, CANCELLED, RESTOCKED…' }) kind!: string;
  @Field(() => String, { description: 'Who acted: user, system or carrier, and id.' }) actor!: string;
  @Field(() => String, { nullable: true, description: 'Explanation.' }) note!: string | null;
}

@ObjectType({ description: "Fulfilment's view of an order." })
export class OrderFulfilment {
  @Field(() => ID, { description: 'The order id.' }) id!: string;
  @Field(() => FulfilmentState, { description: 'Overall state.' }) state!: string;
  @Field(() => ServiceLevel, { description: 'Service level promised.' }) serviceLevel!: string;
  @Field(() => Int, { description: 'Units waiting for stock.' }) backorderedUnits!: number;
  @Field(() => GraphQLDateTime, {
    nullable: true,
    description: "When the unpaid order's reservation runs out (the inventory-lock rule); null: kept until payment or cancellation.",
  })
  reservedUntil!: Date | null;
  @Field(() => [FulfilmentTimelineEntry], { description: 'What fulfilment did, oldest first.' }) timeline!: FulfilmentTimelineEntry[];
}

@ObjectType({ description: 'Progress of moving orders off a node that went down.' })
export class ReallocationJob {
  @Field(() => ID, { description: 'Job id.' }) id!: string;
  @Field(() => String, { description: 'The failed node.' }) nodeId!: string;
  @Field(() => String, { description: 'RUNNING or DONE.' }) state!: string;
  @Field(() => Int, { description: 'Orders with open shipments at the node when it went down.' }) affected!: number;
  @Field(() => Int, { description: 'Orders handled so far.' }) processed!: number;
  @Field(() => Int, { description: 'Orders fully re-allocated.' }) reallocated!: number;
  @Field(() => Int, { description: 'Orders left (partly) backordered.' }) backordered!: number;
}

@ObjectType({ description: 'A suggested stock move from a central to a forward warehouse.' })
export class TransferProposal {
  @Field(() => ID, { description: 'Proposal id.' }) id!: string;
  @Field(() => String, { description: 'SKU.' }) sku!: string;
  @Field(() => String, { description: 'Source node.' }) fromNodeId!: string;
  @Field(() => String, { description: 'Destination node.' }) toNodeId!: string;
  @Field(() => Int, { description: 'Units.' }) quantity!: number;
  @Field(() => Float, { description: 'Forecast demand over the cover period.' }) forecastUnits!: number;
  @Field(() => String, { description: 'Why.' }) reason!: string;
  @Field(() => String, { description: 'PROPOSED, APPROVED, REJECTED or SUPERSEDED.' }) state!: string;
}

@InputType({ description: "Change a node's status." })
export class NodeStatusChangeInput {
  @IsString() @MaxLength(64) @Field(() => ID, { description: 'Node id.' }) nodeId!: string;
  @IsIn(Object.values(NodeStatus)) @Field(() => NodeStatus, { description: 'New status.' }) status!: string;
  @IsString() @MaxLength(500) @Field(() => String, { description: "Why (shown on every affected order's timeline)." }) reason!: string;
  @IsOptional() @IsInt() @Field(() => Int, { nullable: true, description: 'Version read; a stale one is refused.' }) expectedVersion?: number;
}

@InputType({ description: 'Goods received at a node.' })
export class StockReceiveInput {
  @IsString() @MaxLength(64) @Field(() => String, { description: 'SKU.' }) sku!: string;
  @IsString() @MaxLength(64) @Field(() => ID, { description: 'Node id.' }) nodeId!: string;
  @IsInt() @Field(() => Int, { description: 'Units received (positive).' }) quantity!: number;
  @IsString() @MaxLength(500) @Field(() => String, { description: 'Receipt reference; repeating it is a no-op.' }) reference!: string;
}

@InputType({ description: 'A counted correction of on-hand stock.' })
export class StockAdjustInput {
  @IsString() @MaxLength(64) @Field(() => String, { description: 'SKU.' }) sku!: string;
  @IsString() @MaxLength(64) @Field(() => ID, { description: 'Node id.' }) nodeId!: string;
  @IsInt() @Field(() => Int, { description: 'Units to add (positive) or remove (negative).' }) delta!: number;
  @IsString() @MaxLength(500) @Field(() => String, { description: 'Why.' }) reason!: string;
  @IsString() @MaxLength(500) @Field(() => String, { description: 'Reference; repeating it is a no-op.' }) reference!: string;
}

@InputType({ description: 'Approve a transfer proposal, optionally with fewer units.' })
export class TransferProposalApproveInput {
  @IsUUID() @Field(() => ID, { description: 'Proposal id.' }) proposalId!: string;
  @IsOptional() @IsInt() @Field(() => Int, { nullable: true, description: 'Units to move instead of the proposed quantity.' }) quantity?: number;
}

@InputType({ description: 'Allocation weights for a sales channel (0 to 10,000 each).' })
export class AllocationWeightsSetInput {
  @IsString() @MaxLength(32) @Field(() => String, { description: 'Sales channel, or DEFAULT.' }) channel!: string;
  @IsNumber() @Field(() => Float, { description: 'Weight per minor unit of carrier cost.' }) cost!: number;
  @IsNumber() @Field(() => Float, { description: 'Weight per hour until delivery.' }) time!: number;
  @IsNumber() @Field(() => Float, { description: 'Weight per kg CO2e.' }) carbon!: number;
  @IsNumber() @Field(() => Float, { description: 'Penalty per shipment beyond the first.' }) splitPenalty!: number;
}

@ObjectType({ description: 'Result of nodeStatusChange.' })
export class NodeStatusChangePayload {
  @Field(() => FulfilmentNode, { nullable: true, description: 'The node as it is now.' }) node!: FulfilmentNode | null;
  @Field(() => ReallocationJob, { nullable: true, description: 'The re-allocation started when the node went down.' }) reallocationJob!: ReallocationJob | null;
  @Field(() => [UserError], { description: 'Refusals.' }) userErrors!: UserError[];
}

@ObjectType({ description: 'Result of stockReceive.' })
export class StockReceivePayload {
  @Field(() => StockLevel, { nullable: true, description: 'Stock after the receipt.' }) stockLevel!: StockLevel | null;
  @Field(() => [UserError], { description: 'Refusals; nothing changed when not empty.' }) userErrors!: UserError[];
}

@ObjectType({ description: 'Result of stockAdjust.' })
export class StockAdjustPayload {
  @Field(() => StockLevel, { nullable: true, description: 'Stock after the adjustment.' }) stockLevel!: StockLevel | null;
  @Field(() => [UserError], { description: 'Refusals; nothing changed when not empty.' }) userErrors!: UserError[];
}

@ObjectType({ description: 'Result of transferProposalApprove.' })
export class TransferProposalApprovePayload {
  @Field(() => Transfer, { nullable: true, description: 'The transfer started.' }) transfer!: Transfer | null;
  @Field(() => [UserError], { description: 'Refusals.' }) userErrors!: UserError[];
}

@ObjectType({ description: 'Result of transferProposalsRefresh.' })
export class TransferProposalsRefreshPayload {
  @Field(() => Int, { description: 'Zone × SKU series forecast.' }) seriesForecast!: number;
  @Field(() => [TransferProposal], { description: 'The open proposals.' }) proposals!: TransferProposal[];
  @Field(() => [UserError], { description: 'Refusals.' }) userErrors!: UserError[];
}

@ObjectType({ description: 'Result of allocationWeightsSet.' })
export class AllocationWeightsSetPayload {
  @Field(() => String, { nullable: true, description: 'The channel set.' }) channel!: string | null;
  @Field(() => [UserError], { description: 'Refusals.' }) userErrors!: UserError[];
}
