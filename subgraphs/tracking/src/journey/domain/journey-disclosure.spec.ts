import { journeyDisclosure } from './journey-disclosure.js';

describe('journeyDisclosure', () => {
  it.each([
    ['operator', 'ORDINARY', 12, true, true],
    ['auditor', 'VIP', 12, true, true],
    ['carrier', 'B2B', 12, true, true],
    ['customer', 'VIP', 12, true, false],
    ['customer', 'ORDINARY', 6, false, false],
    ['customer', 'B2B', 6, false, false],
  ] as const)("%s viewing a %s customer's parcel: %i kinds, location %s, actor %s", (role, tier, kinds, location, actor) => {
    const disclosure = journeyDisclosure({ subject: 's', role, regions: [] }, tier);
    expect([disclosure.kinds.length, disclosure.location, disclosure.actor]).toEqual([kinds, location, actor]);
  });
});
