import 'reflect-metadata';
import { GraphQLDateTime } from 'graphql-scalars';
import { IsDate, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { UserError } from '@hub/shared/graphql/user-error';
import { PACKING_REFUSALS } from '../packing/domain/packing.types.js';
import { WAREHOUSE_STEPS } from '../shipments/domain/shipment-progress.rules.js';

const enumOf = <T extends readonly string[]>(values: T) => Object.fromEntries(values.map((value) => [value, value])) as { [K in T[number]]: K };
export const PackingRefusalCode = enumOf(PACKING_REFUSALS);
export const WarehouseStep = enumOf(WAREHOUSE_STEPS);
registerEnumType(PackingRefusalCode, {
  name: 'PackingRefusalCode',
  description: 'Why units of a line could not be boxed.',
  valuesConfig: {
    ITEM_LARGER_THAN_EVERY_BOX: { description: 'A unit is larger than every box in the catalogue: it ships unboxed or the line is split off by an operator.' },
    ITEM_HEAVIER_THAN_EVERY_BOX: { description: 'A unit is heavier than every box may carry.' },
  },
});
registerEnumType(WarehouseStep, {
  name: 'WarehouseStep',
  description: "A warehouse step on a shipment, reported to core as the order's status once every live shipment of the order reached it.",
  valuesConfig: {
    PICKED: { description: 'The goods were picked from the shelves.' },
    PACKED: { description: 'The parcel is packed and labelled.' },
    OUTBOUND: { description: 'The parcel was handed to the carrier and left the node.' },
  },
});

@ObjectType({ description: 'CO2e of one shipment by ISO 14083 / GLEC: transport well-to-wheel and tank-to-wheel, hub operations, packaging.' })
export class ShipmentCarbon {
  @Field(() => ID, { description: 'Shipment id.' }) shipmentId!: string;
  @Field(() => Int, { description: 'Transport, tank-to-wheel (combustion only), grams CO2e.' }) ttwGrams!: number;
  @Field(() => Int, { description: 'Transport, well-to-wheel (fuel production and combustion), grams CO2e.' }) wtwGrams!: number;
  @Field(() => Int, { description: 'Warehouse and sorting-hub operations, grams CO2e.' }) operationsGrams!: number;
  @Field(() => Int, { description: 'Box material, grams CO2e.' }) packagingGrams!: number;
  @Field(() => Int, { description: 'Well-to-wheel transport + operations + packaging, grams CO2e.' }) totalGrams!: number;
  @Field(() => String, { description: 'Version of the emission factor table used.' }) factorVersion!: string;
}

@ObjectType({ description: "An order's CO2e: its live shipments (not cancelled or moved) and their sum, with the label in the region's wording." })
export class OrderCarbon {
  @Field(() => Int, { description: 'Sum over the shipments, grams CO2e.' }) totalGrams!: number;
  @Field(() => Int, { description: 'Sum of tank-to-wheel transport, grams CO2e.' }) ttwGrams!: number;
  @Field(() => Int, { description: 'Sum of well-to-wheel transport, grams CO2e.' }) wtwGrams!: number;
  @Field(() => Int, { description: 'Sum of hub operations, grams CO2e.' }) operationsGrams!: number;
  @Field(() => Int, { description: 'Sum of packaging, grams CO2e.' }) packagingGrams!: number;
  @Field(() => [String], { description: 'Emission factor table version(s) the shipments were computed with.' }) factorVersions!: string[];
  @Field(() => String, { description: 'The total in the order region\'s units and wording (e.g. "ca. 1,2 kg CO₂e").' }) label!: string;
  @Field(() => [ShipmentCarbon], { description: 'Per shipment.' }) shipments!: ShipmentCarbon[];
}

@ObjectType({ description: 'One box of a shipment.' })
export class ShipmentParcel {
  @Field(() => String, { description: 'Box type code from the box catalogue.' }) boxCode!: string;
  @Field(() => Int, { description: 'Units in the box.' }) units!: number;
  @Field(() => [Int], { description: 'Order line numbers in the box.' }) lineNos!: number[];
  @Field(() => Int, { description: 'Volume of the units, cm³.' }) itemsVolumeCm3!: number;
  @Field(() => Int, { description: 'Empty volume to fill (paper, air cushions), cm³.' }) voidFillCm3!: number;
  @Field(() => Int, { description: 'Board mass of the box, grams.' }) materialGrams!: number;
}

@ObjectType({ description: 'Units of a line no box could take.' })
export class PackingRefusal {
  @Field(() => PackingRefusalCode, { description: 'Why.' }) code!: string;
  @Field(() => Int, { description: 'Order line number.' }) lineNo!: number;
  @Field(() => String, { description: 'SKU.' }) sku!: string;
  @Field(() => Int, { description: 'Units refused.' }) units!: number;
}

@ObjectType({ description: 'How a region shows CO2e figures.' })
export class CarbonLabelFormatView {
  @Field(() => String, { description: 'Region code.' }) region!: string;
  @Field(() => String, { description: 'BCP 47 locale for digits and separators.' }) locale!: string;
  @Field(() => String, { description: 'Wording with a {value} placeholder.' }) template!: string;
  @Field(() => String, { description: 'g or kg.' }) unit!: string;
  @Field(() => Int, { description: 'Decimals shown at most.' }) maximumFractionDigits!: number;
  @Field(() => String, { description: 'A sample: 1,234 g rendered with this format.' }) sample!: string;
}

@InputType({ description: "Set a region's CO2e label format; takes effect on the next read, no release needed." })
export class CarbonLabelFormatSetInput {
  @IsString() @MaxLength(16) @Field(() => String, { description: 'Region code.' }) region!: string;
  @IsString() @MaxLength(35) @Field(() => String, { description: 'BCP 47 locale, e.g. de-DE, zh-CN, en-SG.' }) locale!: string;
  @IsString() @MaxLength(200) @Field(() => String, { description: 'Wording with a {value} placeholder.' }) template!: string;
  @IsIn(['g', 'kg']) @Field(() => String, { description: 'g or kg.' }) unit!: string;
  @IsInt() @Min(0) @Max(3) @Field(() => Int, { description: 'Decimals shown at most (0–3).' }) maximumFractionDigits!: number;
}

@ObjectType({ description: 'Result of carbonLabelFormatSet.' })
export class CarbonLabelFormatSetPayload {
  @Field(() => CarbonLabelFormatView, { nullable: true, description: 'The format now in force.' }) format!: CarbonLabelFormatView | null;
  @Field(() => [UserError], { description: 'Refusals; nothing changed when not empty.' }) userErrors!: UserError[];
}

@InputType({ description: 'A warehouse step on a shipment, as the worker scanned it.' })
export class ShipmentStepRecordInput {
  @IsUUID() @Field(() => ID, { description: 'Shipment id.' }) shipmentId!: string;
  @IsIn(WAREHOUSE_STEPS) @Field(() => WarehouseStep, { description: 'The step done.' }) step!: string;
  @IsOptional() @IsDate() @Field(() => GraphQLDateTime, { nullable: true, description: 'When it happened; now when left out.' }) occurredAt?: Date | null;
  @IsOptional() @IsInt() @Field(() => Int, { nullable: true, description: 'Shipment version read; a stale one is refused.' }) expectedVersion?: number | null;
}

@ObjectType({ description: 'Result of shipmentStepRecord.' })
export class ShipmentStepRecordPayload {
  @Field(() => ID, { nullable: true, description: 'The shipment.' }) shipmentId!: string | null;
  @Field(() => Boolean, { description: 'False when the step was already recorded (a repeated scan).' }) changed!: boolean;
  @Field(() => Boolean, { description: 'True when the order as a whole reached the step and the status was queued for core.' }) reportedToCore!: boolean;
  @Field(() => [UserError], { description: 'Refusals; nothing changed when not empty.' }) userErrors!: UserError[];
}

@ObjectType({ description: 'One figure of the emission factor table with where it comes from.' })
export class CarbonFactorEntry {
  @Field(() => String, { description: 'What it applies to: a transport mode (ROAD_LCV…), a hub kind (WAREHOUSE…) or PACKAGING.' }) subject!: string;
  @Field(() => String, { description: 'The figure with its unit, e.g. "WTW 88 / TTW 73 g CO2e per t·km; distance ×1.05 +0 km".' }) value!: string;
  @Field(() => String, { description: 'Source of the figure.' }) source!: string;
  @Field(() => String, { description: 'SECONDARY (read in a source quoting GLEC) or UNVERIFIED (placeholder not checked against a publication).' })
  status!: string;
}

@ObjectType({ description: 'The emission factor table version carbon figures are computed with (ISO 14083 / GLEC).' })
export class CarbonFactorTableView {
  @Field(() => String, { description: 'Version recorded on each shipment.' }) version!: string;
  @Field(() => String, { description: 'Publication date (ISO).' }) publishedOn!: string;
  @Field(() => String, { description: 'Calculation method.' }) method!: string;
  @Field(() => [CarbonFactorEntry], { description: 'Every figure with its source.' }) entries!: CarbonFactorEntry[];
}
