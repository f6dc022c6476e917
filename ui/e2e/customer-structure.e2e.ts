// Issue 14, items 2, 5 and 6 in the real window. Deleting in the customer
// structure asks first (Keep keeps, Delete deletes and says so); a delete the core
// refuses says in one sentence, in German, what blocks it and what to do, with the
// services one click away; the booking dialog's start date reads and takes
// TT.MM.JJJJ in German. The export folder belongs to the database: it survives a
// restart, and a second database starts without it; the window opens again as
// large as it was left.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Key } from 'webdriverio';
import { app, outDir, screenshot, startApp, type Session } from './harness';

let session: Session;
let browser: WebdriverIO.Browser;
/** Outlives the sessions: the database copied between starts, the app's config, the exports. */
const keep = mkdtempSync(join(tmpdir(), 'servicefolio-e2e-keep-'));
const configHome = join(keep, 'config');
const exportFolder = join(keep, 'exports');

const text = (selector: string) =>
  browser.execute((s: string) => (document.querySelector(s)?.textContent ?? '').replace(/\s+/g, ' ').trim(), selector);
const toast = () => text('[data-testid="toast"]');

/** Seeds a customer: Aylin Demir holds Managed365, Jonas Berg holds nothing; an offer to export. */
function seed(db: string) {
  const run = (...args: string[]) => execFileSync(app, ['--db', db, ...args], { encoding: 'utf8' }).trim();
  const id = run('customer', 'create', '--name', 'Muster Logistik GmbH', '--city', 'Hamburg');
  const first = join(keep, 'aylin.csv');
  writeFileSync(first, 'name;email;department;location\nAylin Demir;aylin@muster.example;Sales;Hamburg HQ\n');
  run('customer', 'import-employees', id, first);
  const request = join(keep, 'm365.json');
  writeFileSync(
    request,
    JSON.stringify({
      customer_id: Number(id),
      item: 'SVC-M365',
      variant: 'STANDARD',
      options: [{ group: 'SUPPORT', choice: '8X5' }],
      offer_type: 'rental',
      contexts: 'all_employees',
      quantity: 1,
      start_date: '2026-01-01',
    }),
  );
  run('book', '--request', request, '--apply');
  const second = join(keep, 'jonas.csv');
  writeFileSync(second, 'name;email;department;location\nJonas Berg;jonas@muster.example;Sales;Hamburg HQ\n');
  run('customer', 'import-employees', id, second);
  const offered = join(keep, 'm365-offer.json');
  writeFileSync(offered, JSON.stringify({ ...JSON.parse(readFileSync(request, 'utf8')), add_anyway: true }));
  run('offer', 'create', '--customer', id, '--request', offered);
}

async function selectNode(context: string, name: string) {
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
  const node = await browser.$(`[data-testid="tree-node"][data-context="${context}"][data-id="${id}"]`);
  await node.click();
  return node;
}

function inTree(name: string): Promise<boolean> {
  return browser.execute(
    (n: string) => Array.from(document.querySelectorAll('[data-testid="tree-node"] .label')).some((e) => e.textContent === n),
    name,
  );
}

beforeAll(async () => {
  session = await startApp(4540, seed, configHome);
  browser = session.browser;
  await browser.setWindowSize(1280, 800);
  await browser.$('[data-testid="nav-customers"]').waitForDisplayed({ timeout: 10_000 });
});

let failures = 0;
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  failures += 1;
  await screenshot(browser, join(outDir, `i14-customers-failure-${failures}.png`)).catch(() => undefined);
});

afterAll(async () => {
  await session?.stop();
  rmSync(keep, { recursive: true, force: true });
});

