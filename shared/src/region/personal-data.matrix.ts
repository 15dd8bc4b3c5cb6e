import type { Principal } from '../auth/principal.js';
import type { FieldDecision, FieldFacts } from './personal-data.policy.js';

/**
 * The letters disclosure matrices are written in, one per decision:
 * F full · M masked · denied: D data minimisation · R role · O not own data · G region · X restricted · U purpose · C no open case.
 */
export const DECISION_CODES: Readonly<Record<string, FieldDecision>> = {
  F: { disclosure: 'FULL' },
  M: { disclosure: 'MASKED' },
  D: { denied: 'DATA_MINIMISATION' },
  R: { denied: 'ROLE_NOT_ALLOWED' },
  O: { denied: 'NOT_OWN_DATA' },
  G: { denied: 'REGION_NOT_ALLOWED' },
  X: { denied: 'RESTRICTED' },
  U: { denied: 'PURPOSE_NOT_ALLOWED' },
  C: { denied: 'NO_OPEN_CASE' },
};

export type MatrixRow = [label: string, principal: Principal, facts: Partial<FieldFacts>, decisions: string];

/**
 * Turns a written-out disclosure matrix (one row per caller, one letter per field, spaces ignored) into one
 * test case per caller × field, so a region's spec states the expected outcome independently of its policy.
 */
export function expandDisclosureMatrix<F extends string>(fields: readonly F[], matrix: readonly MatrixRow[]) {
  return matrix.flatMap(([label, principal, facts, row]) => {
    const codes = row.replaceAll(' ', '');
    if (codes.length !== fields.length) throw new Error(`row "${label}" has ${codes.length} columns, not ${fields.length}`);
    return fields.map((field, index) => {
      const expected = DECISION_CODES[codes[index]!];
      if (!expected) throw new Error(`row "${label}": unknown code ${codes[index]}`);
      return [label, field, principal, facts, expected] as const;
    });
  });
}

/** Every field has an allowed and a denied case, and every role appears: a matrix that skips one proves nothing about it. */
export function matrixGaps<F extends string>(fields: readonly F[], matrix: readonly MatrixRow[], roles: readonly string[]): string[] {
  const gaps: string[] = [];
  for (const [index, field] of fields.entries()) {
    const column = matrix.map(([, , , row]) => row.replaceAll(' ', '')[index]!);
    if (!column.some((code) => 'FM'.includes(code))) gaps.push(`${field}: never allowed`);
    if (!column.some((code) => !'FM'.includes(code))) gaps.push(`${field}: never denied`);
  }
  const covered = new Set(matrix.map(([, principal]) => principal.role));
  for (const role of roles) if (!covered.has(role as Principal['role'])) gaps.push(`role ${role}: no row`);
  return gaps;
}
