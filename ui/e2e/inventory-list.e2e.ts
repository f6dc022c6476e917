// The inventory as a contract list in the real window (issue 14, item 4): a
// customer with instances at two locations (Hamburg: two employees and a
// firewall; Berlin: an employee with a purchased notebook and its mandatory
// device management), an employee without a location, a cloud container (a VM
// and its cloud zone) and customer-wide (the Microsoft 365 tenant), all set up
// with the CLI. Each place is a heading with its subtotal, then the customer
// total; nothing due is an empty cell; a column header sorts and reverses; the
// status filter narrows the list; a row's "⋯" menu opens with the keyboard and
// cancels an instance; nothing scrolls sideways at 1280×800, in English and in
// German. Screenshots: i14-inventory-*.png.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Key } from 'webdriverio';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { app, outDir, screenshot, startApp, type Session } from './harness';

let session: Session;
let browser: WebdriverIO.Browser;

const text = (selector: string) =>
  browser.execute((s: string) => (document.querySelector(s)?.textContent ?? '').replace(/\s+/g, ' ').trim(), selector);

interface ShownPlace {
  key: string;
  name: string;
  heading: string;
  monthly: string;
  oneTime: string;
  rows: { item: string; status: string; context: string; monthly: string; oneTime: string; start: string }[];
}

/** The places as shown: heading, the core's subtotal, and the rows under it. */
function places(): Promise<ShownPlace[]> {
  return browser.execute(() => {
    const clean = (e: Element | null | undefined) => (e?.textContent ?? '').replace(/\s+/g, ' ').trim();
    return Array.from(document.querySelectorAll('[data-testid="place"]'), (body) => {
      const head = body.querySelector('[data-testid="place-subtotal"]');
      return {
        key: body.getAttribute('data-place') ?? '',
        name: clean(body.querySelector('[data-testid="place-name"]')),
        heading: clean(head),
        monthly: head?.getAttribute('data-monthly') ?? '',
        oneTime: head?.getAttribute('data-one-time') ?? '',
        rows: Array.from(body.querySelectorAll('[data-testid="instance-row"]'), (row) => ({
          item: row.getAttribute('data-item') ?? '',
          status: row.getAttribute('data-status') ?? '',
          context: clean(row.querySelectorAll('td')[1]?.querySelector('div')),
          monthly: clean(row.querySelector('[data-testid="instance-monthly"]')),
          oneTime: clean(row.querySelector('[data-testid="instance-one-time"]')),
          start: clean(row.querySelector('[data-testid="instance-start"]')),
        })),
      };
    });
  });
}

/** Sideways overflow of the list, the panes and the page (each scrollWidth − clientWidth). */
const sideways = () =>
  browser.execute(() => {
    const over = (e: Element | null) => (e ? e.scrollWidth - e.clientWidth : 0);
    const list = document.querySelector('[data-testid="inventory-list"]');
    return {
      list: over(list),
      pane: over(list?.closest('.pane') ?? null),
      panes: Math.max(0, ...Array.from(document.querySelectorAll('.pane, main'), over)),
      page: over(document.scrollingElement),
    };
  });

async function expectNoSidewaysScroll() {
  const s = await sideways();
  expect(s.list, 'the list fits its pane').toBeLessThanOrEqual(0);
  expect(s.pane, 'the inventory pane does not scroll sideways').toBeLessThanOrEqual(0);
  expect(s.panes, 'no pane scrolls sideways').toBeLessThanOrEqual(0);
  expect(s.page, 'the page does not scroll sideways').toBeLessThanOrEqual(0);
}

const rowSelector = (item: string) => `[data-testid="instance-row"][data-item="${item}"]`;

async function sortBy(key: string) {
  await browser.$(`[data-testid="sort"][data-key="${key}"]`).click();
}

async function filter(value: string) {
  await browser.$('[data-testid="inventory-filter"]').selectByAttribute('value', value);
}

