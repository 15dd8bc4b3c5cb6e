import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { createDemoSeedContext } from '@hub/shared/demo/demo-seed';
import { createTestScope, eventually, postGraphQL } from '@hub/shared/testing/harness';
import { startHubProcesses, type HubProcesses } from '@hub/shared/testing/hub-processes';
import { startConsoleServer, type RunningConsole } from '../server/console-server.js';
import { parcelEvents, RETURNS_CUSTOMER, seedConsoleDemo } from './demo-data.js';

/**
 * The console in Debian's chromium against the whole hub as real processes: log in as each role, walk the
 * views, check what is shown and what the API refuses. Screenshots go to test-artifacts/ (git-ignored).
 */
const ARTIFACTS = new URL('../test-artifacts/', import.meta.url).pathname;
const scope = createTestScope('console');
const jwt = { secret: scope.env.JWT_SECRET, issuer: scope.env.JWT_ISSUER, audience: scope.env.JWT_AUDIENCE };
let hub: HubProcesses;
let web: RunningConsole;
let browser: Browser;
let admin: string;
const demo = { cnOrderId: '', cnOrderNumber: '', deOrderId: '', trackedOrderId: '', liveOrderId: '', signedCnOrderId: '', signedCnOrderNumber: '' };

const started = Date.now();
/** Progress of the set-up on stderr, so a slow machine shows where the time goes. */
const step = (what: string) => process.stderr.write(`[console e2e] ${((Date.now() - started) / 1000).toFixed(1)} s ${what}\n`);

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  // Development mode, as `npm start`: fulfilment then opens its demo network with stock. Tracking sweeps
  // every half second so the parcel's dwell alert opens while the suite runs.
  hub = await startHubProcesses(scope.env, { NODE_ENV: 'development', SWEEP_INTERVAL_MS: '500' });
  step('hub started');
  const gatewayUrl = `${hub.gatewayUrl}/graphql`;
  // The web app as `npm run build` made it (this file runs from source, beside the server's source).
  web = await startConsoleServer({
    gatewayUrl,
    trackingStreamUrl: `${hub.url('tracking')}/graphql/stream`,
    publicDir: new URL('../dist/public/', import.meta.url).pathname,
    developmentLogin: jwt,
  });
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });

  step('console and browser started');
  const seed = createDemoSeedContext(gatewayUrl, jwt, () => undefined);
  await seedConsoleDemo(seed);
  step('demo orders seeded');
  admin = await scope.token({ subject: 'seed-admin', role: 'admin', regions: [] });
  const list = async (region: string) =>
    (
      await postGraphQL(
        hub.gatewayUrl,
        `query($r: String) { orders(first: 50, filter: { region: $r }) { nodes { id number customerRef status } } }`,
        { r: region },
        admin,
      )
    ).data.orders.nodes;
  const [cn, de] = [await list('cn'), await list('de')];
  demo.cnOrderId = cn[0].id;
  demo.cnOrderNumber = cn[0].number;
  demo.deOrderId = de[0].id;
  demo.trackedOrderId = cn[1].id;
  demo.liveOrderId = cn[2].id;
  // The one CN demo order that went the whole way to SIGNED: its 7-day return window is open.
  const signed = cn.find((order: { status: string; customerRef: string }) => order.status === 'SIGNED' && !order.customerRef.startsWith(RETURNS_CUSTOMER));
  demo.signedCnOrderId = signed.id;
  demo.signedCnOrderNumber = signed.number;

  const registered = await postGraphQL(
    hub.gatewayUrl,
    `mutation($input: ShipmentRegisterInput!) { shipmentRegister(input: $input) { userErrors { code } } }`,
    { input: { orderId: demo.trackedOrderId, carrierId: 'sf-express', trackingNumber: 'SF-CONSOLE-1', route: ['HGH-WH-1', 'SHA-SORT-2', 'PEK-HUB-1'] } },
    admin,
  );
  expect(registered.data.shipmentRegister.userErrors).toEqual([]);
  const carrier = await scope.token({ subject: 'sf-express', role: 'carrier', regions: ['cn'] });
  const posted = await fetch(`${hub.url('tracking')}/carrier-events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${carrier}` },
    body: JSON.stringify({ events: parcelEvents(demo.trackedOrderId, 'SF-CONSOLE-1') }),
  });
  expect(posted.status).toBe(200);
  step('parcel events posted');
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await web?.close();
  await hub?.close();
  await scope.dispose();
});

const contexts: BrowserContext[] = [];
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

/** A fresh browser (no shared storage) logged in through the development login form. */
async function logIn(role: string, regions: string[] = [], subject?: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ viewport, reducedMotion: 'no-preference' });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(web.url);
  await page.getByLabel('Role').selectOption(role);
  for (const region of ['cn', 'de', 'sea']) await page.getByRole('checkbox', { name: region.toUpperCase() }).setChecked(regions.includes(region));
  if (subject) await page.getByLabel(/Subject/).fill(subject);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByTestId('who').waitFor();
  return page;
}

/** Re-reads what the page shows until it holds (the page updates after its requests answer); fails with the last value. */
const settled = <T>(read: () => Promise<T>, done: (value: T) => boolean) => eventually(read, done, { attempts: 200, intervalMs: 100 });

const shot = (page: Page, name: string) => page.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage: true });

