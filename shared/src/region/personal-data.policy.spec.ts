import { ROLES, type Principal, type Role } from '../auth/principal.js';
import { maskAll, maskEmail, maskName, maskPhone, maskVatId, showAsIs } from './personal-data.masks.js';
import { expandDisclosureMatrix, matrixGaps, type MatrixRow } from './personal-data.matrix.js';
import { decideDisclosure, grant, type DisclosurePolicy, type RegionalRole, type RolePolicy } from './personal-data.policy.js';

/** A small policy that exercises every rule of the shared decision; the regions' own tables have their own matrices. */
const FIELDS = ['contact.name', 'contact.phone', 'address.street', 'address.province'] as const;
type Field = (typeof FIELDS)[number];
const none: RolePolicy<Field> = { scope: 'ANY', fields: {} };
const roles: Record<RegionalRole, RolePolicy<Field>> = {
  customer: { scope: 'OWN', fields: grant(FIELDS, { disclosure: 'FULL', readsRestricted: true }) },
  operator: {
    scope: 'REGION',
    fields: { ...grant(['contact.name', 'address.street', 'address.province'], { disclosure: 'FULL' }), 'contact.phone': { disclosure: 'MASKED' } },
  },
  customer_service: { scope: 'REGION', fields: grant(FIELDS, { disclosure: 'FULL', purposes: ['support'], needsOpenCase: true }) },
  warehouse: { scope: 'REGION', fields: grant(['address.street', 'address.province'], { disclosure: 'FULL', purposes: ['fulfilment'] }) },
  carrier: none,
  tax_auditor: none,
  service: none,
  catalogue_manager: none,
  rules_editor: none,
  rules_approver: none,
  bookkeeping: { scope: 'REGION', fields: grant(['contact.name'], { disclosure: 'FULL', purposes: ['invoicing'], readsRestricted: true }) },
  admin: { scope: 'ANY', fields: grant(FIELDS, { disclosure: 'MASKED' }) },
};
const POLICY: DisclosurePolicy<Field> = {
  region: 'xx',
  fields: {
    'contact.name': { legalBasis: 'contract', mask: maskName },
    'contact.phone': { legalBasis: 'contract', mask: maskPhone },
    'address.street': { legalBasis: 'contract', mask: maskAll },
    'address.province': { legalBasis: 'contract', mask: showAsIs, coarseLocation: true },
  },
  roles,
};

const who = (role: Role, regions: string[], purpose?: string, subject = `${role}-1`): Principal => ({
  role,
  regions,
  subject,
  ...(purpose ? { purpose } : {}),
});
const restricted = { restricted: true };

const MATRIX: MatrixRow[] = [
  ['customer, own', who('customer', ['xx'], undefined, 'cust-1'), {}, 'FFFF'],
  ['customer, own, restricted (art. 15)', who('customer', ['xx'], undefined, 'cust-1'), restricted, 'FFFF'],
  ['customer, someone else', who('customer', ['xx'], undefined, 'cust-2'), {}, 'OOOO'],
  ['operator of xx', who('operator', ['xx']), {}, 'FMFF'],
  ['operator of yy', who('operator', ['yy']), {}, 'GGGG'],
  ['operator of xx, restricted', who('operator', ['xx']), restricted, 'XXXX'],
  ['customer service, support, open case', who('customer_service', ['xx'], 'support'), { openCaseForCaller: true }, 'FFFF'],
  ['customer service, support, no case', who('customer_service', ['xx'], 'support'), {}, 'CCCC'],
  ['customer service, no purpose, open case', who('customer_service', ['xx']), { openCaseForCaller: true }, 'UUUU'],
  ['warehouse, fulfilment', who('warehouse', ['xx'], 'fulfilment'), {}, 'RRFF'],
  ['bookkeeping, invoicing, restricted', who('bookkeeping', ['xx'], 'invoicing'), restricted, 'FRRR'],
  ['bookkeeping, no purpose', who('bookkeeping', ['xx']), {}, 'URRR'],
  ['auditor', who('auditor', []), {}, 'DDDF'],
  ['auditor, audit purpose', who('auditor', [], 'audit'), {}, 'DDDF'],
  ['auditor, restricted', who('auditor', []), restricted, 'XXXX'],
  ['admin', who('admin', []), {}, 'MMMM'],
  ['carrier', who('carrier', ['xx']), {}, 'RRRR'],
  ['tax auditor', who('tax_auditor', [], 'tax_audit'), {}, 'RRRR'],
  ['service', who('service', []), {}, 'RRRR'],
  ['catalogue manager', who('catalogue_manager', []), {}, 'RRRR'],
  ['rules editor', who('rules_editor', []), {}, 'RRRR'],
  ['rules approver', who('rules_approver', []), {}, 'RRRR'],
];

describe('decideDisclosure: the shared rules, role × purpose × field', () => {
  it.each(expandDisclosureMatrix(FIELDS, MATRIX))('%s → %s', (_label, field, principal, facts, expected) => {
    expect(decideDisclosure(POLICY, field, principal, { customerRef: 'cust-1', restricted: false, openCaseForCaller: false, ...facts })).toEqual(expected);
  });

  it('covers every field both ways and every role', () => {
    expect(matrixGaps(FIELDS, MATRIX, ROLES)).toEqual([]);
  });

  it('gives auditors coarse locations only, whatever a region would grant them', () => {
    const generous = { ...POLICY, roles: { ...roles, admin: { scope: 'ANY' as const, fields: grant(FIELDS, { disclosure: 'FULL' as const }) } } };
    expect(
      FIELDS.map((field) => decideDisclosure(generous, field, who('auditor', [], 'audit'), { customerRef: 'c', restricted: false, openCaseForCaller: false })),
    ).toEqual([{ denied: 'DATA_MINIMISATION' }, { denied: 'DATA_MINIMISATION' }, { denied: 'DATA_MINIMISATION' }, { disclosure: 'FULL' }]);
  });
});

describe('masks', () => {
  it.each([
    [maskName, 'Zhang Wei', 'Z**** W**'],
    [maskName, '王芳', '王**'],
    [maskEmail, 'anna.schmidt@example.de', 'a***@example.de'],
    [maskPhone, '+86 138 0013 8000', '*********8000'],
    [maskVatId, 'FRXX123456789', 'FR********789'],
    [maskAll, 'Invalidenstraße 116', '***'],
  ])('%p(%s) = %s', (mask, input, expected) => {
    expect(mask(input)).toBe(expected);
  });
});