describe('deleting in the customer structure', () => {
  it('asks before deleting an employee: Keep keeps, Delete deletes and says so', async () => {
    await browser.$('[data-testid="nav-customers"]').click();
    const node = await selectNode('employee', 'Jonas Berg');
    await node.$('[data-testid="tree-delete"]').click();
    const dialog = await browser.$('[data-testid="delete-dialog"]');
    await dialog.waitForDisplayed({ timeout: 5_000 });
    expect(await text('[data-testid="delete-dialog"] [id^="modal-title"]')).toBe('Delete employee Jonas Berg?');
    expect(await text('[data-testid="delete-dialog"]')).toContain('Their workplaces are deleted with them.');
    await screenshot(browser, join(outDir, 'i14-customers-delete-asks-en.png'));

    await browser.$('[data-testid="delete-keep"]').click();
    await dialog.waitForDisplayed({ reverse: true, timeout: 5_000 });
    expect(await inTree('Jonas Berg')).toBe(true);

    await (await selectNode('employee', 'Jonas Berg')).$('[data-testid="tree-delete"]').click();
    await dialog.waitForDisplayed({ timeout: 5_000 });
    await browser.$('[data-testid="delete-apply"]').click();
    await dialog.waitForDisplayed({ reverse: true, timeout: 5_000 });
    await browser.waitUntil(async () => (await toast()) === 'Deleted Jonas Berg.', { timeout: 5_000, timeoutMsg: 'the toast names what was deleted' });
    await browser.waitUntil(async () => !(await inTree('Jonas Berg')), { timeout: 5_000, timeoutMsg: 'Jonas Berg is gone' });
  });

  it('refuses, in German, to delete an employee holding services: one sentence, the list one click away', async () => {
    await browser.$('[data-testid="lang-de"]').click();
    await browser.waitUntil(async () => (await browser.execute(() => document.documentElement.lang)) === 'de', {
      timeout: 5_000,
      timeoutMsg: 'the document speaks German',
    });
    await (await selectNode('employee', 'Aylin Demir')).$('[data-testid="tree-delete"]').click();
    const dialog = await browser.$('[data-testid="delete-dialog"]');
    await dialog.waitForDisplayed({ timeout: 5_000 });
    expect(await text('[data-testid="delete-dialog"] [id^="modal-title"]')).toBe('Mitarbeiter Aylin Demir löschen?');
    await browser.$('[data-testid="delete-apply"]').click();

    const refusal = await browser.$('[data-testid="delete-refusal"]');
    await refusal.waitForDisplayed({ timeout: 5_000, timeoutMsg: 'the refusal is shown in the dialog' });
    const sentence = await refusal.getText();
    expect(sentence).toMatch(/^Aylin Demir hat \d+ Leistung(en)? und kann nicht gelöscht werden: um sie zu beenden, kündigen Sie sie im Bestand\.$/);
    // No English from the core, the name once, and no toast listing it all.
    const whole = await text('[data-testid="delete-dialog"]');
    expect(whole).not.toMatch(/instance|holds|deleted|cannot/i);
    expect(sentence.split('Aylin Demir').length).toBe(2); // named once
    expect(await toast()).not.toContain('Aylin');

    // The services are one click away.
    const first = await browser.$('[data-testid="delete-blocker"]');
    expect(await first.isDisplayed()).toBe(false);
    await browser.$('[data-testid="delete-blockers"] summary').click();
    await first.waitForDisplayed({ timeout: 5_000 });
    const lines = await browser.execute(() => Array.from(document.querySelectorAll('[data-testid="delete-blocker"]'), (e) => e.textContent ?? ''));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/#\d+ · (bestellt|aktiv|geplant|in Bereitstellung)/);
    await screenshot(browser, join(outDir, 'i14-customers-delete-refused-de.png'));

    await browser.$('[data-testid="delete-close"]').click();
    await dialog.waitForDisplayed({ reverse: true, timeout: 5_000 });
    expect(await inTree('Aylin Demir')).toBe(true);

    // A location where people work: what to do with them, in German.
    await (await selectNode('location', 'Hamburg HQ')).$('[data-testid="tree-delete"]').click();
    await dialog.waitForDisplayed({ timeout: 5_000 });
    await browser.$('[data-testid="delete-apply"]').click();
    await refusal.waitForDisplayed({ timeout: 5_000 });
    expect(await refusal.getText()).toBe('Am Standort Hamburg HQ arbeitet 1 Mitarbeiter: ordnen Sie ihn einem anderen Standort zu oder löschen Sie ihn zuerst.');
    await browser.$('[data-testid="delete-close"]').click();
    await dialog.waitForDisplayed({ reverse: true, timeout: 5_000 });
  });

  it('takes the booking start date as TT.MM.JJJJ in German', async () => {
    await selectNode('employee', 'Aylin Demir');
    await browser.$('[data-testid="book"]').click();
    const dialog = await browser.$('[data-testid="booking-dialog"]');
    await dialog.waitForDisplayed({ timeout: 5_000 });
    const field = await browser.$('[data-testid="booking-dialog"] [data-field="start_date"]');
    expect(await field.getValue()).toMatch(/^\d{2}\.\d{2}\.\d{4}$/);
    expect(await field.getAttribute('placeholder')).toBe('TT.MM.JJJJ');
    await field.click();
    await browser.keys([Key.Ctrl, 'a']);
    await browser.keys([Key.Backspace]);
    await browser.keys('01.02.2027'.split(''));
    await browser.keys([Key.Tab]);
    await browser.waitUntil(async () => (await field.getAttribute('data-value')) === '2027-02-01', {
      timeout: 5_000,
      timeoutMsg: '01.02.2027 is the 1st of February',
    });
    expect(await field.getValue()).toBe('01.02.2027');
    expect(await text('[data-testid="booking-dialog"] [id="booking-title"]')).toBe('Buchen für Aylin Demir');
    await screenshot(browser, join(outDir, 'i14-customers-booking-date-de.png'));
    await browser.keys([Key.Escape]);
    await dialog.waitForDisplayed({ reverse: true, timeout: 5_000 });
    await screenshot(browser, join(outDir, 'i14-customers-view-de.png'));

    // The price list's dates too, and its service search says what it searches in a word.
    await browser.$('[data-testid="prices-open"]').click();
    await browser.$('[data-testid="price-list-new"]').click();
    await browser.$('[data-testid="pl-add-variant"]').click();
    const from = await browser.$('[data-field="pl_from"]');
    await from.waitForDisplayed({ timeout: 5_000 });
    expect(await from.getValue()).toMatch(/^\d{2}\.\d{2}\.\d{4}$/);
    expect(await browser.$('[data-field="pl_service"]').getAttribute('placeholder')).toBe('Service suchen…');
    await screenshot(browser, join(outDir, 'i14-customers-prices-de.png'));
    await browser.$('[data-testid="prices-open"]').click();
    await browser.$('[data-testid="lang-en"]').click();
    await screenshot(browser, join(outDir, 'i14-customers-view-en.png'));
  });
});

