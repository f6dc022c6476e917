// Issue 14, items 1 and 3, in the real window, in German at 1280×800: Workplace
// as a Service for every employee of a location books the missing workplaces
// (the plan lists them, Book creates them, the tree shows them), an employee
// with two workplaces is asked which, the refusal says where the item cannot go
// before how it is configured, and the picker for a cloud container lists
// Workplace as a Service disabled with where it is booked.
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Key } from 'webdriverio';
import { outDir, pickItem, screenshot, startApp, type Session } from './harness';

let session: Session;
let browser: WebdriverIO.Browser;
const dialog = '[data-testid="booking-dialog"]';

async function fill(scope: string, fieldName: string, text: string) {
  const input = await browser.$(`${scope} [data-field="${fieldName}"]`);
  await input.waitForDisplayed({ timeout: 5_000 });
  await input.setValue(text);
  await browser.waitUntil(async () => (await input.getValue()) === text, { timeout: 2_000, timeoutMsg: `${fieldName} reads "${text}"` });
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

function workplaceNodes(): Promise<string[]> {
  return texts('[data-testid="tree-node"][data-context="workplace"] .label');
}

beforeAll(async () => {
  session = await startApp(4450);
  browser = session.browser;
  await browser.setWindowSize(1280, 800);
  await browser.$('[data-testid="nav-customers"]').waitForDisplayed({ timeout: 10_000 });
  await browser.$('[data-testid="lang-de"]').click();
});

let failures = 0;
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  failures += 1;
  const text = await browser.execute(() => document.body.innerText);
  writeFileSync(join(outDir, `i14-booking-failure-${failures}.txt`), text);
  await screenshot(browser, join(outDir, `i14-booking-failure-${failures}.png`));
});

afterAll(async () => {
  await session?.stop();
});

