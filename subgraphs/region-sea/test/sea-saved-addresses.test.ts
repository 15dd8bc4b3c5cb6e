import { randomUUID } from 'node:crypto';
import { postGraphQL } from '@hub/shared/testing/harness';
import { ID_ADDRESS, QUICK_ORDER, quickOrder, quickOrderInput, startSeaTestHub, type SeaTestHub } from './sea-test-hub.js';

let hub: SeaTestHub;
beforeAll(async () => {
  hub = await startSeaTestHub('sea-addresses');
});
afterAll(async () => {
  await hub?.close();
});

const ADDRESS_FIELDS = 'recipientName recipientPhone line1 line2 subdistrict district city province postalCode country';
const SAVE = `mutation($input: SeaAddressSaveInput!) { seaAddressSave(input: $input) {
  savedAddress { id number label ${ADDRESS_FIELDS} savedAt } userErrors { code field message } } }`;
const FORGET = `mutation($input: SeaAddressForgetInput!) { seaAddressForget(input: $input) { number userErrors { code field message } } }`;
const LIST = `{ seaSavedAddresses { number label ${ADDRESS_FIELDS} } }`;
const PLACE = `mutation($input: SeaQuickOrderInput!) { seaQuickOrderPlace(input: $input) {
  confirmation { orderId number } userErrors { code field message } } }`;
