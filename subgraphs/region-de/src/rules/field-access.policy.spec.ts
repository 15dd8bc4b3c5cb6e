import { ROLES, type Principal, type Role } from '@hub/shared/auth/principal';
import { expandDisclosureMatrix, matrixGaps, type MatrixRow } from '@hub/shared/region/personal-data.matrix';
import { decideDisclosure, discloseValue, type FieldFacts } from '@hub/shared/region/personal-data.policy';
import { DE_DISCLOSURE_POLICY } from './field-access.policy.js';
import { DE_PERSONAL_FIELDS } from './personal-fields.js';

/**
 * The expected disclosure of every personal field, written out independently of the policy table. Columns
 * follow DE_PERSONAL_FIELDS: customer name, email, phone, dateOfBirth, vatId | shipping recipientName,
 * street, houseNumber, postalCode, city, country | invoice address in the same order.
 * F full · M masked · denied: D data minimisation · R role · O not own data · G region · X restricted · U purpose · C no open case
 */
const who = (role: Role, regions: string[], purpose?: string, subject = `${role}-1`): Principal => ({
  role,
  regions,
  subject,
  ...(purpose ? { purpose } : {}),
});
const active: Partial<FieldFacts> = {};
const restricted: Partial<FieldFacts> = { restricted: true };
const openCase: Partial<FieldFacts> = { openCaseForCaller: true };

const MATRIX: MatrixRow[] = [
  ['customer, own data', who('customer', ['de'], undefined, 'cust-1'), active, 'FFFFF FFFFFF FFFFFF'],
  ['customer, own data, any purpose', who('customer', ['de'], 'delivery', 'cust-1'), active, 'FFFFF FFFFFF FFFFFF'],
  ["customer, someone else's data", who('customer', ['de'], undefined, 'cust-2'), active, 'OOOOO OOOOOO OOOOOO'],
  ['customer, own data, restricted (art. 15)', who('customer', ['de'], undefined, 'cust-1'), restricted, 'FFFFF FFFFFF FFFFFF'],
  ["customer, someone else's data, restricted", who('customer', ['de'], undefined, 'cust-2'), restricted, 'OOOOO OOOOOO OOOOOO'],
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
  ['bookkeeping of DE, invoicing', who('bookkeeping', ['de'], 'invoicing'), active, 'FRRRF RRRRRR FFFFFF'],
  ['bookkeeping of DE, invoicing, restricted', who('bookkeeping', ['de'], 'invoicing'), restricted, 'FRRRF RRRRRR FFFFFF'],
  ['bookkeeping of DE, no purpose', who('bookkeeping', ['de']), active, 'URRRU RRRRRR UUUUUU'],
  ['bookkeeping of CN, invoicing', who('bookkeeping', ['cn'], 'invoicing'), active, 'GRRRG RRRRRR GGGGGG'],
  ['auditor', who('auditor', []), active, 'DDDDD DDDDDF DDDDDF'],
  ['auditor, audit', who('auditor', [], 'audit'), active, 'DDDDD DDDDDF DDDDDF'],
  ['auditor, restricted', who('auditor', [], 'audit'), restricted, 'XXXXX XXXXXX XXXXXX'],
  ['tax auditor, tax audit', who('tax_auditor', [], 'tax_audit'), active, 'FRRRF RRRRRF FFFFFF'],
  ['tax auditor, tax audit, restricted', who('tax_auditor', [], 'tax_audit'), restricted, 'FRRRF RRRRRX FFFFFF'],
  ['tax auditor, audit', who('tax_auditor', [], 'audit'), active, 'URRRU RRRRRU UUUUUU'],
  ['tax auditor, no purpose, restricted', who('tax_auditor', []), restricted, 'URRRU RRRRRX UUUUUU'],
  ['admin', who('admin', []), active, 'MMMMM MMMMMF MMMMMF'],
  ['admin, restricted', who('admin', []), restricted, 'XXXXX XXXXXX XXXXXX'],
  ['internal service', who('service', []), active, 'RRRRR RRRRRR RRRRRR'],
  ['catalogue manager', who('catalogue_manager', []), active, 'RRRRR RRRRRR RRRRRR'],
  ['rules editor', who('rules_editor', []), active, 'RRRRR RRRRRR RRRRRR'],
  ['rules approver', who('rules_approver', []), active, 'RRRRR RRRRRR RRRRRR'],
];

describe('region-de disclosure: role × purpose × field', () => {
  it.each(expandDisclosureMatrix(DE_PERSONAL_FIELDS, MATRIX))('%s → %s', (_label, field, principal, facts, expected) => {
    const decision = decideDisclosure(DE_DISCLOSURE_POLICY, field, principal, { customerRef: 'cust-1', restricted: false, openCaseForCaller: false, ...facts });
    expect(decision).toEqual(expected);
  });

  it('covers every field with at least one allowed and one denied case, and every role', () => {
    expect(matrixGaps(DE_PERSONAL_FIELDS, MATRIX, ROLES)).toEqual([]);
  });

  it('states a legal basis for every field', () => {
    for (const field of DE_PERSONAL_FIELDS) expect([field, DE_DISCLOSURE_POLICY.fields[field].legalBasis]).toEqual([field, expect.stringMatching(/GDPR/)]);
  });
});

describe('region-de masks', () => {
  it.each([
    ['customer.name', 'Anna Schmidt', 'A*** S******'],
    ['customer.email', 'anna.schmidt@example.de', 'a***@example.de'],
    ['customer.phone', '+4915112345678', '*********5678'],
    ['customer.dateOfBirth', '1990-04-01', '****-**-**'],
    ['customer.vatId', 'FRXX123456789', 'FR********789'],
    ['shippingAddress.street', 'Invalidenstraße', '***'],
    ['shippingAddress.houseNumber', '116', '***'],
    ['shippingAddress.postalCode', '10115', '10***'],
    ['invoiceAddress.city', 'Berlin', 'Berlin'],
    ['invoiceAddress.country', 'DE', 'DE'],
  ] as const)('%s', (field, value, expected) => {
    expect(discloseValue(DE_DISCLOSURE_POLICY, field, 'MASKED', value)).toBe(expected);
  });
});
