// Ctrl+Z acts on the view it was pressed in (issue 11): a service created in the
// catalog survives Ctrl+Z in the customers view (the toast says there was nothing
// to undo there), and Ctrl+Z back in the catalog takes it back and says what it
// undid. The catalog is checked in the window and through the CLI on the same
// database file.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Key } from 'webdriverio';
import type { CatalogItemSummary } from '../src/lib/bindings';
import { app, outDir, screenshot, startApp, type Session } from './harness';

let session: Session;
let browser: WebdriverIO.Browser;

/** The app's own database, read by the CLI of the same binary (WAL lets both in). */
function cliCatalog(search: string): CatalogItemSummary[] {
  const out = execFileSync(app, ['--db', join(session.dir, 'app.db'), 'catalog', 'list', '--json', '--search', search], {
    encoding: 'utf8',
  });
  return JSON.parse(out) as CatalogItemSummary[];
}

async function fill(path: string, text: string) {
  const input = await browser.$(`[data-testid="designer"] [data-field="${path}"]`);
  await input.waitForDisplayed({ timeout: 5_000 });
  await input.click();
  await browser.keys([Key.Ctrl, 'a']);
  await browser.keys([Key.Backspace]);
  await browser.keys(text.split(''));
}

function toast(): Promise<string> {
  return browser.execute(() => document.querySelector('[data-testid="toast"]')?.textContent ?? '');
}

async function waitForToast(text: string) {
  await browser.waitUntil(async () => (await toast()) === text, {
    timeout: 5_000,
    timeoutMsg: `the toast says “${text}”`,
  });
}

/** Searches the catalog browser; true when it lists an item of that name. */
async function catalogShows(name: string): Promise<boolean> {
  const search = await browser.$('[data-testid="catalog-search"]');
  await search.waitForDisplayed({ timeout: 5_000 });
  await search.click();
  await browser.keys([Key.Ctrl, 'a']);
  await browser.keys([Key.Backspace]);
  await browser.keys(name.split(''));
  let names: string[] = [];
  await browser.waitUntil(
    async () => {
      const state = await browser.execute(() => ({
        empty: document.querySelector('[data-testid="catalog-empty"]') !== null,
        names: Array.from(document.querySelectorAll('[data-testid="catalog-row"] .name'), (e) => e.textContent ?? ''),
      }));
      names = state.names;
      return state.empty || (state.names.length > 0 && state.names.every((n) => n.includes(name)));
    },
    { timeout: 5_000, timeoutMsg: `the catalog list answers the search “${name}”` },
  );
  return names.includes(name);
}

beforeAll(async () => {
  session = await startApp(4490);
  browser = session.browser;
  await browser.waitUntil(
    async () => Number(await browser.$('[data-testid="catalog-list"]').getAttribute('data-loaded')) > 30,
    { timeout: 10_000 },
  );
});

afterAll(async () => {
  await session?.stop();
});

describe('Ctrl+Z acts on the view it was pressed in', () => {
  it('creates a service in the catalog', async () => {
    await browser.$('[data-testid="new-service"]').click();
    await browser.$('[data-testid="designer"]').waitForDisplayed({ timeout: 5_000 });
    await fill('code', 'SVC-BACKUP-PLUS');
    await fill('name', 'Backup Plus');
    await fill('category', 'Backup');
    await fill('variants[0].code', 'STD');
    await fill('variants[0].name', 'Standard');
    await fill('variants[0].offers.rental.monthly_price', '9.90');
    await fill('variants[0].offers.rental.minimum_term_months', '12');
    await fill('variants[0].offers.rental.notice_period_months', '3');
    const save = await browser.$('[data-testid="designer-save"]');
    await browser.waitUntil(async () => save.isEnabled(), { timeout: 5_000, timeoutMsg: 'the draft can be saved' });
    await save.click();
    await browser.$('[data-testid="designer"]').waitForDisplayed({ reverse: true, timeout: 5_000 });
    expect(await catalogShows('Backup Plus')).toBe(true);
    expect(cliCatalog('Backup Plus').map((i) => i.code)).toEqual(['SVC-BACKUP-PLUS']);
  });

  it('undoes nothing in the customers view, and says so', async () => {
    await browser.$('[data-testid="nav-customers"]').click();
    await browser.keys([Key.Ctrl, 'z']);
    await waitForToast('Nothing to undo in Customers.');
    await screenshot(browser, join(outDir, 'undo-customers.png'));
    // The service is still there: in the database ...
    expect(cliCatalog('Backup Plus').map((i) => i.code)).toEqual(['SVC-BACKUP-PLUS']);
    // ... and in the window.
    await browser.$('[data-testid="nav-catalog"]').click();
    expect(await catalogShows('Backup Plus')).toBe(true);
  });

  it('says it in German too, in the offers view', async () => {
    await browser.$('[data-testid="lang-de"]').click();
    await browser.$('[data-testid="nav-offers"]').click();
    await browser.keys([Key.Ctrl, 'z']);
    await waitForToast('In „Angebote“ gibt es nichts rückgängig zu machen.');
    await browser.$('[data-testid="nav-map"]').click();
    await browser.keys([Key.Ctrl, 'z']);
    await waitForToast('In „Modellkarte“ gibt es nichts rückgängig zu machen.');
    await browser.$('[data-testid="lang-en"]').click();
    expect(cliCatalog('Backup Plus')).toHaveLength(1);
  });

  it('undoes the creation back in the catalog and says what it undid', async () => {
    await browser.$('[data-testid="nav-catalog"]').click();
    await browser.$('[data-testid="catalog-list"]').click();
    await browser.keys([Key.Ctrl, 'z']);
    await waitForToast('Undone: created service Backup Plus');
    await screenshot(browser, join(outDir, 'undo-catalog.png'));
    expect(cliCatalog('Backup Plus')).toEqual([]);
    expect(await catalogShows('Backup Plus')).toBe(false);
  });
});
