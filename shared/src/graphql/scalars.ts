import { GraphQLScalarType, Kind } from 'graphql';

/**
 * Money in minor units. GraphQL's Int is 32-bit, too small for IDR or VND totals, so amounts travel as
 * integers up to 2^53 - 1 under their own name; every subgraph declares the same scalar.
 */
export const MinorUnits = new GraphQLScalarType<number, number>({
  name: 'MinorUnits',
  description: 'An amount in the smallest unit the order currency is priced in (cent, fen, satang; whole rupiah and dong for IDR and VND), as a safe integer.',
  serialize: (value) => value as number,
  parseValue: (value) => assertMinorUnits(value),
  parseLiteral: (ast) => assertMinorUnits(ast.kind === Kind.INT ? Number(ast.value) : Number.NaN),
});

function assertMinorUnits(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new TypeError('MinorUnits must be a non-negative safe integer');
  }
  return value;
}
