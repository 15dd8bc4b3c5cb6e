import 'reflect-metadata';
import { GraphQLDateTime } from 'graphql-scalars';
import { IsInt, IsOptional, IsString, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ConnectionArgs, connectionType } from '@hub/shared/graphql/connection';
import { UserError } from '@hub/shared/graphql/user-error';

@ObjectType({ description: "One entry of a transfer's append-only timeline." })
export class TransferEvent {
  @Field(() => ID, { description: 'Entry id.' }) id!: string;
  @Field(() => GraphQLDateTime, { description: 'When it happened.' }) at!: Date;
  @Field(() => String, { description: 'CREATED (stock left the source) or RECEIVED (booked in at the destination).' }) kind!: string;
  @Field(() => String, { description: 'Who: `user:<id>` or `system:<service>`.' }) actor!: string;
  @Field(() => String, { nullable: true, description: "The receiver's note, if any." }) note!: string | null;
  @Field(() => Int, { nullable: true, description: 'RECEIVED: units booked in.' }) received!: number | null;
  @Field(() => Int, { nullable: true, description: 'RECEIVED: units that left the source but did not arrive.' }) shortfall!: number | null;
  @Field(() => String, { nullable: true, description: "RECEIVED: the receiving WMS's reference." }) reference!: string | null;
}

@ObjectType({ description: 'Stock on its way between nodes (e.g. from a central to a forward warehouse), and its receipt.' })
export class Transfer {
  @Field(() => ID, { description: 'Transfer id.' }) id!: string;
  @Field(() => String, { description: 'SKU.' }) sku!: string;
  @Field(() => String, { description: 'Source node.' }) fromNodeId!: string;
  @Field(() => String, { description: 'Destination node.' }) toNodeId!: string;
  @Field(() => Int, { description: 'Units that left the source.' }) quantity!: number;
  @Field(() => String, { description: 'IN_TRANSIT or RECEIVED.' }) state!: string;
  @Field(() => Int, { description: 'Changes with every write: pass it as `expectedVersion`.' }) version!: number;
  @Field(() => Int, { nullable: true, description: 'Units booked in at the destination; null until received.' }) receivedQuantity!: number | null;
  @Field(() => String, { nullable: true, description: "The receiving WMS's reference; null until received." }) receiptReference!: string | null;
  @Field(() => GraphQLDateTime, { description: 'When the stock left the source.' }) createdAt!: Date;
  @Field(() => GraphQLDateTime, { nullable: true, description: 'When it was booked in.' }) receivedAt!: Date | null;
}

export const TransferConnection = connectionType(Transfer, 'Transfer', 'A page of transfers, newest first.');

@ArgsType()
export class TransfersArgs extends ConnectionArgs {
  @IsOptional() @IsString() @MaxLength(64) @Field(() => String, { nullable: true, description: 'Only transfers to this node.' }) toNodeId?: string | null;
  @IsOptional() @IsString() @MaxLength(16) @Field(() => String, { nullable: true, description: 'Only IN_TRANSIT or only RECEIVED.' }) state?: string | null;
}

@InputType({ description: 'Goods of a transfer counted in at its destination.' })
export class TransferReceiveInput {
  @IsString() @MaxLength(64) @Field(() => ID, { description: 'The transfer.' }) transferId!: string;
  @IsOptional()
  @IsInt()
  @Field(() => Int, { nullable: true, description: 'Units counted in (0 to the units sent); all of them when left out. Fewer is a shortfall.' })
  receivedQuantity?: number | null;
  @IsString()
  @MaxLength(200)
  @Field(() => String, { description: "The receiving WMS's reference for this receipt: a retry with the same one changes nothing." })
  reference!: string;
  @IsOptional() @IsInt() @Field(() => Int, { nullable: true, description: 'The version read; a stale one is refused (CONFLICT).' }) expectedVersion?:
    number | null;
  @IsOptional() @IsString() @MaxLength(500) @Field(() => String, { nullable: true, description: 'Why, e.g. what was damaged (no personal data).' }) note?:
    string | null;
}

@ObjectType({ description: 'Result of transferReceive.' })
export class TransferReceivePayload {
  @Field(() => Transfer, { nullable: true, description: 'The transfer as it is now; null when refused.' }) transfer!: Transfer | null;
  @Field(() => Boolean, { description: 'False for a retry of a receipt already booked (nothing moved twice).' }) changed!: boolean;
  @Field(() => [UserError], { description: 'Refusals; nothing changed when not empty.' }) userErrors!: UserError[];
}
