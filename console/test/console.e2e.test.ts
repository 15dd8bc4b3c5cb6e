import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createDemoSeedContext } from '@hub/shared/demo/demo-seed';
import { createTestScope, eventually, postGraphQL } from '@hub/shared/testing/harness';
import { startHubProcesses, type HubProcesses } from '@hub/shared/testing/hub-processes';
import { startConsoleServer, type RunningConsole } from '../server/console-server.js';
import { parcelEvents, seedConsoleDemo } from './demo-data.js';

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
const demo = { cnOrderId: '', cnOrderNumber: '', deOrderId: '', trackedOrderId: '' };

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
  web = await startConsoleServer({ gatewayUrl, publicDir: new URL('../dist/public/', import.meta.url).pathname, developmentLogin: jwt });
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
}, 300_000);

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