it('lists orders with filters for an admin, and keeps nothing in browser storage', async () => {
  const page = await logIn('admin');
  const rows = page.getByTestId('orders-table').locator('tbody tr');
  await settled(
    () => rows.count(),
    (value) => value >= 16,
  );
  await page.getByLabel('Region').selectOption('de');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await settled(
    () => rows.count(),
    (value) => value === 4,
  );
  expect(await rows.locator('td:nth-child(2)').allTextContents()).toEqual(['DE', 'DE', 'DE', 'DE']);
  expect(page.url()).toContain('region=de');
  await shot(page, 'orders-admin-de');
  // Runs in the page; typed loosely because this file is compiled for Node, not the DOM.
  const storage = await page.evaluate(() => {
    const { localStorage, sessionStorage, document } = globalThis as any;
    return { local: localStorage.length, session: sessionStorage.length, cookies: document.cookie };
  });
  expect(storage).toEqual({ local: 0, session: 0, cookies: '' });
});

it("shows an order with lines, money, timeline with actors and regional fields; another region's operator cannot open it", async () => {
  const page = await logIn('operator', ['cn']);
  await page.goto(`${web.url}#/orders/${demo.cnOrderId}`);
  const detail = page.getByTestId('order-detail');
  await settled(
    () => detail.getByRole('heading', { level: 1 }).textContent(),
    (value) => value === `Order ${demo.cnOrderNumber}`,
  );
  expect(await detail.getByTestId('order-totals').textContent()).toMatch(/Total.*¥|CN¥/);
  const steps = detail.getByTestId('order-timeline').locator('li');
  expect(await steps.count()).toBeGreaterThanOrEqual(1);
  expect(await steps.first().textContent()).toMatch(/^Created .+·/);
  await settled(
    () => detail.getByTestId('regional-fields').textContent(),
    (value) => /Registration/.test(String(value)),
  );
  await detail.getByText('Allocated').first().waitFor();
  expect(await page.getByTestId('problem-failed').count()).toBe(0);
  await shot(page, 'order-detail-cn-operator');

  const other = await logIn('operator', ['de']);
  await other.goto(`${web.url}#/orders/${demo.cnOrderId}`);
  await other
    .getByText(/may not see it|may not see or do this/)
    .first()
    .waitFor();
  await shot(other, 'order-detail-refused-de-operator');
});

it('shows a customer only their own orders', async () => {
  const page = await logIn('customer', ['cn'], 'demo-cn-3');
  const rows = page.getByTestId('orders-table').locator('tbody tr');
  await settled(
    () => rows.count(),
    (value) => value > 0,
  );
  expect(new Set(await rows.locator('td:nth-child(4)').allTextContents())).toEqual(new Set(['demo-cn-3']));
});

it('animates the parcel along its recorded events on the map', async () => {
  const page = await logIn('operator', ['cn']);
  await page.goto(`${web.url}#/journey/${demo.trackedOrderId}`);
  const map = page.getByTestId('journey-map');
  await map.waitFor();
  expect(await map.locator('circle.stop').count()).toBe(4);
  expect(await map.locator('path.land').getAttribute('d')).toMatch(/^M/);
  const marker = page.getByTestId('parcel-marker');
  await settled(
    async () => `${await marker.getAttribute('data-leg')}:${await marker.getAttribute('data-progress')}`,
    (value) => value === '2:1.00',
  );
  // The label follows the marker in the next render: wait for it rather than read it in the same instant.
  const current = page.getByTestId('journey-current');
  expect(
    await settled(
      () => current.textContent(),
      (text) => text === 'Arrived at node',
    ),
  ).toBe('Arrived at node');
  expect(await page.locator('figcaption').textContent()).toContain('PEK-HUB-1');
  await shot(page, 'journey-map');
  await page.getByRole('button', { name: /First scan/ }).click();
  expect(await page.getByTestId('journey-current').textContent()).toBe('First scan');
});

it("shows regions' subgraph health and summaries to an admin, and the refusal to a customer", async () => {
  const page = await logIn('admin');
  await page.goto(`${web.url}#/regions`);
  const health = page.getByTestId('subgraph-health');
  await settled(
    () => health.locator('tbody tr').count(),
    (value) => value >= 6,
  );
  expect(await health.textContent()).toMatch(/region-cn.*UP/);
  // Core registers itself directly; it must heartbeat like the others or it reads DOWN while answering.
  expect(await health.locator('tr', { hasText: 'core-orders' }).textContent()).toMatch(/UP/);
  await page.getByTestId('schema-submissions').getByText('accepted').first().waitFor();
  await shot(page, 'regions-admin');

  const customer = await logIn('customer', ['cn'], 'demo-cn-3');
  await customer.goto(`${web.url}#/regions`);
  await customer.getByTestId('subgraph-health').getByTestId('problem-refused').waitFor();
  await shot(customer, 'regions-refused-customer');
});

it('marks a warehouse down and shows the re-allocation; an auditor is refused', async () => {
  const auditor = await logIn('auditor');
  await auditor.goto(`${web.url}#/warehouses`);
  const row = (page: Page) => page.locator('tr[data-node="cn-sha-dc"]');
  await row(auditor).waitFor();
  await row(auditor).getByRole('button', { name: 'Set' }).click();
  await row(auditor).getByTestId('problem-refused').waitFor();

  const page = await logIn('operator', ['cn']);
  await page.goto(`${web.url}#/warehouses`);
  await row(page).waitFor();
  expect(await row(page).getByTestId('status-cn-sha-dc').textContent()).toBe('UP');
  await row(page).getByLabel('Reason').fill('Power cut');
  await row(page).getByRole('button', { name: 'Set' }).click();
  await settled(
    () => page.getByTestId('reallocation-state').textContent(),
    (value) => /^Done/.test(String(value)),
  );
  await settled(
    () => row(page).getByTestId('status-cn-sha-dc').textContent(),
    (value) => value === 'DOWN',
  );
  expect(await row(page).textContent()).toContain('Power cut');
  expect(await page.getByTestId('problem-failed').count()).toBe(0);
  await shot(page, 'warehouses-node-down');
});

