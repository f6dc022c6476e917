// The booking dialog on a big catalog in the real window: 120,000 generated
// products imported with the CLI (over the size from which products are
// searched through the full-text index). Opening the dialog ships no catalog;
// typing into its item picker lists a page of ranked matches, scrolling loads
// the next page, and the keyboard picks one, which the dialog then holds.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Key } from 'webdriverio';
import { app, outDir, screenshot, startApp, type Session } from './harness';

const ROWS = 120_000;
/** The picker's page (ui/src/lib/item-picker.ts). */
const PAGE = 50;

let session: Session;
let browser: WebdriverIO.Browser;

const texts = (selector: string) =>
  browser.execute((s: string) => Array.from(document.querySelectorAll(s), (e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim()), selector);
const count = (selector: string) => browser.execute((s: string) => document.querySelectorAll(s).length, selector);

beforeAll(async () => {
  session = await startApp(4510, (db) => {
    const run = (...args: string[]) => execFileSync(app, ['--db', db, ...args], { encoding: 'utf8' }).trim();
    const feed = join(db, '..', 'feed.csv');
    run('dev', 'gen-feed', '--rows', String(ROWS), '--seed', '11', '--out', feed);
    run('catalog', 'import', feed);
    const id = run('customer', 'create', '--name', 'Grosskatalog GmbH', '--city', 'Hamburg');
    const staff = join(db, '..', 'staff.csv');
    writeFileSync(staff, 'name;email;department;location\nAnna Schmidt;anna@gross.example;Sales;Hamburg\n');
    run('customer', 'import-employees', id, staff);
  });
  browser = session.browser;
  await browser.setWindowSize(1280, 800);
  await browser.$('[data-testid="nav-customers"]').waitForDisplayed({ timeout: 10_000 });
}, 600_000);

let failures = 0;
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  failures += 1;
  writeFileSync(join(outDir, `picker-failure-${failures}.txt`), await browser.execute(() => document.body.innerText));
  await screenshot(browser, join(outDir, `picker-failure-${failures}.png`));
});

afterAll(async () => {
  await session?.stop();
});

describe('the item picker on a big catalog', () => {
  it('opens the booking dialog for an employee', async () => {
    await browser.$('[data-testid="nav-customers"]').click();
    const row = await browser.$('[data-testid="customer-row"]');
    await row.waitForDisplayed({ timeout: 10_000 });
    await row.click();
    const employee = await browser.$('[data-testid="tree-node"][data-context="employee"]');
    await employee.waitForDisplayed({ timeout: 10_000 });
    await employee.click();
    await browser.$('[data-testid="book"]').click();
    await browser.$('[data-testid="booking-dialog"]').waitForDisplayed({ timeout: 5_000 });
  });

  it('lists a page of ranked matches as the word is typed, and the next page on scroll', async () => {
    const input = await browser.$('[data-testid="booking-dialog"] [data-field="item"]');
    await input.click();
    // Typed key by key, as a person types: every prefix is searched, the last answer shows.
    await browser.keys('thinkpad'.split(''));
    const options = '[data-testid="booking-item-hit"]';
    await browser.waitUntil(
      async () => {
        const names = await texts(`${options} .name`);
        return names.length === PAGE && names.every((n) => /thinkpad/i.test(n));
      },
      { timeout: 10_000, timeoutMsg: `a page of ${PAGE} ThinkPads` },
    );
    // Only what can be booked: services and products, no add-ons or basic services.
    const kinds = await texts(`${options} .meta`);
    expect(kinds.every((k) => /^(Product|Service)/.test(k))).toBe(true);
    await screenshot(browser, join(outDir, 'picker-big-catalog.png'));
    await browser.execute(() => {
      const list = document.querySelector('[data-testid="booking-item-options"]');
      if (list) list.scrollTop = list.scrollHeight;
    });
    await browser.waitUntil(async () => (await count(options)) > PAGE, {
      timeout: 10_000,
      timeoutMsg: 'scrolling to the end loads the next page',
    });
    const ids = await browser.execute(() =>
      Array.from(document.querySelectorAll('[data-testid="booking-item-hit"]'), (e) => e.getAttribute('data-code')),
    );
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('picks the highlighted match with the keyboard and holds it', async () => {
    const input = await browser.$('[data-testid="booking-dialog"] [data-field="item"]');
    await browser.execute(() => {
      const list = document.querySelector('[data-testid="booking-item-options"]');
      if (list) list.scrollTop = 0;
    });
    await browser.keys([Key.ArrowDown]);
    const second = await browser.$('[data-testid="booking-item-hit"][aria-selected="true"]');
    const code = (await second.getAttribute('data-code'))!;
    const name = await browser.execute(
      () => document.querySelector('[data-testid="booking-item-hit"][aria-selected="true"] .name')?.textContent ?? '',
    );
    expect(code).toBe((await browser.$$('[data-testid="booking-item-hit"]')[1]!.getAttribute('data-code'))!);
    await browser.keys([Key.Enter]);
    await browser.$('[data-testid="booking-item-options"]').waitForExist({ reverse: true, timeout: 5_000 });
    expect(await input.getAttribute('data-code')).toBe(code);
    expect(await input.getValue()).toBe(name);
    // The dialog plans the chosen notebook (the demo's Notebooks rule makes it bookable for an employee).
    await browser.waitUntil(async () => (await count(`[data-testid="plan-line"][data-item="${code}"]`)) === 1, {
      timeout: 10_000,
      timeoutMsg: `the dialog plans ${code}`,
    });
    await screenshot(browser, join(outDir, 'picker-chosen.png'));
    // Escape with the list closed closes the dialog, as before.
    await browser.keys([Key.Escape]);
    await browser.$('[data-testid="booking-dialog"]').waitForDisplayed({ reverse: true, timeout: 5_000 });
  });
});