describe('places that belong to the database', () => {
  it('remembers the export folder in the database and the window size across a restart', async () => {
    await browser.$('[data-testid="nav-offers"]').click();
    await browser.$('[data-testid="offer-row"]').waitForDisplayed({ timeout: 10_000 });
    await browser.$('[data-testid="offer-row"]').click();
    const field = await browser.$('[data-field="export_folder"]');
    await field.waitForDisplayed({ timeout: 5_000 });
    await field.setValue(exportFolder);
    await browser.$('[data-testid="export-csv"]').click();
    await browser.waitUntil(async () => (await toast()).includes(exportFolder), { timeout: 10_000, timeoutMsg: 'the CSV is exported' });
    await browser.setWindowSize(1120, 720);
    const before = await browser.getWindowSize();

    // The window's state is written once it stops moving, so even an app that
    // is killed (as the harness ends it) opens again as it was left.
    const stateFile = join(configHome, 'io.servicefolio.desktop', '.window-state.json');
    await browser.waitUntil(async () => existsSync(stateFile) && readFileSync(stateFile, 'utf8').includes(`"width": ${before.width}`), {
      timeout: 5_000,
      timeoutMsg: 'the window state is written',
    });
    await browser.deleteSession();
    const db = join(session.dir, 'app.db');
    copyFileSync(db, join(keep, 'kept.db'));
    if (existsSync(`${db}-wal`)) copyFileSync(`${db}-wal`, join(keep, 'kept.db-wal'));
    await session.stop();

    session = await startApp(4544, (path) => {
      copyFileSync(join(keep, 'kept.db'), path);
      if (existsSync(join(keep, 'kept.db-wal'))) copyFileSync(join(keep, 'kept.db-wal'), `${path}-wal`);
    }, configHome);
    browser = session.browser;
    await browser.$('[data-testid="nav-offers"]').waitForDisplayed({ timeout: 10_000 });
    const after = await browser.getWindowSize();
    expect(Math.abs(after.width - before.width)).toBeLessThanOrEqual(2);
    expect(Math.abs(after.height - before.height)).toBeLessThanOrEqual(2);
    await browser.$('[data-testid="nav-offers"]').click();
    await browser.$('[data-testid="offer-row"]').waitForDisplayed({ timeout: 10_000 });
    await browser.$('[data-testid="offer-row"]').click();
    const again = await browser.$('[data-field="export_folder"]');
    await again.waitForDisplayed({ timeout: 5_000 });
    await browser.waitUntil(async () => (await again.getValue()) === exportFolder, {
      timeout: 5_000,
      timeoutMsg: 'the export folder is read back from the database',
    });
    await session.stop();

    // Another database (same web view storage would not matter: it is not kept there).
    session = await startApp(4548, seed, configHome);
    browser = session.browser;
    await browser.$('[data-testid="nav-offers"]').waitForDisplayed({ timeout: 10_000 });
    await browser.$('[data-testid="nav-offers"]').click();
    await browser.$('[data-testid="offer-row"]').waitForDisplayed({ timeout: 10_000 });
    await browser.$('[data-testid="offer-row"]').click();
    const other = await browser.$('[data-field="export_folder"]');
    await other.waitForDisplayed({ timeout: 5_000 });
    // The folder is read after the list; the first database's never comes.
    const seen = new Set<string>();
    for (let i = 0; i < 20; i++) {
      seen.add(await other.getValue());
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect([...seen]).not.toContain(exportFolder);
  });
});