it('works a dwell alert in the inbox: assign, acknowledge, resolve; a customer is refused', async () => {
  const page = await logIn('operator', ['cn'], 'op-console');
  await page.goto(`${web.url}#/inbox`);
  const task = page.getByTestId('task').filter({ hasText: 'Dwell time' }).first();
  // The tracking sweep opens the alert on its own schedule: refresh until it is there (a reload would log
  // out: the token lives in memory only).
  await eventually(
    async () => {
      await page.getByRole('button', { name: 'Refresh' }).click();
      return task.count();
    },
    (count) => count > 0,
    { attempts: 60, intervalMs: 500 },
  );
  await task.getByRole('button', { name: 'Assign' }).click();
  await settled(
    () => task.getByTestId('task-state').textContent(),
    (value) => value === 'Assigned',
  );
  await task.getByRole('button', { name: 'Acknowledge' }).click();
  await settled(
    () => task.getByTestId('task-state').textContent(),
    (value) => value === 'Acknowledged',
  );
  await task.getByLabel('Note').fill('Called the hub');
  await task.getByRole('button', { name: 'Resolve' }).click();
  await settled(
    () => task.getByTestId('task-state').textContent(),
    (value) => value === 'Resolved',
  );
  await shot(page, 'inbox-resolved');

  const customer = await logIn('customer', ['cn'], 'demo-cn-3');
  await customer.goto(`${web.url}#/inbox`);
  await customer.getByTestId('problem-refused').waitFor();
});

it("draws a B2B customer's heatmap, refuses another customer's, and fits a phone screen", async () => {
  const page = await logIn('customer', ['cn'], 'demo-cn-3', { width: 390, height: 844 });
  await page.goto(`${web.url}#/b2b`);
  await page.getByTestId('heatmap-chart').locator('svg').waitFor();
  expect(await page.getByTestId('heatmap-cn').textContent()).toMatch(/CN/);
  const overflow = await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth - (globalThis as any).innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);
  await shot(page, 'b2b-heatmap-phone');

  const other = await logIn('customer', ['cn'], 'demo-cn-4');
  await other.goto(`${web.url}#/b2b?customer=demo-cn-3&days=7`);
  await other.getByTestId('problem-refused').waitFor();
});

it('drafts a percent discount from a form, has two approvers approve it, dry-runs, diffs and rolls back; the module map shows it', async () => {
  const editor = await logIn('rules_editor', [], 'editor-console');
  await editor.goto(`${web.url}#/rules`);
  await editor.getByTestId('module-map').locator('svg rect').first().waitFor();
  expect(await editor.getByTestId('module-map').locator('svg rect').count()).toBe(10);
  await editor.getByText('New rule set').click();
  await editor.getByLabel('Key', { exact: true }).fill('console-promo');
  await editor.getByLabel('Name', { exact: true }).fill('Console promotion');
  await editor.getByLabel('Module', { exact: true }).selectOption('PRICING');
  await editor.getByRole('button', { name: 'Create rule set' }).click();
  const detail = editor.getByTestId('rule-set-detail');
  await detail
    .getByRole('heading', { name: /Console promotion/ })
    .waitFor()
    .catch(async (error: unknown) => {
      await shot(editor, 'rules-create-failed');
      throw error;
    });

  // The form writes the CEL: 5 % off from 200.00.
  const form = editor.getByTestId('draft-editor');
  await form.getByLabel(/Items total from/).fill('20000');
  await form.getByLabel('Percent off').fill('5');
  expect(await form.getByLabel('Condition (CEL)').inputValue()).toBe('order.itemsTotal >= 20000');
  expect(await form.getByLabel('Value (CEL)').inputValue()).toBe('order.itemsTotal * 5 / 100');
  await form.getByRole('button', { name: 'Save draft' }).click();
  await form.getByTestId('draft-saved').waitFor();
  const version = (page: Page, number: number) => page.locator(`[data-testid="rule-version"][data-number="${number}"]`);
  const status = (page: Page, number: number) => version(page, number).getByTestId('version-status').textContent();
  await settled(
    () => status(editor, 1),
    (value) => value === 'Draft',
  );
  await version(editor, 1).getByRole('button', { name: 'Submit for review' }).click();
  await settled(
    () => status(editor, 1),
    (value) => value === 'In review',
  );
  await version(editor, 1).getByRole('button', { name: 'Dry-run' }).click();
  expect(await version(editor, 1).getByTestId('dry-run-result').textContent()).toMatch(/orders in the last 30 days would change/);
  // The author may not approve their own rules.
  await version(editor, 1).getByRole('button', { name: 'Approve' }).click();
  await version(editor, 1).getByTestId('problem-refused').waitFor();
  await shot(editor, 'rules-editor-draft');

  // Pricing needs two distinct approvers (four-eyes twice).
  for (const [subject, expected] of [
    ['approver-one', 'In review'],
    ['approver-two', 'Approved'],
  ] as const) {
    const approver = await logIn('rules_approver', [], subject);
    await approver.goto(`${web.url}#/rules/console-promo`);
    await version(approver, 1).getByRole('button', { name: 'Approve' }).click();
    await settled(
      () => version(approver, 1).locator('.meta').first().textContent(),
      (value) => value!.includes(subject),
    );
    expect(await status(approver, 1)).toBe(expected);
    if (expected === 'Approved') {
      await version(approver, 1).getByRole('button', { name: 'Activate' }).click();
      await settled(
        () => status(approver, 1),
        (value) => value === 'Scheduled' || value === 'Active',
      );
      await settled(
        () => approver.getByTestId('module-PRICING').textContent(),
        (value) => /console-promo · v1 (scheduled|active)/.test(String(value)),
      );
      await shot(approver, 'rules-approver-activated');
    }
  }

  // A second version from the form, compared with the first line by line.
  await editor.goto(`${web.url}#/rules/console-promo`);
  await form.getByLabel('Percent off').fill('10');
  await form.getByRole('button', { name: 'Save draft' }).click();
  await settled(
    () => status(editor, 2),
    (value) => value === 'Draft',
  );
  await editor.getByTestId('version-diff').getByText('Compare versions').click();
  const diff = editor.getByTestId('diff-rule');
  expect(await diff.count()).toBe(1);
  expect(await diff.getAttribute('data-change')).toBe('added');
  expect(await diff.textContent()).toContain('+ order.itemsTotal * 10 / 100');
  await shot(editor, 'rules-diff');

  // Roll back: the approver puts v1's rules in force now as a new version.
  const approver = await logIn('rules_approver', [], 'approver-one');
  await approver.goto(`${web.url}#/rules/console-promo`);
  await version(approver, 1).getByRole('button', { name: 'Roll back to this version' }).click();
  await settled(
    () => version(approver, 3).count(),
    (count) => count === 1,
  );
  expect(await status(approver, 3)).toBe('Active');
});