describe('booking what fits, workplaces booked, not hand-made', () => {
  it('sets up a customer whose employees have none, one and two workplaces', async () => {
    await browser.$('[data-testid="nav-customers"]').click();
    await browser.$('[data-testid="new-customer"]').click();
    const form = '[data-testid="customer-form"]';
    await fill(form, 'name', 'Nordwind Logistik GmbH');
    await fill(form, 'city', 'Hamburg');
    await browser.$('[data-testid="customer-save"]').click();
    await browser.$(form).waitForDisplayed({ reverse: true, timeout: 5_000 });
    await browser.$('[data-testid="customer-tree"]').waitForDisplayed({ timeout: 5_000 });

    await addNode('add-location', { name: 'Hamburg HQ', city: 'Hamburg' });
    await (await treeNode('location', 'Hamburg HQ')).click();
    await addNode('add-employee', { name: 'Tom Berger', email: 'tom@nordwind.example' });
    await (await treeNode('location', 'Hamburg HQ')).click();
    await addNode('add-employee', { name: 'Anna Schmidt', email: 'anna@nordwind.example' });
    await (await treeNode('employee', 'Anna Schmidt')).click();
    await addNode('add-workplace', { name: 'Anna desk' });
    await (await treeNode('location', 'Hamburg HQ')).click();
    await addNode('add-employee', { name: 'Lena Vogel', email: 'lena@nordwind.example' });
    await (await treeNode('employee', 'Lena Vogel')).click();
    await addNode('add-workplace', { name: 'Lena office' });
    await (await treeNode('employee', 'Lena Vogel')).click();
    await addNode('add-workplace', { name: 'Lena home office' });
    await addNode('add-container', { name: 'ERP', business_application: 'SAP Business One' });
    await treeNode('cloud_container', 'ERP');
    expect((await workplaceNodes()).sort()).toEqual(['Anna desk', 'Lena home office', 'Lena office']);
  });

  it('asks which of Lena’s workplaces, before how the service is configured', async () => {
    await (await treeNode('location', 'Hamburg HQ')).click();
    await browser.$('[data-testid="book"]').click();
    await browser.$(dialog).waitForDisplayed({ timeout: 5_000 });
    await choose(dialog, 'scope', 'location');
    await pickItem(browser, `${dialog} [data-field="item"]`, 'SVC-WAAS');
    await choose(dialog, 'variant', 'OFFICE');
    await choose(dialog, 'offer_type', 'rental');
    // Support is not chosen yet: the refusal says first that Lena must be asked.
    await browser.waitUntil(async () => (await texts('[data-testid="plan-problem"]')).length >= 2, {
      timeout: 5_000,
      timeoutMsg: 'two reasons',
    });
    const reasons = await browser.execute(() =>
      Array.from(document.querySelectorAll('[data-testid="plan-problem"]'), (e) => e.getAttribute('data-reason') ?? ''),
    );
    expect(reasons[0]).toBe('which_workplace');
    expect(reasons).toContain('needs_choice');
    expect((await texts('[data-testid="plan-problem"]'))[0]).toContain('Lena Vogel hat 2 Arbeitsplätze');
    const choice = await browser.$('[data-testid="which-workplace-choice"]');
    await choice.waitForDisplayed({ timeout: 5_000 });
    expect(await texts('[data-testid="which-workplace"] option')).toEqual(['Arbeitsplatz wählen…', 'Lena home office', 'Lena office']);
    await screenshot(browser, join(outDir, 'i14-booking-which-workplace-de.png'));

    await choice.selectByVisibleText('Lena home office');
    await browser.waitUntil(
      async () => {
        const left = await browser.execute(() =>
          Array.from(document.querySelectorAll('[data-testid="plan-problem"]'), (e) => e.getAttribute('data-reason') ?? ''),
        );
        return left.length === 1 && left[0] === 'needs_choice';
      },
      { timeout: 5_000, timeoutMsg: 'only the support level is left' },
    );
  });

  it('plans the workplace Tom has not got, and names it in German', async () => {
    await choose(dialog, 'option.SUPPORT', '8X5');
    await browser.waitUntil(async () => (await texts('[data-testid="plan-new-workplace"]')).length === 1, {
      timeout: 5_000,
      timeoutMsg: 'the plan creates one workplace',
    });
    expect(await texts('[data-testid="plan-new-workplace"]')).toEqual(['Für Tom Berger wird ein Arbeitsplatz angelegt']);
    expect((await texts('[data-testid="plan-new-workplaces"]'))[0]).toContain('Workplace as a Service wird in Arbeitsplätze gebucht');
    const lines = await browser.execute(() =>
      Array.from(document.querySelectorAll('[data-testid="plan-line"][data-reason="requested"]'), (e) => (e.textContent ?? '').replace(/\s+/g, ' ')),
    );
    expect(lines).toHaveLength(3);
    const all = lines.join(' | ');
    expect(all).toContain('Neuer Arbeitsplatz (Tom Berger)');
    expect(all).toContain('Anna desk');
    expect(all).toContain('Lena home office');
    expect(all).not.toContain('new workplace');
    await screenshot(browser, join(outDir, 'i14-booking-new-workplace-de.png'));
  });

  it('books it: Tom’s workplace is in the tree', async () => {
    const apply = await browser.$('[data-testid="booking-apply"]');
    await browser.waitUntil(async () => apply.isEnabled(), { timeout: 5_000, timeoutMsg: 'the plan can be booked' });
    await apply.click();
    await browser.$(dialog).waitForDisplayed({ reverse: true, timeout: 5_000 });
    await browser.waitUntil(async () => (await workplaceNodes()).length === 4, {
      timeout: 5_000,
      timeoutMsg: 'a fourth workplace in the tree',
    });
    expect((await workplaceNodes()).sort()).toEqual(['Anna desk', 'Lena home office', 'Lena office', 'Workplace']);
    await screenshot(browser, join(outDir, 'i14-booking-booked-de.png'));
  });

  it('does not let Workplace as a Service be chosen for a cloud container, and says why', async () => {
    await (await treeNode('cloud_container', 'ERP')).click();
    await browser.$('[data-testid="book"]').click();
    await browser.$(dialog).waitForDisplayed({ timeout: 5_000 });
    const input = await browser.$(`${dialog} [data-field="item"]`);
    await input.click();
    await input.addValue('Workplace');
    await browser.$('[role="listbox"][aria-busy="false"][data-text="Workplace"]').waitForExist({ timeout: 10_000 });
    const waas = await browser.$('[data-testid="booking-item-hit"][data-code="SVC-WAAS"]');
    await waas.waitForDisplayed({ timeout: 5_000 });
    expect(await waas.getAttribute('aria-disabled')).toBe('true');
    expect(await waas.getAttribute('data-fits')).toBe('false');
    expect((await texts('[data-testid="booking-item-hit"][data-code="SVC-WAAS"] [data-testid="booking-item-unfit"]'))[0]).toBe(
      'gebucht für: Arbeitsplätze',
    );
    await screenshot(browser, join(outDir, 'i14-booking-picker-container-de.png'));
    await waas.click();
    await browser.pause(300);
    expect(await input.getAttribute('data-code')).toBe('');

    // What fits a container is chosen as usual.
    await pickItem(browser, `${dialog} [data-field="item"]`, 'SVC-VM', 'Virtual');
    const vm = await input.getAttribute('data-code');
    expect(vm).toBe('SVC-VM');
    await browser.keys([Key.Escape]);
    await browser.$(dialog).waitForDisplayed({ reverse: true, timeout: 5_000 });
  });

  it('says the same in English', async () => {
    await browser.$('[data-testid="lang-en"]').click();
    await (await treeNode('cloud_container', 'ERP')).click();
    await browser.$('[data-testid="book"]').click();
    await browser.$(dialog).waitForDisplayed({ timeout: 5_000 });
    const input = await browser.$(`${dialog} [data-field="item"]`);
    await input.click();
    await input.addValue('Workplace');
    await browser.$('[role="listbox"][aria-busy="false"][data-text="Workplace"]').waitForExist({ timeout: 10_000 });
    await browser.$('[data-testid="booking-item-hit"][data-code="SVC-WAAS"]').waitForDisplayed({ timeout: 5_000 });
    expect((await texts('[data-testid="booking-item-hit"][data-code="SVC-WAAS"] [data-testid="booking-item-unfit"]'))[0]).toBe(
      'booked for: workplaces',
    );
    await screenshot(browser, join(outDir, 'i14-booking-picker-container-en.png'));
    await browser.keys([Key.Escape]);
    await browser.keys([Key.Escape]);
    await browser.$(dialog).waitForDisplayed({ reverse: true, timeout: 5_000 });
  });
});
