// Customers, booking and inventory in the real window: create a customer with a
// location, an employee and a workplace; book Workplace as a Service for the
// employee with the optional backup, see the plan before anything is written, book
// it and find it in the inventory; and meet the reason a Managed365 booking for a
// location is refused; order an add-on, onboard an employee from a template,
// edit the customer.
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Key } from 'webdriverio';
import { outDir, pickItem, screenshot, startApp, type Session } from './harness';

let session: Session;
let browser: WebdriverIO.Browser;

/** Opens the "⋯" menu of the inventory row `row` (a selector): its actions live there. */
async function openRowMenu(row: string) {
  await browser.$(`${row} [data-testid="row-menu"]`).click();
  await browser.$(`${row} [data-testid="row-menu-list"]`).waitForDisplayed({ timeout: 5_000, timeoutMsg: 'the row menu opens' });
}

/** Replaces the text of a field as a person would: select all, type. */
async function fill(scope: string, fieldName: string, text: string) {
  const input = await browser.$(`${scope} [data-field="${fieldName}"]`);
  await input.waitForDisplayed({ timeout: 5_000 });
  await input.setValue(text);
  await browser.waitUntil(async () => (await input.getValue()) === text, {
    timeout: 2_000,
    timeoutMsg: `${fieldName} reads "${text}"`,
  });
}

async function choose(scope: string, fieldName: string, value: string) {
  const select = await browser.$(`${scope} [data-field="${fieldName}"]`);
  await select.waitForDisplayed({ timeout: 5_000 });
  await browser.waitUntil(async () => (await select.$(`option[value="${value}"]`)).isExisting(), {
    timeout: 5_000,
    timeoutMsg: `${fieldName} offers ${value}`,
  });
  await select.selectByAttribute('value', value);
}

function texts(selector: string): Promise<string[]> {
  return browser.execute(
    (s: string) => Array.from(document.querySelectorAll(s), (e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim()),
    selector,
  );
}

async function treeNode(context: string, name: string) {
  let id = '';
  await browser.waitUntil(
    async () => {
      id = await browser.execute(
        (c: string, n: string) =>
          Array.from(document.querySelectorAll(`[data-testid="tree-node"][data-context="${c}"]`))
            .find((e) => e.querySelector('.label')?.textContent === n)
            ?.getAttribute('data-id') ?? '',
        context,
        name,
      );
      return id !== '';
    },
    { timeout: 5_000, timeoutMsg: `${context} ${name} is in the tree` },
  );
  return browser.$(`[data-testid="tree-node"][data-context="${context}"][data-id="${id}"]`);
}

async function addNode(button: string, values: Record<string, string>) {
  await browser.$(`[data-testid="${button}"]`).click();
  const form = '[data-testid="structure-form"]';
  await browser.$(form).waitForDisplayed({ timeout: 5_000 });
  for (const [name, text] of Object.entries(values)) await fill(form, name, text);
  await browser.$('[data-testid="structure-save"]').click();
  await browser.$(form).waitForDisplayed({ reverse: true, timeout: 5_000 });
}

beforeAll(async () => {
  session = await startApp(4450);
  browser = session.browser;
  await browser.$('[data-testid="nav-customers"]').waitForDisplayed({ timeout: 10_000 });
});

let failures = 0;
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  failures += 1;
  const text = await browser.execute(() => document.body.innerText);
  writeFileSync(join(outDir, `booking-failure-${failures}.txt`), text);
  await screenshot(browser, join(outDir, `booking-failure-${failures}.png`));
});

afterAll(async () => {
  await session?.stop();
});