it('shows an auditor the audit trail page by page, and refuses the auditor any change to rules', async () => {
  const auditor = await logIn('auditor');
  await auditor.goto(`${web.url}#/audit`);
  const rows = auditor.getByTestId('audit-table').locator('tbody tr');
  await settled(
    () => rows.count(),
    (count) => count > 0,
  );
  const first = await rows.first().textContent();
  if (await auditor.getByRole('button', { name: 'Next page' }).isEnabled()) {
    await auditor.getByRole('button', { name: 'Next page' }).click();
    await settled(
      () => auditor.getByTestId('audit-page').textContent(),
      (value) => value === 'Page 2',
    );
    await settled(
      () => rows.first().textContent(),
      (value) => value !== first,
    );
  }
  expect(await auditor.getByTestId('problem-failed').count()).toBe(0);
  await shot(auditor, 'audit-trail-auditor');

  await auditor.goto(`${web.url}#/rules/console-promo`);
  const form = auditor.getByTestId('draft-editor');
  await form.getByRole('button', { name: 'Save draft' }).click();
  await form.getByTestId('problem-refused').waitFor();
  await shot(auditor, 'rules-auditor-refused');
});

it("filters orders by placing date on the server, and names a reversed range as the input's mistake", async () => {
  const page = await logIn('admin');
  const rows = page.getByTestId('orders-table').locator('tbody tr');
  const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toLocaleDateString('en-CA');
  await page.getByLabel('Region').selectOption('de');
  await page.getByLabel('Placed from').fill(day(0));
  await page.getByLabel('Placed to').fill(day(0));
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await settled(
    () => rows.count(),
    (value) => value === 4,
  );
  expect(page.url()).toContain(`from=${day(0)}`);
  await shot(page, 'orders-placed-today');

  await page.getByLabel('Placed from').fill(day(1));
  await page.getByLabel('Placed to').fill(day(2));
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.getByText('No orders match these filters.').waitFor();
  expect(await rows.count()).toBe(0);

  await page.getByLabel('Placed from').fill(day(2));
  await page.getByLabel('Placed to').fill(day(0));
  await page.getByRole('button', { name: 'Apply filters' }).click();
  const invalid = page.getByTestId('problem-invalid');
  await invalid.waitFor();
  expect(await invalid.textContent()).toMatch(/placedTo must be later than placedFrom/);
  await shot(page, 'orders-date-range-invalid');
});

it('shows a carrier event on the map as it arrives, without a reload', async () => {
  const registered = await postGraphQL(
    hub.gatewayUrl,
    `mutation($input: ShipmentRegisterInput!) { shipmentRegister(input: $input) { userErrors { code } } }`,
    { input: { orderId: demo.liveOrderId, carrierId: 'sf-express', trackingNumber: 'SF-CONSOLE-LIVE', route: ['HGH-WH-1', 'SHA-SORT-2', 'PEK-HUB-1'] } },
    admin,
  );
  expect(registered.data.shipmentRegister.userErrors).toEqual([]);
  const carrier = await scope.token({ subject: 'sf-express', role: 'carrier', regions: ['cn'] });
  const [first, second, third] = parcelEvents(demo.liveOrderId, 'SF-CONSOLE-LIVE', Date.now() + 8 * 3_600_000);
  const post = async (events: unknown[]) => {
    const answer = await fetch(`${hub.url('tracking')}/carrier-events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${carrier}` },
      body: JSON.stringify({ events }),
    });
    expect(answer.status).toBe(200);
  };
  await post([first, second]);

  const page = await logIn('operator', ['cn']);
  await page.goto(`${web.url}#/journey/${demo.liveOrderId}`);
  const map = page.getByTestId('journey-map');
  await map.waitFor();
  await settled(
    () => map.locator('circle.stop').count(),
    (count) => count === 2,
  );
  await settled(
    () => page.getByTestId('journey-live').getAttribute('data-state'),
    (state) => state === 'live',
  );
  // The carrier reports the next scan: it reaches the open page over tracking's event stream.
  await post([third]);
  await settled(
    () => map.locator('circle.stop').count(),
    (count) => count === 3,
  );
  expect(await page.getByTestId('journey-live').textContent()).toMatch(/Live.*\d+ so far/);
  await shot(page, 'journey-live-update');

  // Someone who may not read the order gets the refusal in place of the live feed.
  const other = await logIn('operator', ['de']);
  await other.goto(`${web.url}#/journey/${demo.liveOrderId}`);
  await other.getByTestId('problem-refused').first().waitFor();
});

