import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { GraphQLDateTime } from 'graphql-scalars';
import { ArgsType, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionArgs, connectionType } from '@hub/shared/graphql/connection';

export const CONSIGNMENT_STATUSES = ['HELD', 'RELEASED', 'CANCELLED'] as const;
export const ConsignmentStatus = Object.fromEntries(CONSIGNMENT_STATUSES.map((value) => [value, value])) as {
  [K in (typeof CONSIGNMENT_STATUSES)[number]]: K;
};
registerEnumType(ConsignmentStatus, {
  name: 'ConsignmentStatus',
  description: 'Whether a low-carbon consignment still waits at its node, has left as one, or was emptied before it left.',
  valuesConfig: {
    HELD: { description: "Waiting at its node for the customer's other consolidated orders, until `departsBy` at the latest." },
    RELEASED: { description: 'Left its node as one consignment (at its deadline, or as soon as it was full).' },
    CANCELLED: { description: 'Every member left before it departed (moved off a node that went down, cancelled or expired); nothing leaves in it.' },
  },
});

@ObjectType({
  description:
    "A customer's consolidated (low-carbon) orders to one address travelling together from one node. Member order ids are shown only to staff of the node's region.",
})
export class Consignment {
  @Field(() => ID, { description: 'Consignment id.' }) id!: string;
  @Field(() => ConsignmentStatus, { description: 'HELD, RELEASED or CANCELLED.' }) status!: string;
  @Field(() => String, { description: 'Node it leaves from.' }) nodeId!: string;
  @Field(() => GraphQLDateTime, { description: "Latest departure: the earliest member's deadline, so every member keeps its promised date." })
  departsBy!: Date;
  @Field(() => GraphQLDateTime, { nullable: true, description: 'When it left; null while held.' }) releasedAt!: Date | null;
  @Field(() => Int, { description: 'How many orders travel in it.' }) memberOrderCount!: number;
  @Field(() => [ID], {
    nullable: true,
    description: "The orders travelling in it; null unless the caller runs the node's region (operators, warehouse staff, admins, auditors).",
  })
  memberOrderIds!: string[] | null;
}

export const ConsignmentConnection = connectionType(Consignment, 'Consignment', 'A page of consignments, the soonest to leave first.');

@ArgsType()
export class ConsignmentsArgs extends ConnectionArgs {
  @Field(() => String, { nullable: true, description: 'Only consignments leaving from this node.' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  nodeId?: string | null;

  @Field(() => String, { nullable: true, description: "Only nodes of this region; default: the caller's regions." })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  region?: string | null;

  @Field(() => ConsignmentStatus, { nullable: true, description: 'Only consignments in this status (HELD, RELEASED or CANCELLED).' })
  @IsOptional()
  @IsIn(CONSIGNMENT_STATUSES)
  status?: string | null;
}