beforeAll(async () => {
  session = await startApp(4560, (db) => {
    const dir = join(db, '..');
    const run = (...args: string[]) => execFileSync(app, ['--db', db, ...args], { encoding: 'utf8' }).trim();
    const id = Number(run('customer', 'create', '--name', 'Nordwind GmbH', '--city', 'Hamburg', '--country', 'DE'));
    const staff = join(dir, 'staff.csv');
    writeFileSync(
      staff,
      ['name;email;department;location', 'Anna Schmidt;anna@nordwind.example;Sales;Hamburg', 'Ben Keller;ben@nordwind.example;Sales;Hamburg', 'Clara Wolf;clara@nordwind.example;Sales;Berlin', 'Max Roth;max@nordwind.example;Field;'].join(
        '\n',
      ) + '\n',
    );
    run('customer', 'import-employees', String(id), staff);
    const erp = Number(run('customer', 'add-container', String(id), '--name', 'ERP', '--application', 'SAP Business One'));
    const structure = JSON.parse(run('customer', 'show', String(id), '--json')) as {
      locations: { id: number; name: string }[];
      employees: { id: number; name: string }[];
    };
    const location = (name: string) => structure.locations.find((l) => l.name === name)?.id;
    const employee = (name: string) => structure.employees.find((e) => e.name === name)?.id;
    const book = (name: string, request: object) => {
      const file = join(dir, `${name}.json`);
      writeFileSync(file, JSON.stringify({ customer_id: id, quantity: 1, start_date: '2026-01-01', include_optional: [], ...request }));
      run('book', '--request', file, '--apply');
    };
    // Managed365 Basic for all four (7.90 each) brings the tenant (49.00 + 490.00 setup, customer-wide).
    book('m365', { item: 'SVC-M365', variant: 'BASIC', options: [{ group: 'SUPPORT', choice: '8X5' }], offer_type: 'rental', contexts: 'all_employees' });
    // A firewall at Hamburg: 89.00 a month, 290.00 setup.
    book('firewall', { item: 'SVC-FIREWALL', variant: 'S', options: [], offer_type: 'rental', contexts: { contexts: [{ context: 'location', id: location('Hamburg') }] } });
    // A VM in the ERP container (79.00) brings the cloud zone (149.00 + 750.00 setup).
    book('vm', { item: 'SVC-VM', variant: 'S', options: [{ group: 'OS', choice: 'LINUX' }], offer_type: 'rental', contexts: { contexts: [{ context: 'cloud_container', id: erp }] } });
    // Clara buys a notebook (1,249.00 once) with its mandatory device management (4.90).
    book('notebook', { item: 'NB-LEN-T14G5', offer_type: 'purchase', contexts: { contexts: [{ context: 'employee', id: employee('Clara Wolf') }] } });
  });
  browser = session.browser;
  await browser.setWindowSize(1280, 800);
  await browser.$('[data-testid="lang-en"]').click();
  await browser.$('[data-testid="nav-customers"]').click();
  await browser.waitUntil(async () => (await places()).length === 5, { timeout: 10_000, timeoutMsg: 'the inventory shows five places' });
});

let failures = 0;
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  failures += 1;
  await screenshot(browser, join(outDir, `i14-inventory-failure-${failures}.png`)).catch(() => undefined);
});

afterAll(async () => {
  await session?.stop();
});