it('works a CN return with door pickup step by step: service staff ask and book, the operator collects, inspects and refunds', async () => {
  const staff = await logIn('customer_service', ['cn'], 'cs-console');
  await staff.goto(`${web.url}#/returns/${demo.signedCnOrderId}`);
  const detail = staff.getByTestId('return-detail');
  await detail.getByRole('heading', { level: 1, name: `Returns of order ${demo.signedCnOrderNumber}` }).waitFor();
  const request = staff.getByTestId('return-request');
  await request.getByRole('spinbutton').first().fill('1');
  await request.getByRole('button', { name: 'Request return' }).click();
  const entry = (page: Page) => page.getByTestId('return').first();
  // Opens the return afresh (away and back) until what another person's step brought shows. Once, in a concurrent
  // clean-clone run, a page opened this way never showed the slots an operator had opened before (cause not found:
  // not reproduced alone, in pairs or beside CPU burners); a person would open it again, and so does the test.
  const reopenUntil = (page: Page, shown: () => Locator) =>
    eventually(
      async () => {
        await page.goto(`${web.url}#/returns`);
        await page.goto(`${web.url}#/returns/${demo.signedCnOrderId}`);
        return shown()
          .waitFor({ timeout: 10_000 })
          .then(
            () => true,
            () => false,
          );
      },
      (visible) => visible,
      { attempts: 4, intervalMs: 0 },
    );
  const state = (page: Page) => entry(page).getByTestId('return-state').textContent();
  await settled(
    () => state(staff),
    (value) => value === 'Requested',
  );
  // Opening pickup slots is the operator's: the staff member sees the refusal beside the step.
  await entry(staff)
    .getByRole('button', { name: /Offer next-day slots/ })
    .click();
  await entry(staff).getByTestId('problem-refused').waitFor();
  await shot(staff, 'returns-cs-requested');

  const operator = await logIn('operator', ['cn'], 'op-returns');
  // Core follows the region's step in its own time: the work list shows the return once core recorded it.
  await eventually(
    async () => {
      await operator.goto(`${web.url}#/orders`);
      await operator.goto(`${web.url}#/returns`);
      await operator.getByRole('heading', { name: 'Returns (CN)' }).waitFor();
      return operator.getByTestId('returns-open').getByRole('link', { name: demo.signedCnOrderNumber }).count();
    },
    (count) => count > 0,
    { attempts: 60, intervalMs: 500 },
  );
  await shot(operator, 'returns-list-operator');
  await operator.goto(`${web.url}#/returns/${demo.signedCnOrderId}`);
  await entry(operator)
    .getByRole('button', { name: /Offer next-day slots/ })
    .click();
  await entry(operator).getByTestId('pickup-slots').getByRole('radio').first().waitFor();

  await reopenUntil(staff, () => entry(staff).getByRole('radio').first());
  await entry(staff).getByRole('radio').first().check();
  await entry(staff).getByRole('button', { name: 'Book pickup' }).click();
  await settled(
    () => state(staff),
    (value) => value === 'Pickup scheduled',
  );
  expect(await entry(staff).getByTestId('return-pickup').textContent()).toMatch(/Pickup Scheduled/);
  // The courier's scan is the carrier's or an operator's.
  await entry(staff).getByRole('button', { name: 'Record courier pickup' }).click();
  await entry(staff).getByTestId('problem-refused').waitFor();

  await reopenUntil(operator, () => entry(operator).getByRole('button', { name: 'Record courier pickup' }));
  await entry(operator).getByRole('button', { name: 'Record courier pickup' }).click();
  await settled(
    () => state(operator),
    (value) => value === 'Picked up',
  );
  await entry(operator).getByRole('button', { name: 'Record inspection' }).click();
  await settled(
    () => state(operator),
    (value) => value === 'Received',
  );
  await entry(operator).getByRole('button', { name: 'Settle and refund' }).click();
  await settled(
    () => state(operator),
    (value) => value === 'Refunded',
  );
  expect(await entry(operator).getByTestId('return-refund').textContent()).toMatch(/Refunded .*¥/);
  expect(await entry(operator).locator('.stepper li.done').count()).toBe(5);
  await shot(operator, 'returns-refunded-operator');
});