describe('customers, booking and inventory', () => {
  it('creates a customer, refusing a bad currency inline', async () => {
    await browser.$('[data-testid="nav-customers"]').click();
    await browser.$('[data-testid="new-customer"]').click();
    const form = '[data-testid="customer-form"]';
    await fill(form, 'name', 'Acme Logistics GmbH');
    expect(await browser.$(`${form} [data-field="currency"]`).getValue()).toBe('EUR');
    await fill(form, 'currency', 'E1');
    await fill(form, 'city', 'Hamburg');
    await browser.$('[data-testid="customer-save"]').click();
    const error = await browser.$('[data-testid="customer-error"]');
    await error.waitForDisplayed({ timeout: 5_000 });
    expect(await error.getText()).toContain('currency');
    await fill(form, 'currency', 'EUR');
    await browser.$('[data-testid="customer-save"]').click();
    await browser.$(form).waitForDisplayed({ reverse: true, timeout: 5_000 });
    await browser.waitUntil(async () => (await texts('[data-testid="customer-row"]')).some((t) => t.includes('Acme Logistics')), {
      timeout: 5_000,
    });
    await browser.$('[data-testid="customer-tree"]').waitForDisplayed({ timeout: 5_000 });
  });

  it('adds a location, an employee and a workplace', async () => {
    await addNode('add-location', { name: 'Hamburg HQ', city: 'Hamburg' });
    await (await treeNode('location', 'Hamburg HQ')).click();
    await addNode('add-employee', { name: 'Anna Schmidt', email: 'anna@acme.example', department: 'Sales' });
    const employee = await treeNode('employee', 'Anna Schmidt');
    await employee.click();
    await addNode('add-workplace', { name: 'Anna desk' });
    await treeNode('workplace', 'Anna desk');
  });

  it('edits a location in place', async () => {
    await (await treeNode('location', 'Hamburg HQ')).click();
    await browser.$('[data-testid="edit-node"]').click();
    const form = '[data-testid="structure-form"]';
    await browser.$(form).waitForDisplayed({ timeout: 5_000 });
    expect(await browser.$(`${form} [data-field="name"]`).getValue()).toBe('Hamburg HQ');
    await fill(form, 'name', 'Hamburg Head Office');
    await browser.$('[data-testid="structure-save"]').click();
    await browser.$(form).waitForDisplayed({ reverse: true, timeout: 5_000 });
    await treeNode('location', 'Hamburg Head Office');
  });

  it('plans Workplace as a Service for the employee before writing anything', async () => {
    await (await treeNode('employee', 'Anna Schmidt')).click();
    await browser.$('[data-testid="book"]').click();
    const dialog = '[data-testid="booking-dialog"]';
    await browser.$(dialog).waitForDisplayed({ timeout: 5_000 });
    await pickItem(browser, `${dialog} [data-field="item"]`, 'SVC-WAAS');
    await choose(dialog, 'variant', 'OFFICE');
    await choose(dialog, 'offer_type', 'rental');
    // The required support level is not preselected: the plan names what is missing.
    await browser.waitUntil(async () => (await texts('[data-testid="plan-problem"]')).some((t) => t.includes('Support level needs a choice')), {
      timeout: 5_000,
      timeoutMsg: 'the plan says the support level is missing',
    });
    await choose(dialog, 'option.SUPPORT', '8X5');
    await browser.waitUntil(async () => (await texts('[data-testid="plan-line"]')).length === 1, {
      timeout: 5_000,
      timeoutMsg: 'one plan line',
    });
    const line = await browser.$('[data-testid="plan-line"]');
    expect(await line.getAttribute('data-item')).toBe('SVC-WAAS');
    expect(await line.getAttribute('data-context')).toBe('workplace');
    expect(await line.getText()).toContain('Anna desk');
    const offer = await browser.$('[data-testid="optional-offer"]');
    await offer.waitForExist({ timeout: 5_000 });
    expect(await offer.getAttribute('data-code')).toBe('SVC-BACKUP');

    await offer.click();
    await browser.waitUntil(async () => (await texts('[data-testid="plan-line"]')).length === 2, {
      timeout: 5_000,
      timeoutMsg: 'the backup joins the plan',
    });
    const reasons = await browser.execute(() =>
      Array.from(document.querySelectorAll('[data-testid="plan-line"]'), (e) => e.getAttribute('data-reason') ?? ''),
    );
    expect(reasons).toEqual(['requested', 'optional']);
    expect((await texts('[data-testid="auto-chip"]')).length).toBe(1);
    const total = await browser.$('[data-testid="plan-total"]');
    expect(await total.getAttribute('data-one-time')).toBe('149.00');
    expect(Number(await total.getAttribute('data-monthly'))).toBeGreaterThan(59);
    await screenshot(browser, join(outDir, 'booking-dialog.png'));
  });

  it('books the plan and shows it in the inventory with a monthly total', async () => {
    const apply = await browser.$('[data-testid="booking-apply"]');
    await browser.waitUntil(async () => apply.isEnabled(), { timeout: 5_000 });
    await apply.click();
    await browser.$('[data-testid="booking-dialog"]').waitForDisplayed({ reverse: true, timeout: 5_000 });
    await browser.waitUntil(async () => (await texts('[data-testid="instance-row"]')).length === 2, {
      timeout: 5_000,
      timeoutMsg: 'two instances in the inventory',
    });
    const items = await browser.execute(() =>
      Array.from(document.querySelectorAll('[data-testid="instance-row"]'), (e) => e.getAttribute('data-item') ?? ''),
    );
    expect(items.sort()).toEqual(['SVC-BACKUP', 'SVC-WAAS']);
    const rows = await texts('[data-testid="instance-row"]');
    expect(rows.join(' ')).toContain('ordered');
    const total = await browser.$('[data-testid="inventory-total"]');
    expect(Number(await total.getAttribute('data-monthly'))).toBeGreaterThan(59);
    expect(await total.getText()).toContain('€');
    const toast = await browser.execute(() => document.querySelector('[data-testid="toast"]')?.textContent ?? '');
    expect(toast).toContain('Booked');

    // The next lifecycle steps of an ordered instance, in its row's menu.
    await openRowMenu('[data-testid="instance-row"][data-item="SVC-WAAS"]');
    const actions = await browser.execute(() =>
      Array.from(
        document.querySelectorAll('[data-testid="instance-row"][data-item="SVC-WAAS"] [data-testid="transition"]'),
        (e) => e.getAttribute('data-to') ?? '',
      ),
    );
    expect(actions).toEqual(['provisioning', 'cancelled']);
    await screenshot(browser, join(outDir, 'inventory.png'));
    await browser.keys(['Escape']);
  });

  it('orders a one-time add-on for a booked instance', async () => {
    const total = await browser.$('[data-testid="inventory-total"]');
    const before = Number(await total.getAttribute('data-one-time'));
    await openRowMenu('[data-testid="instance-row"][data-item="SVC-WAAS"]');
    await browser.$('[data-testid="instance-row"][data-item="SVC-WAAS"] [data-testid="add-on-open"]').click();
    const form = '[data-testid="add-on-form"]';
    await browser.$(form).waitForDisplayed({ timeout: 5_000 });
    // Only the add-ons that apply to WaaS are offered.
    await browser.waitUntil(async () => (await texts(`${form} option`)).length === 3, { timeout: 5_000, timeoutMsg: 'three add-ons offered' });
    expect((await texts(`${form} option`)).join(' | ')).not.toContain('Mailbox');
    await choose(form, 'add_on', 'ADD-ONSITE-INSTALL');
    await fill(form, 'add_on_quantity', '0');
    await browser.$('[data-testid="add-on-order"]').click();
    await browser.waitUntil(async () => (await texts('[data-testid="add-on-error"]')).some((t) => t.includes('above zero')), {
      timeout: 5_000,
      timeoutMsg: 'a zero quantity is refused',
    });
    await fill(form, 'add_on_quantity', '1');
    await browser.$('[data-testid="add-on-order"]').click();
    await browser.$(form).waitForDisplayed({ reverse: true, timeout: 5_000 });
    await browser.waitUntil(async () => (await texts('[data-testid="add-on-charge"]')).length === 1, { timeout: 5_000, timeoutMsg: 'the charge is listed' });
    expect((await texts('[data-testid="add-on-charge"]'))[0]).toContain('On-site installation ×1');
    await browser.waitUntil(async () => Number(await total.getAttribute('data-one-time')) === before + 149, {
      timeout: 5_000,
      timeoutMsg: 'the one-time total grows by 149.00',
    });
  });

  it('says what Anna already holds and books it again only when "add anyway" is ticked', async () => {
    // Issue 13, item 1: nothing is ordered twice by accident.
    await browser.setWindowSize(1280, 800);
    await (await treeNode('employee', 'Anna Schmidt')).click();
    await browser.$('[data-testid="book"]').click();
    const dialog = '[data-testid="booking-dialog"]';
    await browser.$(dialog).waitForDisplayed({ timeout: 5_000 });
    await pickItem(browser, `${dialog} [data-field="item"]`, 'SVC-WAAS');
    await choose(dialog, 'variant', 'OFFICE');
    await choose(dialog, 'offer_type', 'rental');
    await choose(dialog, 'option.SUPPORT', '8X5');
    await browser.waitUntil(async () => (await texts('[data-testid="plan-held"]')).length === 1, {
      timeout: 5_000,
      timeoutMsg: 'the plan line says what the workplace already holds',
    });
    const held = (await texts('[data-testid="plan-held"]'))[0] ?? '';
    expect(held).toContain('Anna desk');
    expect(held).toContain('already has');
    expect(held).toContain('ordered since');
    const apply = await browser.$('[data-testid="booking-apply"]');
    expect(await apply.isEnabled()).toBe(false);
    expect(await browser.$('[data-testid="change-instead"]').isEnabled()).toBe(true);
    await screenshot(browser, join(outDir, 'booking-already-held-1280.png'));
    await browser.$('[data-testid="add-anyway"]').click();
    await browser.waitUntil(async () => apply.isEnabled(), { timeout: 5_000, timeoutMsg: 'ticked, it may be booked' });
    // Or the held workplace is changed instead: the change dialog opens on it with
    // what was asked for. Not booked, not changed here: the inventory stays as the
    // next steps expect it.
    await browser.$('[data-testid="change-instead"]').click();
    const change = '[data-testid="change-dialog"]';
    await browser.$(change).waitForDisplayed({ timeout: 5_000 });
    await browser.$(dialog).waitForDisplayed({ reverse: true, timeout: 5_000 });
    const variant = await browser.$('[data-field="change_variant"]');
    await variant.waitForDisplayed({ timeout: 5_000 });
    expect(await variant.getValue()).toBe('OFFICE');
    expect(await browser.$('[data-field="change_offer_type"]').getValue()).toBe('rental');
    expect(await browser.$('[data-testid="change-option"][data-group="SUPPORT"][data-choice="8X5"]').isSelected()).toBe(true);
    expect((await texts('[data-testid="change-now"]'))[0]).toContain('Anna desk');
    await browser.keys([Key.Escape]);
    await browser.$(change).waitForDisplayed({ reverse: true, timeout: 5_000 });
  });

  it('names why Managed365 cannot be booked for a location', async () => {
    await (await treeNode('location', 'Hamburg Head Office')).click();
    await browser.$('[data-testid="book"]').click();
    const dialog = '[data-testid="booking-dialog"]';
    await browser.$(dialog).waitForDisplayed({ timeout: 5_000 });
    // Issue 14.3: the picker lists Managed365 for a location, disabled, with where it is booked.
    const input = await browser.$(`${dialog} [data-field="item"]`);
    await input.click();
    await input.addValue('SVC-M365');
    await browser.$('[role="listbox"][aria-busy="false"][data-text="SVC-M365"]').waitForExist({ timeout: 10_000 });
    const m365 = await browser.$('[data-testid="booking-item-hit"][data-code="SVC-M365"]');
    await m365.waitForDisplayed({ timeout: 5_000 });
    expect(await m365.getAttribute('aria-disabled')).toBe('true');
    expect(await texts('[data-testid="booking-item-hit"][data-code="SVC-M365"] [data-testid="booking-item-unfit"]')).toEqual(['booked for: employees']);
    await m365.click();
    await browser.pause(300);
    expect(await input.getAttribute('data-code')).toBe('');
    // Chosen for the location's employees, then booked into the location itself: the plan says why not.
    await choose(dialog, 'scope', 'location');
    await pickItem(browser, `${dialog} [data-field="item"]`, 'SVC-M365');
    await choose(dialog, 'scope', 'this');
    await browser.waitUntil(async () => (await texts('[data-testid="plan-problem"]')).some((t) => t.includes('cannot be booked into location')), {
      timeout: 5_000,
      timeoutMsg: 'the plan names the context that is not allowed',
    });
    expect(await browser.$('[data-testid="booking-apply"]').isEnabled()).toBe(false);
    await browser.keys([Key.Escape]);
    await browser.$(dialog).waitForDisplayed({ reverse: true, timeout: 5_000 });
  });

  it('imports employees from pasted CSV, skipping the bad row', async () => {
    await browser.$('[data-testid="import-employees"]').click();
    const dialog = '[data-testid="import-dialog"]';
    await browser.$(dialog).waitForDisplayed({ timeout: 5_000 });
    const csv = [
      'name;email;department;location',
      'Carla Diaz;carla@acme.example;Finance;Berlin',
      'Bad Row;not-an-email;Sales;Berlin',
    ].join('\n');
    const paste = await browser.$(`${dialog} [data-testid="import-paste"]`);
    // WebKitWebDriver drops a typed "\n": press Enter between the lines instead.
    await paste.setValue(csv.replaceAll('\n', Key.Enter));
    await browser.waitUntil(async () => (await paste.getValue()) === csv, { timeout: 2_000, timeoutMsg: 'the CSV is pasted' });

    await browser.waitUntil(async () => (await texts('[data-testid="import-row"]')).length === 2, {
      timeout: 5_000,
      timeoutMsg: 'two rows in the preview',
    });
    const rows = await texts('[data-testid="import-row"]');
    expect(rows[0]).toContain('Carla Diaz');
    expect(rows[0]).toContain('carla@acme.example');
    expect(rows[1]).toContain('Bad Row');
    const problems = await browser.execute(() =>
      Array.from(document.querySelectorAll('[data-testid="import-problem"]'), (e) => ({
        line: e.getAttribute('data-line'),
        field: e.getAttribute('data-field'),
        text: (e.textContent ?? '').trim(),
      })),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: '3', field: 'email' });
    expect(problems[0]?.text).toContain('line 3 · email:');
    expect(await texts('[data-testid="import-new-location"]')).toEqual(['Berlin']);
    const apply = await browser.$('[data-testid="import-apply"]');
    expect(await apply.isEnabled()).toBe(false);

    await browser.$('[data-testid="import-skip"]').click();
    await browser.waitUntil(async () => apply.isEnabled(), { timeout: 5_000, timeoutMsg: 'Import is enabled once bad rows are skipped' });
    await screenshot(browser, join(outDir, 'import-dialog.png'));
    await apply.click();
    await browser.$(dialog).waitForDisplayed({ reverse: true, timeout: 5_000 });
    const toast = await browser.execute(() => document.querySelector('[data-testid="toast"]')?.textContent ?? '');
    expect(toast).toContain('Imported 1 employee; new locations: Berlin.');
    await treeNode('employee', 'Carla Diaz');
    await treeNode('location', 'Berlin');
    await treeNode('location', 'Hamburg Head Office');
  });

  it('saves a booking as the Sales template and onboards a new Sales employee with it', async () => {
    await (await treeNode('employee', 'Anna Schmidt')).click();
    await browser.$('[data-testid="book"]').click();
    const dialog = '[data-testid="booking-dialog"]';
    await browser.$(dialog).waitForDisplayed({ timeout: 5_000 });
    await pickItem(browser, `${dialog} [data-field="item"]`, 'SVC-WAAS');
    await choose(dialog, 'variant', 'OFFICE');
    await choose(dialog, 'option.SUPPORT', '8X5');
    const open = await browser.$('[data-testid="template-open"]');
    await browser.waitUntil(async () => open.isEnabled(), { timeout: 5_000, timeoutMsg: 'a valid plan can be saved as a template' });
    await open.click();
    const form = '[data-testid="template-form"]';
    await browser.$(form).waitForDisplayed({ timeout: 5_000 });
    expect(await browser.$(`${form} [data-field="template_scope"]`).getValue()).toBe('department:Sales');
    await fill(form, 'template_name', 'Sales starter');
    await browser.$('[data-testid="template-save"]').click();
    await browser.$(form).waitForDisplayed({ reverse: true, timeout: 5_000 });
    await browser.keys([Key.Escape]);
    await browser.$(dialog).waitForDisplayed({ reverse: true, timeout: 5_000 });
    await browser.waitUntil(async () => (await texts('[data-testid="template"]')).some((t) => t.includes('Sales starter') && t.includes('Department Sales')), {
      timeout: 5_000,
      timeoutMsg: 'the template is listed',
    });

    await (await treeNode('location', 'Hamburg Head Office')).click();
    await addNode('add-employee', { name: 'Ben Weber', department: 'Sales' });
    await (await treeNode('employee', 'Ben Weber')).click();
    await browser.$('[data-testid="onboard"]').click();
    const confirm = await browser.$('[data-testid="onboard-confirm"]');
    await confirm.waitForDisplayed({ timeout: 5_000 });
    expect(await confirm.getText()).toContain('Workplace as a Service');
    await browser.$('[data-testid="onboard-apply"]').click();
    await confirm.waitForDisplayed({ reverse: true, timeout: 5_000 });
    const toast = await browser.execute(() => document.querySelector('[data-testid="toast"]')?.textContent ?? '');
    expect(toast).toContain('Onboarded Ben Weber: Sales starter');
    expect(toast).toContain('a workplace created');
    await browser.waitUntil(async () => (await texts('[data-testid="instance-row"][data-item="SVC-WAAS"]')).some((t) => t.includes('Ben Weber')), {
      timeout: 5_000,
      timeoutMsg: "Ben's workplace service is in the inventory",
    });
    await screenshot(browser, join(outDir, 'customer-onboarding.png'));
  });

  it('edits the customer, and keeps it while it holds instances', async () => {
    await browser.$('[data-testid="edit-customer"]').click();
    const form = '[data-testid="customer-form"]';
    await browser.$(form).waitForDisplayed({ timeout: 5_000 });
    expect(await browser.$(`${form} [data-field="name"]`).getValue()).toBe('Acme Logistics GmbH');
    await fill(form, 'street', 'Am Sandtorkai 1');
    await fill(form, 'postal_code', '20457');
    await browser.$('[data-testid="customer-save"]').click();
    await browser.$(form).waitForDisplayed({ reverse: true, timeout: 5_000 });
    await browser.$('[data-testid="edit-customer"]').click();
    expect(await browser.$(`${form} [data-field="street"]`).getValue()).toBe('Am Sandtorkai 1');
    await browser.$('[data-testid="edit-customer"]').click();

    // Asked first; refused in the dialog, in one sentence, the instances one click away.
    await browser.$('[data-testid="delete-customer"]').click();
    await browser.$('[data-testid="delete-customer-apply"]').click();
    const refusal = await browser.$('[data-testid="delete-refusal"]');
    await refusal.waitForDisplayed({ timeout: 5_000, timeoutMsg: 'deleting a customer with instances is refused' });
    expect(await refusal.getText()).toMatch(/^Acme Logistics GmbH holds \d+ services? and cannot be deleted: to end (it|them), cancel (it|them) in the inventory\.$/);
    await browser.$('[data-testid="delete-close"]').click();
    await browser.$('[data-testid="delete-dialog"]').waitForDisplayed({ reverse: true, timeout: 5_000 });
    expect((await texts('[data-testid="customer-row"]')).some((t) => t.includes('Acme Logistics'))).toBe(true);
  });
});
