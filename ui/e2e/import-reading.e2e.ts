// Reading during an import (issue 12) in the real window: a big generated feed
// is imported and set aside while it runs; meanwhile the catalog is searched,
// a customer's structure opened and the offers shown (the reads answer from the
// store's reader while the import holds the writer), a change (Ctrl+Z) is
// refused with a clear message instead of waiting, and cancelling from the
// import's bar leaves the catalog as it was.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Key } from 'webdriverio';
import { app, outDir, screenshot, startApp, type Session } from './harness';

let session: Session;
let browser: WebdriverIO.Browser;
let big: string;
/** The big feed's first article: [puid, ean, sku, manufacturer, name, ...]. */
let bigFirst: string[];

/** Enough rows that the import is still running while the test browses (it is cancelled). */
const ROWS = 600_000;

const byTestId = (id: string) => browser.$(`[data-testid="${id}"]`);

async function names(selector: string): Promise<string[]> {
  return browser.execute(
    (s: string) => Array.from(document.querySelectorAll(s), (e) => e.textContent ?? ''),
    selector,
  );
}

async function importRunning(): Promise<boolean> {
  return (await (await byTestId('import-pill')).getAttribute('data-running')) === 'true';
}

beforeAll(async () => {
  session = await startApp(4500, (db) => {
    const run = (...args: string[]) => execFileSync(app, ['--db', db, ...args], { encoding: 'utf8' }).trim();
    const id = run('customer', 'create', '--name', 'Muster Logistik GmbH', '--city', 'Hamburg', '--country', 'DE');
    const csv = join(db, '..', 'staff.csv');
    writeFileSync(csv, 'name;email;department;location\nAnna Schmidt;anna@muster.example;Sales;Hamburg\n');
    run('customer', 'import-employees', id, csv);
  });
  browser = session.browser;
  big = join(session.dir, 'itscope-big.csv');
  execFileSync(app, ['dev', 'gen-feed', '--rows', String(ROWS), '--seed', '12', '--out', big], { stdio: 'ignore' });
  bigFirst = readFileSync(big, 'utf8').slice(0, 4096).split('\n')[1]!.split(';');
  await (await byTestId('catalog-list')).waitForDisplayed({ timeout: 10_000 });
});

let failures = 0;
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  failures += 1;
  await screenshot(browser, join(outDir, `import-reading-failure-${failures}.png`)).catch(() => undefined);
});

afterAll(async () => {
  await session?.stop();
});

describe('reading during an import', () => {
  it('starts a big import and sets it aside while it runs', async () => {
    await (await byTestId('import-open')).click();
    await (await byTestId('import-path')).waitForDisplayed({ timeout: 5_000 });
    await (await byTestId('import-path')).setValue(big);
    await (await byTestId('import-preview')).click();
    await (await byTestId('import-detected')).waitForDisplayed({ timeout: 10_000 });
    await (await byTestId('import-next')).click();
    await (await byTestId('import-run')).click();
    await browser.waitUntil(
      async () => Number(await (await byTestId('import-progress-text')).getAttribute('data-rows')) > 0,
      { timeout: 30_000, timeoutMsg: 'the progress counts rows' },
    );
    await (await byTestId('import-aside')).click();
    await (await byTestId('import-wizard')).waitForDisplayed({ reverse: true, timeout: 5_000 });
    await (await byTestId('import-pill')).waitForDisplayed({ timeout: 5_000 });
    expect(await importRunning()).toBe(true);
  });

  it('searches the catalog and refuses a change at once, saying why', async () => {
    await (await byTestId('catalog-search')).setValue('Managed365');
    await browser.waitUntil(async () => (await names('[data-testid="catalog-row"] .name')).some((n) => n.includes('Managed365')), {
      timeout: 10_000,
      timeoutMsg: 'the catalog search answers during the import',
    });
    // Ctrl+Z in the list would undo a catalog edit: a change, which waits for no import.
    await (await byTestId('catalog-row')).click();
    await browser.keys([Key.Ctrl, 'z']);
    const toast = await byTestId('toast');
    await toast.waitForDisplayed({ timeout: 5_000 });
    expect(await toast.getText()).toMatch(/^An import is running/);
    expect(await importRunning()).toBe(true);
  });

  it("opens a customer's structure and the offers", async () => {
    await (await byTestId('nav-customers')).click();
    const customer = await byTestId('customer-row');
    await customer.waitForDisplayed({ timeout: 10_000 });
    expect(await customer.getText()).toContain('Muster Logistik GmbH');
    await customer.click();
    await browser.waitUntil(async () => (await names('[data-testid="tree-node"]')).some((n) => n.includes('Anna Schmidt')), {
      timeout: 10_000,
      timeoutMsg: 'the structure answers during the import',
    });
    await (await byTestId('nav-offers')).click();
    await (await byTestId('offers-view')).waitForDisplayed({ timeout: 10_000 });
    await (await byTestId('nav-customers')).click();
    await (await byTestId('customers-view')).waitForDisplayed({ timeout: 10_000 });
    // Every read above answered while the import still held the store.
    expect(await importRunning()).toBe(true);
    const png = await screenshot(browser, join(outDir, 'import-reading.png'));
    expect(png.length).toBeGreaterThan(10_000);
  });

  it('cancels from the bar: the import stops and the catalog is as it was', async () => {
    await (await byTestId('import-pill-cancel')).click();
    await browser.waitUntil(async () => !(await importRunning()), { timeout: 60_000, timeoutMsg: 'the import stops' });
    expect(await (await byTestId('import-pill')).getText()).toContain('Import cancelled.');
    await (await byTestId('import-pill-show')).click();
    await (await byTestId('import-cancelled')).waitForDisplayed({ timeout: 5_000 });
    await (await byTestId('import-run-close')).click();
    await (await byTestId('import-wizard')).waitForExist({ reverse: true, timeout: 5_000 });
    await (await byTestId('nav-catalog')).click();
    const search = await byTestId('catalog-search');
    await search.waitForDisplayed({ timeout: 5_000 });
    await search.click();
    await browser.keys([Key.Ctrl, 'a']);
    await browser.keys([Key.Backspace]);
    await search.setValue(bigFirst[1]!);
    await (await byTestId('catalog-empty')).waitForDisplayed({ timeout: 10_000 });
    expect(await names('[data-testid="catalog-row"] .name')).not.toContain(bigFirst[4]!);
    // No report was saved either.
    await (await byTestId('import-open')).click();
    await (await byTestId('import-path')).waitForDisplayed({ timeout: 5_000 });
    expect((await browser.$$('[data-testid="import-past-item"]')).length).toBe(0);
  });
});