it('lists every CN return, open and settled apart, a page at a time and filtered by state', async () => {
  const staff = await logIn('customer_service', ['cn'], 'cs-list');
  // Two rows a page (the address may set it), so the seeded settled returns take more than one page.
  await staff.goto(`${web.url}#/returns?rows=2`);
  await staff.getByRole('heading', { level: 1, name: 'Returns (CN)' }).waitFor();
  const closed = staff.getByTestId('returns-closed-list');
  const closedRows = closed.locator('tbody tr');
  await settled(
    () => closedRows.count(),
    (count) => count === 2,
  );
  await closed.getByRole('button', { name: 'Load more' }).click();
  await settled(
    () => closedRows.count(),
    (count) => count >= 3,
  );
  const states = await closedRows.evaluateAll((rows) => rows.map((row) => (row as any).dataset.state as string));
  expect(states).toEqual(expect.arrayContaining(['REFUNDED', 'REJECTED', 'WITHDRAWN']));
  expect(states.every((state) => ['REFUNDED', 'REJECTED', 'WITHDRAWN', 'REFUSED_BY_CORE'].includes(state))).toBe(true);
  const numbers = await closedRows.locator('td:first-child').allTextContents();
  expect(new Set(numbers).size).toBe(numbers.length);
  expect(await closed.getByRole('table').locator('th[scope="col"]').allTextContents()).toEqual(['Order', 'Customer', 'Return', 'Requested', 'Refund due']);
  await shot(staff, 'returns-lists-paged');

  const open = staff.getByTestId('returns-open-list');
  await open.locator('tbody tr[data-state="REQUESTED"]').first().waitFor();
  expect(await open.locator('tbody tr').evaluateAll((rows) => rows.map((row) => (row as any).dataset.state as string))).not.toContain('REFUNDED');

  await closed.getByLabel('State').selectOption('REFUNDED');
  await settled(
    () => closedRows.evaluateAll((rows) => rows.map((row) => (row as any).dataset.state as string)),
    (shown) => shown.length > 0 && shown.every((state) => state === 'REFUNDED'),
  );
  expect(staff.url()).toContain('closed=REFUNDED');
  // The seeded refund, whichever other refunds (the step-by-step test's) are listed beside it.
  expect(await closedRows.allTextContents()).toContainEqual(expect.stringMatching(new RegExp(`${RETURNS_CUSTOMER}-\\d+Refunded`)));
  await closed.getByLabel('State').selectOption('WITHDRAWN');
  await settled(
    () => closedRows.evaluateAll((rows) => rows.map((row) => (row as any).dataset.state as string)),
    (shown) => shown.length > 0 && shown.every((state) => state === 'WITHDRAWN'),
  );
  await open.getByLabel('State').selectOption('PICKED_UP');
  await open.getByText('No open returns.').waitFor();
  await shot(staff, 'returns-lists-filtered');

  // The list is service staff's: a CN customer is refused it, in place of both lists.
  const customer = await logIn('customer', ['cn'], 'demo-cn-3');
  await customer.goto(`${web.url}#/returns`);
  await customer.getByTestId('returns-closed-list').getByTestId('problem-refused').waitFor();
});

it('shows a status step made through the API on an order page that is already open, without a reload', async () => {
  const operator = await logIn('operator', ['cn'], 'op-live');
  const orders = (
    await postGraphQL(
      hub.gatewayUrl,
      `query { orders(first: 50, filter: { region: "cn", status: CREATED }) { nodes { id number version customerRef } } }`,
      {},
      admin,
    )
  ).data.orders.nodes.filter((order: { id: string }) => ![demo.cnOrderId, demo.trackedOrderId, demo.liveOrderId].includes(order.id));
  const order = orders[0];
  await operator.goto(`${web.url}#/orders/${order.id}`);
  const detail = operator.getByTestId('order-detail');
  await detail.getByRole('heading', { level: 1, name: `Order ${order.number}` }).waitFor();
  await detail.getByText(/^Updated \d\d:\d\d:\d\d/).waitFor();
  const before = await detail.getByTestId('order-updated').locator('time').getAttribute('datetime');
  expect(await detail.locator('.status').first().textContent()).toBe('Created');

  const note = `Paid at the counter ${Date.now()}`;
  const moved = await postGraphQL(
    hub.gatewayUrl,
    `mutation($input: ChangeOrderStatusInput!) { changeOrderStatus(input: $input) { status version } }`,
    { input: { orderId: order.id, status: 'PAID', expectedVersion: order.version, note } },
    admin,
  );
  expect(moved.errors).toBeUndefined();
  // The page reads the order again every few seconds while visible: wait for the step to appear.
  await detail.getByTestId('order-timeline').getByText(note).waitFor({ timeout: 30_000 });
  expect(await detail.locator('.status').first().textContent()).toBe('Paid');
  await settled(
    () => detail.getByTestId('order-updated').locator('time').getAttribute('datetime'),
    (after) => Date.parse(after!) > Date.parse(before!),
  );
  await shot(operator, 'order-detail-live');
});