describe('the inventory as a contract list', () => {
  it('groups the instances under their places with subtotals, then the customer total', async () => {
    const shown = await places();
    expect(shown.map((p) => p.name)).toEqual(['Berlin', 'Hamburg', 'ERP', 'Employees without a location', 'Customer-wide']);
    expect(shown.map((p) => [p.monthly, p.oneTime])).toEqual([
      ['12.80', '1249.00'],
      ['104.80', '290.00'],
      ['228.00', '750.00'],
      ['7.90', '0.00'],
      ['49.00', '490.00'],
    ]);
    // What is shown is those amounts, formatted; a place with no one-time cost shows none.
    const hamburg = shown[1]!;
    expect(hamburg.heading).toContain('Hamburg');
    expect(hamburg.heading).toContain('Location');
    expect(hamburg.heading).toContain('3 contracts');
    expect(hamburg.heading).toContain('€104.80');
    expect(hamburg.heading).toContain('€290.00');
    expect(shown[3]!.heading).not.toContain('€0.00');
    expect(hamburg.rows.map((r) => r.item).sort()).toEqual(['SVC-FIREWALL', 'SVC-M365', 'SVC-M365']);
    expect(shown[0]!.rows.map((r) => r.item)).toEqual(['SVC-M365', 'NB-LEN-T14G5', 'SVC-MDM']);
    expect(shown[2]!.rows.map((r) => r.item).sort()).toEqual(['BAS-CLOUD-ZONE', 'SVC-VM']);
    expect(shown[3]!.rows.map((r) => r.context)).toEqual(['Max Roth']);
    expect(shown[4]!.rows.map((r) => r.item)).toEqual(['BAS-M365-TENANT']);
    expect(shown[4]!.rows[0]!.context).toBe('Customer-wide');

    const total = await browser.$('[data-testid="inventory-total"]');
    expect(await total.getAttribute('data-monthly')).toBe('402.50');
    expect(await total.getAttribute('data-one-time')).toBe('2779.00');
    expect(await text('[data-testid="inventory-total"]')).toContain('€402.50');
    expect(await text('[data-testid="inventory-total"]')).toContain('€2,779.00');
  });

  it('leaves nothing due empty: a purchase has no monthly amount, a rental without setup no one-time amount', async () => {
    const berlin = (await places())[0]!;
    const notebook = berlin.rows.find((r) => r.item === 'NB-LEN-T14G5')!;
    expect(notebook.monthly).toBe('');
    expect(notebook.oneTime).toBe('€1,249.00');
    const m365 = berlin.rows.find((r) => r.item === 'SVC-M365')!;
    expect(m365.monthly).toBe('€7.90');
    expect(m365.oneTime).toBe('');
    expect(await text('[data-testid="inventory-list"]')).not.toContain('€0.00');
    expect(m365.start).toBe('1 Jan 2026');
  });

  it('sorts by a column header, and again in reverse; linked instances stay under their parent', async () => {
    await sortBy('monthly');
    let hamburg = (await places())[1]!;
    expect(hamburg.rows.map((r) => r.item)).toEqual(['SVC-M365', 'SVC-M365', 'SVC-FIREWALL']);
    expect(await browser.$('[data-testid="sort"][data-key="monthly"]').$('..').getAttribute('aria-sort')).toBe('ascending');
    await sortBy('monthly');
    hamburg = (await places())[1]!;
    expect(hamburg.rows.map((r) => r.item)).toEqual(['SVC-FIREWALL', 'SVC-M365', 'SVC-M365']);
    expect(await browser.$('[data-testid="sort"][data-key="monthly"]').$('..').getAttribute('aria-sort')).toBe('descending');
    await sortBy('item');
    const berlin = (await places())[0]!;
    // "Lenovo…" before "Managed365"; the device management hangs below its notebook.
    expect(berlin.rows.map((r) => r.item)).toEqual(['NB-LEN-T14G5', 'SVC-MDM', 'SVC-M365']);
    await sortBy('context');
    hamburg = (await places())[1]!;
    expect(hamburg.rows.map((r) => r.context)).toEqual(['Anna Schmidt', 'Ben Keller', 'Hamburg']);
  });

  it('opens a row menu with the keyboard, moves with the arrows, closes with Escape', async () => {
    const trigger = await browser.$(`${rowSelector('SVC-FIREWALL')} [data-testid="row-menu"]`);
    await browser.execute((el) => (el as unknown as HTMLElement).focus(), trigger);
    await browser.keys([Key.Enter]);
    await browser.$('[data-testid="row-menu-list"]').waitForExist({ timeout: 5_000, timeoutMsg: 'Enter opens the menu' });
    const focused = () => browser.execute(() => document.activeElement?.textContent?.trim() ?? '');
    const labels = await browser.execute(() => Array.from(document.querySelectorAll('[data-testid="row-menu-list"] [role="menuitem"]'), (e) => e.textContent?.trim() ?? ''));
    expect(labels).toEqual(['Change…', 'Add-on…', 'Provision', 'Cancel']);
    expect(await focused()).toBe('Change…');
    await browser.keys([Key.ArrowDown]);
    expect(await focused()).toBe('Add-on…');
    await browser.keys([Key.ArrowUp]);
    expect(await focused()).toBe('Change…');
    await browser.keys([Key.ArrowUp]);
    expect(await focused()).toBe('Cancel');
    await browser.keys([Key.Escape]);
    await browser.waitUntil(async () => !(await browser.$('[data-testid="row-menu-list"]').isExisting()), { timeout: 5_000, timeoutMsg: 'Escape closes the menu' });
    expect(await browser.execute(() => document.activeElement?.getAttribute('data-testid'))).toBe('row-menu');
    await browser.keys([Key.Space]);
    await browser.$('[data-testid="row-menu-list"]').waitForExist({ timeout: 5_000, timeoutMsg: 'Space opens the menu' });
    await browser.keys([Key.Escape]);
  });

  it('cancels an instance from its row menu, and the status filter finds it', async () => {
    await browser.$(`${rowSelector('SVC-FIREWALL')} [data-testid="row-menu"]`).click();
    await screenshot(browser, join(outDir, 'i14-inventory-menu-en.png'));
    await browser.$('[data-testid="row-menu-list"] [data-testid="transition"][data-to="cancelled"]').click();
    await browser.waitUntil(async () => (await browser.$(rowSelector('SVC-FIREWALL')).getAttribute('data-status')) === 'cancelled', {
      timeout: 10_000,
      timeoutMsg: 'the firewall is cancelled',
    });
    // A cancelled contract still runs to its end: it still counts.
    expect((await places())[1]!.monthly).toBe('104.80');

    await filter('cancelled');
    let shown = await places();
    expect(shown.map((p) => p.name)).toEqual(['Hamburg']);
    expect(shown[0]!.rows.map((r) => r.item)).toEqual(['SVC-FIREWALL']);
    await filter('running');
    shown = await places();
    expect(shown.flatMap((p) => p.rows.map((r) => r.status)).every((s) => ['ordered', 'provisioning', 'active'].includes(s))).toBe(true);
    expect(shown.flatMap((p) => p.rows).length).toBe(9);
    await filter('planned');
    expect(await places()).toEqual([]);
    expect(await text('[data-testid="inventory-filtered-out"]')).toBe('Nothing to show for “planned”.');
    // The customer total does not depend on the filter.
    expect(await browser.$('[data-testid="inventory-total"]').getAttribute('data-monthly')).toBe('402.50');

    // The filter is remembered while the view is open: another view and back keeps it.
    await filter('cancelled');
    await browser.$('[data-testid="nav-offers"]').click();
    await browser.$('[data-testid="nav-customers"]').click();
    await browser.waitUntil(async () => (await places()).length === 1, { timeout: 10_000, timeoutMsg: 'the filtered inventory is shown again' });
    expect(await browser.$('[data-testid="inventory-filter"]').getValue()).toBe('cancelled');
    await filter('all');
    await browser.waitUntil(async () => (await places()).length === 5, { timeout: 5_000, timeoutMsg: 'every place again' });
  });

  it('fits 1280×800 without a sideways scrollbar in English', async () => {
    await expectNoSidewaysScroll();
    await screenshot(browser, join(outDir, 'i14-inventory-en.png'));
  });

  it('fits 1280×800 in German, with German dates, units and place names, menu open', async () => {
    await browser.$('[data-testid="lang-de"]').click();
    await browser.waitUntil(async () => (await places())[3]?.name === 'Mitarbeiter ohne Standort', { timeout: 5_000, timeoutMsg: 'German place names' });
    const shown = await places();
    expect(shown.map((p) => p.name)).toEqual(['Berlin', 'Hamburg', 'ERP', 'Mitarbeiter ohne Standort', 'Kundenweit']);
    expect(shown[1]!.heading).toContain('Standort');
    expect(shown[1]!.heading).toContain('Zwischensumme');
    expect(shown[1]!.heading).toContain('104,80 €');
    expect(shown[0]!.rows.find((r) => r.item === 'SVC-M365')!.start).toBe('01.01.2026');
    expect(await text('[data-testid="inventory-total"]')).toContain('402,50 €');
    expect(await text('[data-testid="inventory-total"]')).toContain('2.779,00 €');
    expect(await text('[data-testid="inventory-list"]')).not.toMatch(/(^|[^\d.])0,00 €/);
    expect(shown[4]!.rows[0]!.context).toBe('Kundenweit');
    // Why an instance was added is said in German too (the core stores it in English).
    const chip = (item: string) => browser.$(`${rowSelector(item)} .chip`).getAttribute('title');
    expect(await chip('SVC-MDM')).toBe('Mit Lenovo ThinkPad T14 Gen 5 hinzugefügt');
    expect(await chip('BAS-CLOUD-ZONE')).toBe('Als Basisdienst hinzugefügt, den andere Buchungen brauchen');
    await expectNoSidewaysScroll();
    await screenshot(browser, join(outDir, 'i14-inventory-de.png'));

    // The longest German actions ("Außer Betrieb nehmen") stay inside the window.
    await browser.$(`${rowSelector('SVC-FIREWALL')} [data-testid="row-menu"]`).click();
    const labels = await browser.execute(() => Array.from(document.querySelectorAll('[data-testid="row-menu-list"] [role="menuitem"]'), (e) => e.textContent?.trim() ?? ''));
    expect(labels).toEqual(['Zusatzleistung…', 'Außer Betrieb nehmen']);
    const box = await browser.execute(() => {
      const r = document.querySelector('[data-testid="row-menu-list"]')!.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    });
    expect(box.left).toBeGreaterThanOrEqual(0);
    expect(box.right).toBeLessThanOrEqual(1280);
    await expectNoSidewaysScroll();
    await screenshot(browser, join(outDir, 'i14-inventory-menu-de.png'));
    await browser.keys([Key.Escape]);

    // The last row's menu, at the bottom of the window, opens upwards and stays inside it.
    const tenant = rowSelector('BAS-M365-TENANT');
    await browser.execute((s: string) => document.querySelector(s)?.scrollIntoView({ block: 'end' }), tenant);
    await browser.$(`${tenant} [data-testid="row-menu"]`).click();
    await browser.$('[data-testid="row-menu-list"]').waitForDisplayed({ timeout: 5_000 });
    const last = await browser.execute(() => {
      const r = document.querySelector('[data-testid="row-menu-list"]')!.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, height: window.innerHeight };
    });
    expect(last.top).toBeGreaterThanOrEqual(0);
    expect(last.bottom).toBeLessThanOrEqual(last.height);
    await screenshot(browser, join(outDir, 'i14-inventory-menu-bottom-de.png'));
    await browser.keys([Key.Escape]);
  });
});