const CONTACT = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { sea { customer { name phone } shippingAddress { ${ADDRESS_FIELDS} } } } } }`;

/** ID_ADDRESS as every read answers it: the phone in E.164. */
const STORED = { ...ID_ADDRESS, recipientPhone: '+6281234567890' };
const OFFICE = { ...ID_ADDRESS, line1: 'Jl. Jend. Sudirman Kav. 52', line2: null, subdistrict: 'Senayan', district: 'Kebayoran Baru', postalCode: '12190' };

const customer = (subject = `cust-book-${randomUUID()}`) => hub.token({ subject, role: 'customer' });
const gql = async (query: string, variables: Record<string, unknown>, token: string) => postGraphQL(hub.region.url, query, variables, token);

async function save(token: string, address: Record<string, unknown> = ID_ADDRESS, label: string | null = 'Home') {
  const result = await gql(SAVE, { input: { label, address } }, token);
  expect(result.errors).toBeUndefined();
  return result.data.seaAddressSave as { savedAddress: ({ number: number } & Record<string, unknown>) | null; userErrors: unknown[] };
}
const saveOk = async (token: string, address?: Record<string, unknown>, label?: string | null) => {
  const saved = await save(token, address, label);
  expect(saved.userErrors).toEqual([]);
  return saved.savedAddress!;
};
const list = async (token: string) => (await gql(LIST, {}, token)).data.seaSavedAddresses as Array<Record<string, unknown>>;
const forget = async (token: string, number: number) => (await gql(FORGET, { input: { number } }, token)).data.seaAddressForget;
/** A quick order naming a saved address instead of sending one. */
const byNumber = (savedAddress: number, change: Record<string, unknown> = {}) => {
  const { address: _sent, ...input } = quickOrderInput(change);
  return { ...input, savedAddress };
};
const contactOf = async (orderId: string, token: string) =>
  (await gql(CONTACT, { r: [{ __typename: 'Order', id: orderId }] }, token)).data._entities[0].sea as Record<string, unknown>;
const ordersOf = async (customerRef: string) =>
  (
    await hub.region.orm.em
      .fork()
      .getConnection()
      .execute<Array<{ n: number }>>(`select count(*)::int as n from region_sea.regional_order where customer_ref = ?`, [customerRef])
  )[0]!.n;

it('saves an address, lists it, orders to it by number, and refuses the number once the address is forgotten', async () => {
  const subject = `cust-book-${randomUUID()}`;
  const token = await customer(subject);
  const saved = await saveOk(token);
  expect(saved).toEqual({ id: expect.any(String), number: 1, label: 'Home', ...STORED, savedAt: expect.any(String) });
  expect(await list(token)).toEqual([{ number: 1, label: 'Home', ...STORED }]);

  const confirmation = await quickOrder(hub, token, byNumber(1));
  expect(confirmation).toMatchObject({ total: 999_000, status: 'CREATED' });
  const ordered = await contactOf(confirmation.id, token);
  expect(ordered).toEqual({ customer: { name: STORED.recipientName, phone: STORED.recipientPhone }, shippingAddress: STORED });

  expect(await forget(token, 1)).toEqual({ number: 1, userErrors: [] });
  expect(await list(token)).toEqual([]);
  // The order kept its own copy.
  expect(await contactOf(confirmation.id, token)).toEqual(ordered);

  const refused = await gql(QUICK_ORDER, { input: byNumber(1) }, token);
  expect(refused.data).toBeNull();
  expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'savedAddress' });
  const inPayload = await gql(PLACE, { input: byNumber(1) }, token);
  expect(inPayload.data.seaQuickOrderPlace).toEqual({
    confirmation: null,
    userErrors: [{ code: 'NOT_FOUND', field: ['input', 'savedAddress'], message: 'No saved address has the number 1' }],
  });
  expect(await forget(token, 1)).toEqual({ number: null, userErrors: [expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'number'] })] });
  expect(await ordersOf(subject)).toBe(1);
});

it('numbers each customer’s addresses 1, 2, 3 … and never gives a forgotten number again', async () => {
  const token = await customer();
  expect((await saveOk(token)).number).toBe(1);
  expect((await saveOk(token, OFFICE, 'Office')).number).toBe(2);
  expect(await forget(token, 2)).toMatchObject({ number: 2, userErrors: [] });
  expect((await saveOk(token, OFFICE, 'Office')).number).toBe(3);
  // A retried save answers the address already saved instead of a copy; the phone compares in E.164.
  expect((await saveOk(token, { ...ID_ADDRESS, recipientPhone: '+62 812 3456 7890' })).number).toBe(1);
  expect((await saveOk(token, ID_ADDRESS, null)).number).toBe(4);
  expect((await list(token)).map(({ number, label }) => [number, label])).toEqual([
    [1, 'Home'],
    [3, 'Office'],
    [4, null],
  ]);
});

it('returns the same order for a retried quick order by number, also once that address is forgotten', async () => {
  const token = await customer();
  const { number } = await saveOk(token);
  const body = byNumber(number);
  const [first, racing] = await Promise.all([quickOrder(hub, token, body), quickOrder(hub, token, body)]);
  expect(racing.id).toBe(first.id);
  await forget(token, number);
  expect(await quickOrder(hub, token, body)).toMatchObject({ id: first.id, number: first.number });
});

it("keeps each customer's addresses to themselves: another customer can neither see, use nor forget them", async () => {
  const owner = await customer();
  const ownerAddress = await saveOk(owner, OFFICE, 'Office');
  const otherSubject = `cust-book-${randomUUID()}`;
  const other = await customer(otherSubject);

  expect(await list(other)).toEqual([]);
  const used = await gql(QUICK_ORDER, { input: byNumber(ownerAddress.number) }, other);
  expect(used.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'savedAddress' });
  expect(JSON.stringify(used)).not.toMatch(/Sudirman|Rahayu|7890/);
  expect((await forget(other, ownerAddress.number)).userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND' })]);
  expect(await ordersOf(otherSubject)).toBe(0);

  // The other customer's own number 1 is their own address.
  const theirs = { ...ID_ADDRESS, recipientName: 'Budi Santoso', recipientPhone: '0813-1111-2222' };
  expect((await saveOk(other, theirs)).number).toBe(1);
  const confirmation = await quickOrder(hub, other, byNumber(1));
  expect(await contactOf(confirmation.id, other)).toMatchObject({ shippingAddress: { recipientName: 'Budi Santoso', recipientPhone: '+6281311112222' } });
  expect(await list(owner)).toEqual([expect.objectContaining({ number: ownerAddress.number, line1: OFFICE.line1 })]);
});

it.each([
  ['neither an address nor a saved one', (input: Record<string, unknown>) => ({ ...input, savedAddress: undefined })],
  ['both an address and a saved one', (input: Record<string, unknown>) => ({ ...input, address: ID_ADDRESS })],
])('refuses %s with BAD_USER_INPUT on address, and places nothing', async (_label, change) => {
  const subject = `cust-book-${randomUUID()}`;
  const token = await customer(subject);
  await saveOk(token);
  const input = change(byNumber(1));
  const result = await gql(QUICK_ORDER, { input }, token);
  expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'address' });
  const inPayload = await gql(PLACE, { input: { ...input, idempotencyKey: randomUUID() } }, token);
  expect(inPayload.data.seaQuickOrderPlace.userErrors).toEqual([expect.objectContaining({ code: 'INVALID', field: ['input', 'address'] })]);
  expect(await ordersOf(subject)).toBe(0);
});

it.each([
  ['a postal code of another country', { ...ID_ADDRESS, country: 'PH' }, { code: 'INVALID', field: ['input', 'address', 'postalCode'] }],
  [
    'a phone too short for Thailand',
    { ...ID_ADDRESS, country: 'TH', recipientPhone: '081 234 5' },
    { code: 'PHONE_INVALID', field: ['input', 'address', 'recipientPhone'] },
  ],
])('checks an address to save as a placement would: refuses %s and saves nothing', async (_label, address, userError) => {
  const token = await customer();
  expect(await save(token, address)).toEqual({ savedAddress: null, userErrors: [expect.objectContaining(userError)] });
  expect(await list(token)).toEqual([]);
});

it('refuses malformed input at the top level: a country outside the region, a label too long', async () => {
  const token = await customer();
  const country = await gql(SAVE, { input: { address: { ...ID_ADDRESS, country: 'MM' } } }, token);
  expect(country.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'address.country' });
  const label = await gql(SAVE, { input: { label: 'x'.repeat(31), address: ID_ADDRESS } }, token);
  expect(label.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'label' });
  expect(await list(token)).toEqual([]);
});

it('places a saved address through the same checks as a sent one, naming savedAddress when it no longer passes', async () => {
  const subject = `cust-book-${randomUUID()}`;
  const token = await customer(subject);
  const { number } = await saveOk(token);
  // As if the national post had changed its format since the address was saved.
  await hub.region.orm.em
    .fork()
    .getConnection()
    .execute(`update region_sea.sea_saved_address set postal_code = '01011' where customer_ref = ? and number = ?`, [subject, number]);
  const result = await gql(PLACE, { input: byNumber(number) }, token);
  expect(result.data.seaQuickOrderPlace.userErrors).toEqual([expect.objectContaining({ code: 'INVALID', field: ['input', 'savedAddress', 'postalCode'] })]);
  expect(await ordersOf(subject)).toBe(0);
});

it('keeps at most 20 addresses a customer, numbering concurrent saves one after the other', async () => {
  const token = await customer();
  const addresses = Array.from({ length: 20 }, (_, i) => ({ ...ID_ADDRESS, line1: `Jl. Merdeka No. ${i + 1}` }));
  const saved = await Promise.all(addresses.map((address) => saveOk(token, address)));
  expect(saved.map((entry) => entry.number).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));

  const refused = await save(token, OFFICE, 'Office');
  expect(refused).toEqual({
    savedAddress: null,
    userErrors: [{ code: 'SAVED_ADDRESS_LIMIT_REACHED', field: null, message: 'At most 20 addresses can be saved; forget one before saving another' }],
  });
  expect((await saveOk(token, addresses[6])).number).toBe(saved[6]!.number);
  await forget(token, 5);
  expect((await saveOk(token, OFFICE, 'Office')).number).toBe(21);
  expect(await list(token)).toHaveLength(20);
});

it('is for customers of region sea only', async () => {
  const operator = await hub.token({ subject: 'op-sea', role: 'operator' });
  expect((await gql(LIST, {}, operator)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  const elsewhere = await hub.token({ subject: `cust-de-${randomUUID()}`, role: 'customer', regions: ['de'] });
  expect((await gql(LIST, {}, elsewhere)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect((await gql(SAVE, { input: { address: ID_ADDRESS } }, elsewhere)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
});