it('runs DE privacy requests: a customer exports their data, staff erase a customer, and the roles that may not are refused', async () => {
  const operator = await logIn('operator', ['de']);
  await operator.goto(`${web.url}#/privacy`);
  await operator.getByRole('button', { name: 'Prepare export' }).click();
  await operator.getByTestId('privacy-export').getByTestId('problem-refused').waitFor();
  await shot(operator, 'privacy-export-refused-operator');

  const customer = await logIn('customer', ['de'], 'demo-de-1');
  await customer.goto(`${web.url}#/privacy`);
  await customer.getByRole('button', { name: 'Prepare export' }).click();
  const result = customer.getByTestId('export-result');
  await result.waitFor();
  expect(await result.getByRole('link', { name: /Download de-data-export.json/ }).getAttribute('href')).toMatch(/^blob:/);
  const storage = await customer.evaluate(() => {
    const { localStorage, sessionStorage, document } = globalThis as any;
    return { local: localStorage.length, session: sessionStorage.length, cookies: document.cookie };
  });
  expect(storage).toEqual({ local: 0, session: 0, cookies: '' });
  await shot(customer, 'privacy-export-customer');

  const staff = await logIn('customer_service', ['de'], 'cs-de-console');
  await staff.goto(`${web.url}#/privacy`);
  const erasure = staff.getByTestId('privacy-erasure');
  await erasure.getByLabel('Customer reference').fill('demo-de-3');
  const erase = erasure.getByRole('button', { name: 'Erase personal data' });
  expect(await erase.isDisabled()).toBe(true);
  await erasure.getByLabel(/erasure cannot be undone/).check();
  await erase.click();
  const report = erasure.getByTestId('erasure-report');
  await report.waitFor();
  expect(await report.textContent()).toMatch(/Orders restricted .*: \d+/);
  expect(await report.textContent()).toMatch(/still being fulfilled, erased when they close: [1-9]/);
  await shot(staff, 'privacy-erasure-staff');

  const otherRegion = await logIn('customer_service', ['cn'], 'cs-cn-console');
  await otherRegion.goto(`${web.url}#/privacy`);
  const refused = otherRegion.getByTestId('privacy-erasure');
  await refused.getByLabel('Customer reference').fill('demo-de-2');
  await refused.getByLabel(/erasure cannot be undone/).check();
  await refused.getByRole('button', { name: 'Erase personal data' }).click();
  await refused.getByTestId('problem-refused').or(refused.getByTestId('user-errors')).first().waitFor();
});

it('restricts processing of a DE customer from the privacy view, which staff reads honour, and lifts it once the customer was informed', async () => {
  const { nodes } = (await postGraphQL(hub.gatewayUrl, `query { orders(first: 50, filter: { region: "de" }) { nodes { id customerRef } } }`, {}, admin)).data
    .orders;
  const orderId = nodes.find((order: { customerRef: string }) => order.customerRef === 'demo-de-0').id;
  const operatorToken = await scope.token({ subject: 'op-de-console', role: 'operator', regions: ['de'] });
  const operatorReads = async () =>
    (await postGraphQL(hub.gatewayUrl, `query($id: ID!) { order(id: $id) { de { customer { name } } } }`, { id: orderId }, operatorToken)).errors?.[0]
      ?.extensions?.reason ?? 'SHOWN';
  expect(await operatorReads()).toBe('SHOWN');

  const staff = await logIn('customer_service', ['de'], 'cs-de-restrict');
  await staff.goto(`${web.url}#/privacy`);
  const panel = staff.getByTestId('privacy-restriction');
  await panel.getByLabel('Customer reference').fill('demo-de-0');
  await panel.getByRole('button', { name: 'Show restrictions' }).click();
  await panel.getByTestId('restriction-none').waitFor();
  await panel.getByLabel('Ground (art. 18(1))').selectOption('OBJECTION_PENDING');
  await panel.getByLabel(/^Note/).fill('Objection to profiling received by letter');
  await panel.getByRole('button', { name: 'Request restriction' }).click();
  const inForce = panel.getByTestId('restriction-in-force');
  await inForce.waitFor();
  expect(await inForce.textContent()).toMatch(/Restricted since .*: Objection pending/);
  expect(
    await panel
      .getByTestId('restriction-effects')
      .getByRole('row', { name: /Staff disclosure/ })
      .textContent(),
  ).toContain('Stopped');
  expect(await panel.getByTestId('restriction-history').textContent()).toMatch(
    /Objection pending, requested .* by cs-de-restrict \(Objection to profiling received by letter\): in force/,
  );
  expect(await operatorReads()).toBe('RESTRICTED');
  await shot(staff, 'privacy-restriction-in-force');

  const liftButton = panel.getByRole('button', { name: 'Lift restriction' });
  await panel.getByLabel('Reason for lifting').fill('Objection verified: our grounds do not override');
  expect(await liftButton.isDisabled()).toBe(true);
  await panel.getByLabel(/customer was informed before lifting/).check();
  await liftButton.click();
  await panel.getByTestId('restriction-none').waitFor();
  expect(await panel.getByTestId('restriction-history').textContent()).toMatch(
    /lifted .* by cs-de-restrict, customer informed .*: Objection verified: our grounds do not override/,
  );
  expect(await operatorReads()).toBe('SHOWN');
  await shot(staff, 'privacy-restriction-lifted');

  // The customer sees their own history and may ask, but lifting is the controller's step (art. 18(3)).
  const customer = await logIn('customer', ['de'], 'demo-de-0');
  await customer.goto(`${web.url}#/privacy`);
  const own = customer.getByTestId('privacy-restriction');
  expect(await own.getByLabel('Customer reference').count()).toBe(0);
  await own.getByRole('button', { name: 'Show restrictions' }).click();
  await own.getByTestId('restriction-history').waitFor();
  expect(await own.getByRole('button', { name: 'Request restriction' }).isVisible()).toBe(true);
  expect(await own.getByRole('button', { name: 'Lift restriction' }).count()).toBe(0);

  const otherRegion = await logIn('customer_service', ['cn'], 'cs-cn-restrict');
  await otherRegion.goto(`${web.url}#/privacy`);
  const refused = otherRegion.getByTestId('privacy-restriction');
  await refused.getByLabel('Customer reference').fill('demo-de-0');
  await refused.getByRole('button', { name: 'Show restrictions' }).click();
  await refused.getByTestId('problem-refused').waitFor();
});

