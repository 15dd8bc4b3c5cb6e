import { consignmentStateOf, consignmentStatusOf, mayListConsignmentMembers } from './consignment-disclosure.rules.js';

describe('mayListConsignmentMembers', () => {
  it.each([
    ['admin', [], true],
    ['auditor', [], true],
    ['operator', ['sea'], true],
    ['operator', ['cn'], false],
    ['warehouse', ['sea'], true],
    ['warehouse', ['de'], false],
    ['customer', ['sea'], false],
    ['customer_service', ['sea'], false],
    ['carrier', ['sea'], false],
    ['service', ['sea'], false],
  ] as const)('%s in %j at a sea node: %s', (role, regions, expected) => {
    expect(mayListConsignmentMembers({ role, regions: [...regions] } as never, 'sea')).toBe(expected);
  });
});

describe('consignmentStatusOf', () => {
  it.each([
    ['HOLDING', 'HELD'],
    ['RELEASED', 'RELEASED'],
    ['CANCELLED', 'CANCELLED'],
  ] as const)('%s ↔ %s', (state, status) => {
    expect(consignmentStatusOf(state)).toBe(status);
    expect(consignmentStateOf(status)).toBe(state);
  });
});
