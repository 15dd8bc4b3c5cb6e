import type { Principal, Role } from '@hub/shared/auth/principal';
import { decideFieldAccess, type FieldDecision, type FieldFacts } from './field-access.policy.js';
import { DE_PERSONAL_FIELDS } from './personal-fields.js';

/**
 * The expected disclosure of every personal field, written out independently of the policy table. Columns
 * follow DE_PERSONAL_FIELDS: customer name, email, phone, dateOfBirth, vatId | shipping recipientName,
 * street, houseNumber, postalCode, city, country | invoice address in the same order.
 * F full · M masked · P pseudonymised · denied: R role · O not own data · G region · X restricted · U purpose · C no open case
 */
const CODES: Record<string, FieldDecision> = {
  F: { disclosure: 'FULL' }, M: { disclosure: 'MASKED' }, P: { disclosure: 'PSEUDONYMISED' },
  R: { denied: 'ROLE_NOT_ALLOWED' }, O: { denied: 'NOT_OWN_DATA' }, G: { denied: 'REGION_NOT_ALLOWED' },
  X: { denied: 'RESTRICTED' }, U: { denied: 'PURPOSE_NOT_ALLOWED' }, C: { denied: 'NO_OPEN_CASE' },
};

const who = (role: Role, regions: string[], purpose?: string, subject = `${role}-1`): Principal =>
  ({ role, regions, subject, ...(purpose ? { purpose } : {}) });
const active: Partial<FieldFacts> = {};
const restricted: Partial<FieldFacts> = { restricted: true };
const openCase: Partial<FieldFacts> = { openCaseForCaller: true };

const MATRIX: Array<[string, Principal, Partial<FieldFacts>, string]> = [
  ['customer, own data', who('customer', ['de'], undefined, 'cust-1'), active, 'FFFFF FFFFFF FFFFFF'],
  ['customer, own data, any purpose', who('customer', ['de'], 'delivery', 'cust-1'), active, 'FFFFF FFFFFF FFFFFF'],
  ['customer, someone else\'s data', who('customer', ['de'], undefined, 'cust-2'), active, 'OOOOO OOOOOO OOOOOO'],
  ['customer, own data, restricted', who('customer', ['de'], undefined, 'cust-1'), restricted, 'XXXXX XXXXXX XXXXXX'],
  ['operator of DE', who('operator', ['de']), active, 'FMMRM FFFFFF MMMMMM'],
  ['operator of DE and CN', who('operator', ['cn', 'de']), active, 'FMMRM FFFFFF MMMMMM'],
  ['operator of DE, restricted', who('operator', ['de']), restricted, 'XXXRX XXXXXX XXXXXX'],
  ['operator of CN', who('operator', ['cn']), active, 'GGGRG GGGGGG GGGGGG'],
  ['customer service of DE, support, own open case', who('customer_service', ['de'], 'support'), openCase, 'FFFRM FFFFFF FFFFFF'],
  ['customer service of DE, support, no open case', who('customer_service', ['de'], 'support'), active, 'CCCRC CCCCCC CCCCCC'],
  ['customer service of DE, delivery, open case', who('customer_service', ['de'], 'delivery'), openCase, 'UUURU UUUUUU UUUUUU'],
  ['customer service of DE, no purpose, open case', who('customer_service', ['de']), openCase, 'UUURU UUUUUU UUUUUU'],
  ['customer service of DE, support, open case, restricted', who('customer_service', ['de'], 'support'), { ...openCase, ...restricted }, 'XXXRX XXXXXX XXXXXX'],
  ['customer service of SEA, support, open case', who('customer_service', ['sea'], 'support'), openCase, 'GGGRG GGGGGG GGGGGG'],
  ['warehouse of DE, fulfilment', who('warehouse', ['de'], 'fulfilment'), active, 'RRURR FFFFFF RRRRRR'],
  ['warehouse of DE, delivery', who('warehouse', ['de'], 'delivery'), active, 'RRFRR FFFFFF RRRRRR'],
  ['warehouse of DE, no purpose', who('warehouse', ['de']), active, 'RRURR UUUUUU RRRRRR'],
  ['warehouse of DE, delivery, restricted', who('warehouse', ['de'], 'delivery'), restricted, 'RRXRR XXXXXX RRRRRR'],
  ['warehouse of CN, delivery', who('warehouse', ['cn'], 'delivery'), active, 'RRGRR GGGGGG RRRRRR'],
  ['carrier of DE, delivery', who('carrier', ['de'], 'delivery'), active, 'RRFRR FFFFFF RRRRRR'],
  ['carrier of DE, fulfilment', who('carrier', ['de'], 'fulfilment'), active, 'RRURR UUUUUU RRRRRR'],
  ['carrier of DE, support', who('carrier', ['de'], 'support'), active, 'RRURR UUUUUU RRRRRR'],
  ['carrier of SEA, delivery', who('carrier', ['sea'], 'delivery'), active, 'RRGRR GGGGGG RRRRRR'],
  ['auditor', who('auditor', []), active, 'PPPPP PPPPPF PPPPPF'],
  ['auditor, audit', who('auditor', [], 'audit'), active, 'PPPPP PPPPPF PPPPPF'],
  ['auditor, restricted', who('auditor', [], 'audit'), restricted, 'XXXXX XXXXXX XXXXXX'],
  ['tax auditor, tax audit', who('tax_auditor', [], 'tax_audit'), active, 'FRRRF RRRRRF FFFFFF'],
  ['tax auditor, tax audit, restricted', who('tax_auditor', [], 'tax_audit'), restricted, 'FRRRF RRRRRX FFFFFF'],
  ['tax auditor, audit', who('tax_auditor', [], 'audit'), active, 'URRRU RRRRRU UUUUUU'],
  ['tax auditor, no purpose, restricted', who('tax_auditor', []), restricted, 'URRRU RRRRRX UUUUUU'],
  ['admin', who('admin', []), active, 'MMMMM MMMMMF MMMMMF'],
  ['admin, restricted', who('admin', []), restricted, 'XXXXX XXXXXX XXXXXX'],
  ['internal service', who('service', []), active, 'RRRRR RRRRRR RRRRRR'],
];

const cases = MATRIX.flatMap(([label, principal, facts, row]) => {
  const codes = row.replaceAll(' ', '');
  if (codes.length !== DE_PERSONAL_FIELDS.length) throw new Error(`row "${label}" has ${codes.length} columns`);
  return DE_PERSONAL_FIELDS.map((field, index) => [label, field, principal, facts, CODES[codes[index]!]!] as const);
});

describe('decideFieldAccess: role × field × purpose', () => {
  it.each(cases)('%s → %s', (_label, field, principal, facts, expected) => {
    const decision = decideFieldAccess(field, principal, { region: 'de', customerRef: 'cust-1', restricted: false, openCaseForCaller: false, ...facts });
    expect(decision).toEqual(expected);
  });

  it('covers every field with at least one allowed and one denied case, and every role', () => {
    for (const [index, field] of DE_PERSONAL_FIELDS.entries()) {
      const column = MATRIX.map(([, , , row]) => row.replaceAll(' ', '')[index]!);
      expect([field, column.some((code) => 'FMP'.includes(code))]).toEqual([field, true]);
      expect([field, column.some((code) => !'FMP'.includes(code))]).toEqual([field, true]);
    }
    expect(new Set(MATRIX.map(([, principal]) => principal.role))).toEqual(new Set(['customer', 'operator', 'customer_service', 'warehouse', 'carrier', 'auditor', 'tax_auditor', 'admin', 'service']));
  });
});
