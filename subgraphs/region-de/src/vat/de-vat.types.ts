import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { MinorUnits } from '@hub/shared/graphql/scalars';
import { VAT_SCHEMES, type VatScheme } from '../rules/vat-scheme.rules.js';

export const DeVatSchemeEnum = Object.fromEntries(VAT_SCHEMES.map((s) => [s, s])) as { [S in VatScheme]: S };
registerEnumType(DeVatSchemeEnum, {
  name: 'DeVatScheme',
  description:
    'DOMESTIC: German VAT; DISTANCE_SALE_DE_VAT: sale to an EU consumer below the EUR 10,000 threshold, German VAT; ' +
    'OSS: destination VAT declared through the One-Stop-Shop; IOSS: import up to EUR 150, destination VAT at sale; ' +
    'IMPORT: import VAT and duty paid at import; REVERSE_CHARGE: intra-community supply to a business, exempt.',
  valuesConfig: {
    DOMESTIC: { description: 'Delivered in Germany: German VAT.' },
    DISTANCE_SALE_DE_VAT: { description: 'To an EU consumer while EU distance sales stay below EUR 10,000 a year: German VAT.' },
    OSS: { description: 'To an EU consumer above the threshold: destination VAT, declared through the One-Stop-Shop.' },
    IOSS: { description: 'Imported goods up to EUR 150: destination VAT charged at sale (Import One-Stop-Shop).' },
    IMPORT: { description: 'Imported goods above EUR 150: import VAT and duty paid at import.' },
    REVERSE_CHARGE: { description: 'Intra-community supply to a business with a VAT ID: exempt, the buyer accounts for VAT.' },
  },
});

@ObjectType({ description: 'The VAT of one order line.' })
export class DeVatLine {
  @Field(() => Int, { description: 'The order line (1-based).' }) lineNo!: number;
  @Field(() => MinorUnits, { description: 'Net amount of the line.' }) net!: number;
  @Field(() => MinorUnits, { description: 'VAT of the line.' }) vat!: number;
}

@ObjectType({ description: 'The VAT determination made when the order was taken in.' })
export class DeVat {
  @Field(() => DeVatSchemeEnum, { description: 'The VAT scheme that applies.' }) scheme!: VatScheme;
  @Field(() => String, { description: 'Country the goods are delivered to.' }) destination!: string;
  @Field(() => String, { nullable: true, description: 'Country whose VAT is charged; null when none is charged at sale.' }) taxCountry!: string | null;
  @Field(() => Float, { description: 'Standard rate applied, in percent (19, 25.5, 0).' }) rate!: number;
  @Field(() => String, { nullable: true, description: 'First day of the rate period applied (YYYY-MM-DD).' }) rateValidFrom!: string | null;
  @Field(() => String, { description: 'Order date in Germany (YYYY-MM-DD), the date the rate was taken for.' }) orderDate!: string;
  @Field(() => [DeVatLine], { description: 'VAT line by line.' }) lines!: DeVatLine[];
  @Field(() => MinorUnits, { description: 'Net total of the order.' }) netTotal!: number;
  @Field(() => MinorUnits, { description: 'VAT total of the order.' }) vatTotal!: number;
  @Field(() => String, { nullable: true, description: 'VALID after an online check, FORMAT_ONLY without one; null without a VAT ID.' }) vatIdCheck!:
    string | null;
}
