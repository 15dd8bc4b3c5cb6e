import type { IsoDate } from './calendar.rules.js';
import type { ComplianceViolation } from './compliance-violation.js';
import type { EuMemberState } from './postal-code.rules.js';
import { standardVatRate } from './vat-rates.table.js';
import { calculateVatLines, findVatMismatch, type VatLine, type VatLineInput } from './vat-lines.rules.js';
import { determineVatScheme, type VatScheme, type VatSchemeFacts } from './vat-scheme.rules.js';
import { isOutsideEuVatArea } from './vat-territory.rules.js';

export interface VatComplianceInput extends Omit<VatSchemeFacts, 'orderNet'> {
  orderDate: IsoDate;
  destinationPostalCode: string;
  lines: readonly VatLineInput[];
}

export interface VatResult {
  scheme: VatScheme;
  destination: EuMemberState;
  /** Whose VAT is charged on the invoice; null when none is (reverse charge, import). */
  taxCountry: EuMemberState | null;
  rateBp: number;
  /** First day of the rate period applied; null when no VAT is charged. */
  rateValidFrom: IsoDate | null;
  lines: VatLine[];
  netTotal: number;
  vatTotal: number;
}

export type VatComplianceResult = { ok: true; vat: VatResult } | { ok: false; violation: ComplianceViolation };

const fail = (field: string, rule: string, message: string): VatComplianceResult => ({ ok: false, violation: { field, rule, message } });

/** The VAT compliance step of intake: where the goods go, which regime and rate apply, and whether the prices carry that VAT. */
export function checkVatCompliance(input: VatComplianceInput): VatComplianceResult {
  if (isOutsideEuVatArea(input.destination, input.destinationPostalCode)) {
    return fail('shippingAddress.postalCode', 'OUTSIDE_EU_VAT_AREA', 'The destination lies outside the EU VAT area; the shop does not export there');
  }
  const orderNet = input.lines.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0);
  const decision = determineVatScheme({ ...input, orderNet });
  if (!decision.ok) return fail(decision.field, decision.rule, `The order breaks the VAT rule ${decision.rule}`);
  let rateBp = 0;
  let rateValidFrom: IsoDate | null = null;
  if (decision.taxCountry !== null) {
    const period = standardVatRate(decision.taxCountry, input.orderDate);
    if (!period) return fail('lines', 'VAT_RATE_UNKNOWN', `No VAT rate of ${decision.taxCountry} is known for the order date`);
    ({ rateBp } = period);
    rateValidFrom = period.from;
  }
  const mismatch = findVatMismatch(input.lines, rateBp);
  if (mismatch) {
    return fail(
      `lines.${mismatch.index}.unitTax`,
      'VAT_AMOUNT_MISMATCH',
      `unitTax must be ${mismatch.expectedUnitTax} at ${rateBp / 100} % (${decision.scheme})`,
    );
  }
  const calculated = calculateVatLines(input.lines, rateBp);
  return { ok: true, vat: { scheme: decision.scheme, destination: input.destination, taxCountry: decision.taxCountry, rateBp, rateValidFrom, ...calculated } };
}
