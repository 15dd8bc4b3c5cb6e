import { unitVat } from '@hub/shared/catalogue/vat/vat-amounts';

export interface VatLineInput {
  quantity: number;
  /** Net unit price in cents. */
  unitPrice: number;
  /** VAT per unit in cents, as the shop showed it. */
  unitTax: number;
}

export interface VatLine {
  lineNo: number;
  net: number;
  vat: number;
}

export { unitVat };

/** The first line whose VAT differs from what the rate gives, so the invoice and the shop's price agree. */
export function findVatMismatch(lines: readonly VatLineInput[], rateBp: number): { index: number; expectedUnitTax: number } | null {
  const index = lines.findIndex((line) => line.unitTax !== unitVat(line.unitPrice, rateBp));
  return index < 0 ? null : { index, expectedUnitTax: unitVat(lines[index]!.unitPrice, rateBp) };
}

/** Net and VAT per line, numbered from 1 as core numbers them, with the totals. */
export function calculateVatLines(lines: readonly VatLineInput[], rateBp: number): { lines: VatLine[]; netTotal: number; vatTotal: number } {
  const result = lines.map((line, index) => ({
    lineNo: index + 1,
    net: line.quantity * line.unitPrice,
    vat: line.quantity * unitVat(line.unitPrice, rateBp),
  }));
  return {
    lines: result,
    netTotal: result.reduce((sum, line) => sum + line.net, 0),
    vatTotal: result.reduce((sum, line) => sum + line.vat, 0),
  };
}
