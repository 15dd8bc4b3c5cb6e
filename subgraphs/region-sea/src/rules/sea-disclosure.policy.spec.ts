import { ROLES, type Principal, type Role } from '@hub/shared/auth/principal';
import { expandDisclosureMatrix, matrixGaps, type MatrixRow } from '@hub/shared/region/personal-data.matrix';
import { decideDisclosure } from '@hub/shared/region/personal-data.policy';
import { SEA_DISCLOSURE_POLICY, SEA_PERSONAL_FIELDS } from './sea-disclosure.policy.js';

/**
 * The expected disclosure of every personal field, written out independently of the policy table. Columns
 * follow SEA_PERSONAL_FIELDS: customer name, phone | shipping recipientName, recipientPhone, line1, line2,
 * subdistrict, district, city, province, postalCode, country.
 * F full · M masked · denied: D data minimisation · R role · O not own data · G region
 */
const who = (role: Role, regions: string[], purpose?: string, subject = `${role}-1`): Principal => ({
  role,
  regions,
  subject,
  ...(purpose ? { purpose } : {}),
});

const MATRIX: MatrixRow[] = [
  ['customer, own data', who('customer', ['sea'], undefined, 'cust-1'), {}, 'FF FFFFFFFFFF'],
  ["customer, someone else's data", who('customer', ['sea'], undefined, 'cust-2'), {}, 'OO OOOOOOOOOO'],
  ['operator of SEA', who('operator', ['sea']), {}, 'FF FFFFFFFFFF'],
  ['operator of CN', who('operator', ['cn']), {}, 'GG GGGGGGGGGG'],
  ['customer service of SEA', who('customer_service', ['sea'], 'support'), {}, 'FF FFFFFFFFFF'],
  ['warehouse of SEA', who('warehouse', ['sea'], 'fulfilment'), {}, 'RR FFFFFFFFFF'],
  ['carrier of SEA', who('carrier', ['sea'], 'delivery'), {}, 'RR FFFFFFFFFF'],
  ['carrier of DE', who('carrier', ['de'], 'delivery'), {}, 'RR GGGGGGGGGG'],
  ['bookkeeping of SEA', who('bookkeeping', ['sea'], 'invoicing'), {}, 'RR RRRRRRRRRR'],
  ['auditor', who('auditor', []), {}, 'DD DDDDDDDFDF'],
  ['auditor, audit', who('auditor', [], 'audit'), {}, 'DD DDDDDDDFDF'],
  ['tax auditor', who('tax_auditor', [], 'tax_audit'), {}, 'RR RRRRRRRRRR'],
  ['admin', who('admin', []), {}, 'FF FFFFFFFFFF'],
  ['internal service', who('service', []), {}, 'RR RRRRRRRRRR'],
  ['catalogue manager', who('catalogue_manager', []), {}, 'RR RRRRRRRRRR'],
  ['rules editor', who('rules_editor', []), {}, 'RR RRRRRRRRRR'],
  ['rules approver', who('rules_approver', []), {}, 'RR RRRRRRRRRR'],
];

describe('region-sea disclosure: role × purpose × field', () => {
  it.each(expandDisclosureMatrix(SEA_PERSONAL_FIELDS, MATRIX))('%s → %s', (_label, field, principal, facts, expected) => {
    expect(decideDisclosure(SEA_DISCLOSURE_POLICY, field, principal, { customerRef: 'cust-1', restricted: false, openCaseForCaller: false, ...facts })).toEqual(
      expected,
    );
  });

  it('covers every field with at least one allowed and one denied case, and every role', () => {
    expect(matrixGaps(SEA_PERSONAL_FIELDS, MATRIX, ROLES)).toEqual([]);
  });
});