it('drafts presale, points and gift rules from forms and shows the payment preview and outcome diff of a dry-run', async () => {
  const editor = await logIn('rules_editor', [], 'editor-terms');
  for (const [key, name, module] of [
    ['console-points', 'Console points', 'POINTS'],
    ['console-gifts', 'Console gifts', 'GIFT'],
    ['console-presale', 'Console presale', 'PRESALE'],
  ] as const) {
    await editor.goto(`${web.url}#/rules`);
    // The form stays open after the first rule set: open it only when it is closed.
    if (!(await editor.getByLabel('Key', { exact: true }).isVisible())) await editor.getByText('New rule set').click();
    await editor.getByLabel('Key', { exact: true }).fill(key);
    await editor.getByLabel('Name', { exact: true }).fill(name);
    await editor.getByLabel('Module', { exact: true }).selectOption(module);
    await editor.getByRole('button', { name: 'Create rule set' }).click();
    await editor
      .getByTestId('rule-set-detail')
      .getByRole('heading', { name: new RegExp(name) })
      .waitFor();
  }

  // The presale form writes one rule per term under one condition.
  const form = editor.getByTestId('draft-editor');
  await form.getByLabel('Presale SKU').fill('HDP-BT-200');
  await form.getByLabel('Deposit (minor units)').fill('5000');
  await form.getByLabel('Deposit counts as (minor units)').fill('8000');
  const terms = form.getByTestId('draft-terms');
  expect(await terms.locator('tbody tr td:first-child').allTextContents()).toEqual([
    'DEPOSIT',
    'COUNTS_AS',
    'FINAL_OPENS_AT',
    'FINAL_CLOSES_AT',
    'REMIND_BEFORE_MINUTES',
    'REMIND_BEFORE_MINUTES',
  ]);
  expect(await form.getByLabel('Condition (CEL)').inputValue()).toBe('order.lines.exists(l, l.sku == "HDP-BT-200")');
  await form.getByRole('button', { name: 'Save draft' }).click();
  await form.getByTestId('draft-saved').waitFor();
  await shot(editor, 'rules-presale-form');

  // Points: earn 1 per 100, a point pays 1, points pay at most 50 %.
  await editor.goto(`${web.url}#/rules/console-points`);
  await form.getByLabel('Points pay at most (%)').fill('50');
  expect(await terms.locator('tbody tr').allTextContents()).toEqual([
    expect.stringContaining('EARN_PER_1001'),
    expect.stringContaining('POINT_VALUE1'),
    expect.stringContaining('SPEND_CAP_BP5000'),
  ]);
  await form.getByRole('button', { name: 'Save draft' }).click();
  await form.getByTestId('draft-saved').waitFor();
  const version = editor.locator('[data-testid="rule-version"][data-number="1"]');
  await version.getByRole('button', { name: 'Dry-run' }).click();
  const dryRun = version.getByTestId('dry-run-result');
  await dryRun.waitFor();
  const changed = await version.getByTestId('dry-run-change').count();
  if (changed > 0) {
    await version.getByTestId('payment-preview').first().waitFor();
    expect(await version.getByTestId('outcome-diff').first().textContent()).toMatch(/payment/);
  }
  await shot(editor, 'rules-points-dry-run');

  // A gift with purchase: the rule's value is the gift's SKU, under the threshold, the SKU it goes with and the region.
  await editor.goto(`${web.url}#/rules/console-gifts`);
  await form.getByLabel('Gift SKU').fill('SILK');
  await form.getByLabel('Items total from (minor units)').fill('30000');
  await form.getByLabel('Only with SKU (optional)').fill('TEA-LJ-250');
  await form.getByLabel('Only in region').selectOption('cn');
  await form.getByLabel('Label for the customer').fill('A silk scarf with your tea');
  expect(await form.getByLabel('Condition (CEL)').inputValue()).toBe(
    'order.itemsTotal >= 30000\n&& order.lines.exists(l, l.sku == "TEA-LJ-250")\n&& order.region == "cn"',
  );
  expect(await form.getByLabel('Value (CEL)').inputValue()).toBe('"SILK"');
  await form.getByRole('button', { name: 'Save draft' }).click();
  await form.getByTestId('draft-saved').waitFor();
  await editor.getByTestId('rule-version').filter({ hasText: 'gift-silk-with-tea-lj-250-from-30000' }).waitFor();
  await shot(editor, 'rules-gift-form');
});

it('sets tracking notice preferences in Chinese, and shows staff the refusal', async () => {
  const customer = await logIn('customer', ['cn'], 'demo-cn-3');
  await customer.goto(`${web.url}#/notices`);
  const form = customer.getByTestId('notices-cn');
  await form.getByLabel('Language').selectOption('zh');
  await form.getByLabel('Time zone').selectOption('Asia/Shanghai');
  await form.getByLabel('From', { exact: true }).fill('22:00');
  await form.getByLabel('To', { exact: true }).fill('07:00');
  await form.getByRole('button', { name: 'Save preference' }).click();
  await settled(
    () => form.getByTestId('notices-cn-saved').textContent(),
    (value) => /zh, Asia\/Shanghai, quiet 22:00-07:00/.test(String(value)),
  );
  expect(await form.getByLabel('Language').locator('option:checked').textContent()).toBe('中文 (Chinese)');
  await shot(customer, 'notices-customer-cn');

  const operator = await logIn('operator', ['cn']);
  await operator.goto(`${web.url}#/notices`);
  await operator.getByTestId('notices-cn').getByTestId('problem-refused').waitFor();
});
