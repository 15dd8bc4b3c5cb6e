import { ROLES, type Principal, type Role } from '@hub/shared/auth/principal';
import { expandDisclosureMatrix, matrixGaps, type MatrixRow } from '@hub/shared/region/personal-data.matrix';
import { decideDisclosure } from '@hub/shared/region/personal-data.policy';
import { CN_DISCLOSURE_POLICY, CN_PERSONAL_FIELDS } from './cn-disclosure.policy.js';

/**
 * The expected disclosure of every personal field, written out independently of the policy table. Columns
 * follow CN_PERSONAL_FIELDS: customer name, phone | shipping recipientName, recipientPhone, province, city,
 * district, street, postalCode.
 * F full · M masked · denied: D data minimisation · R role · O not own data · G region
 */
const who = (role: Role, regions: string[], purpose?: string, subject = `${role}-1`): Principal => ({
  role,
  regions,
  subject,
  ...(purpose ? { purpose } : {}),
});

const MATRIX: MatrixRow[] = [
  ['customer, own data', who('customer', ['cn'], undefined, 'cust-1'), {}, 'FF FFFFFFF'],
  ["customer, someone else's data", who('customer', ['cn'], undefined, 'cust-2'), {}, 'OO OOOOOOO'],
  ['operator of CN', who('operator', ['cn']), {}, 'FF FFFFFFF'],
  ['operator of DE', who('operator', ['de']), {}, 'GG GGGGGGG'],
  ['customer service of CN', who('customer_service', ['cn'], 'support'), {}, 'FF FFFFFFF'],
  ['warehouse of CN', who('warehouse', ['cn'], 'fulfilment'), {}, 'RR FFFFFFF'],
  ['carrier of CN', who('carrier', ['cn'], 'delivery'), {}, 'RR FFFFFFF'],
  ['carrier of SEA', who('carrier', ['sea'], 'delivery'), {}, 'RR GGGGGGG'],
  ['bookkeeping of CN', who('bookkeeping', ['cn'], 'invoicing'), {}, 'RR RRRRRRR'],
  ['auditor', who('auditor', []), {}, 'DD DDFDDDD'],
  ['auditor, audit', who('auditor', [], 'audit'), {}, 'DD DDFDDDD'],
  ['tax auditor', who('tax_auditor', [], 'tax_audit'), {}, 'RR RRRRRRR'],
  ['admin', who('admin', []), {}, 'FF FFFFFFF'],
  ['internal service', who('service', []), {}, 'RR RRRRRRR'],
  ['catalogue manager', who('catalogue_manager', []), {}, 'RR RRRRRRR'],
  ['rules editor', who('rules_editor', []), {}, 'RR RRRRRRR'],
  ['rules approver', who('rules_approver', []), {}, 'RR RRRRRRR'],
];

describe('region-cn disclosure: role × purpose × field', () => {
  it.each(expandDisclosureMatrix(CN_PERSONAL_FIELDS, MATRIX))('%s → %s', (_label, field, principal, facts, expected) => {
    expect(decideDisclosure(CN_DISCLOSURE_POLICY, field, principal, { customerRef: 'cust-1', restricted: false, openCaseForCaller: false, ...facts })).toEqual(
      expected,
    );
  });

  it('covers every field with at least one allowed and one denied case, and every role', () => {
    expect(matrixGaps(CN_PERSONAL_FIELDS, MATRIX, ROLES)).toEqual([]);
  });
});
