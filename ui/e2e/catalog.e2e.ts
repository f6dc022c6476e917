// The catalog browser in the real window: demo data, search as you type, keyboard
// navigation and the detail pane. Expectations come from the headless CLI of the
// same binary on its own fresh database.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Key } from 'webdriverio';
import type { CatalogItemSummary } from '../src/lib/bindings';
import { cli, outDir, screenshot, startApp, type Session } from './harness';

let session: Session;
let browser: WebdriverIO.Browser;
let all: CatalogItemSummary[];

const search = () => browser.$('[data-testid="catalog-search"]');

/**
 * The names of the rows rendered in the list, top to bottom, read in the page.
 * The list is virtualised: only the rows in view (plus a few) are in the DOM.
 */
function rowNames(): Promise<string[]> {
  return browser.execute(() =>
    Array.from(document.querySelectorAll('[data-testid="catalog-row"] .name'), (e) => e.textContent ?? ''),
  );
}

function selectedName(): Promise<string | null> {
  return browser.execute(
    () => document.querySelector('[data-testid="catalog-row"][aria-selected="true"] .name')?.textContent ?? null,
  );
}

/** Waits until the detail pane shows the item with this name. */
async function waitForDetail(name: string) {
  await browser.waitUntil(
    async () =>
      (await browser.execute(() => document.querySelector('[data-testid="detail-name"]')?.textContent ?? null)) === name,
    { timeout: 5_000, timeoutMsg: `the detail pane shows ${name}` },
  );
}

async function rowCount(): Promise<number> {
  return (await rowNames()).length;
}

/** How many items the list holds (loaded pages; the last page has come). */
function loadedCount(): Promise<number> {
  return browser.execute(() => {
    const list = document.querySelector('[data-testid="catalog-list"]');
    if (!list) return 0;
    return list.getAttribute('data-complete') === 'true' ? Number(list.getAttribute('data-loaded')) : -1;
  });
}

async function waitForRows(count: number) {
  await browser.waitUntil(async () => (await loadedCount()) === count, {
    timeout: 10_000,
    timeoutMsg: `expected ${count} items in the catalog list`,
  });
}

async function typeSearch(text: string) {
  const field = await search();
  await field.click();
  // Select all and delete, as a person would; then type key by key.
  await browser.keys([Key.Ctrl, 'a']);
  await browser.keys([Key.Backspace]);
  if (text) await browser.keys(text.split(''));
}

beforeAll(async () => {
  session = await startApp();
  browser = session.browser;
  all = cli<CatalogItemSummary[]>(session.dir, 'catalog', 'list');
});

afterAll(async () => {
  await session?.stop();
});

describe('catalog browser', () => {
  it('opens on the demo catalog', async () => {
    expect(all.length).toBeGreaterThanOrEqual(30);
    await waitForRows(all.length);
    const names = (await rowNames()).slice(0, 5);
    expect(names).toEqual(all.slice(0, 5).map((item) => item.name));
    const status = await browser.$('[data-testid="status"]').getText();
    expect(status).toContain(`${all.length} of ${all.length} items`);
  });

  it('renders only the rows in view and scrolls to the last one with End', async () => {
    // The demo catalog is taller than the window: the list holds every item but renders a window of them.
    const rendered = await rowCount();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(all.length);
    await (await browser.$('[data-testid="catalog-list"]')).click();
    await browser.keys([Key.End]);
    await browser.waitUntil(async () => (await selectedName()) === all[all.length - 1]!.name, {
      timeout: 5_000,
      timeoutMsg: 'End selects the last item and brings it into view',
    });
    const names = await rowNames();
    expect(names).toContain(all[all.length - 1]!.name);
    expect(names).not.toContain(all[0]!.name);
    // The clicked row has scrolled out of the DOM: the keys must still reach the list.
    await browser.keys([Key.Home]);
    await browser.waitUntil(async () => (await selectedName()) === all[0]!.name, { timeout: 5_000 });
  });

  it('narrows the list as you type', async () => {
    const expected = cli<CatalogItemSummary[]>(session.dir, 'catalog', 'list', '--search', 'thinkpad');
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(all.length);
    await typeSearch('thinkpad');
    await waitForRows(expected.length);
    const names = await rowNames();
    expect(names).toEqual(expected.map((item) => item.name));
    for (const name of names) expect(name.toLowerCase()).toContain('thinkpad');
  });

  it('finds a product by its EAN', async () => {
    const product = all.find((item) => item.kind === 'product' && item.ean);
    expect(product).toBeDefined();
    await typeSearch(product!.ean!);
    await waitForRows(1);
    expect(await rowNames()).toEqual([product!.name]);
  });

  it('says so when nothing matches', async () => {
    await typeSearch('no such thing anywhere');
    await browser.$('[data-testid="catalog-empty"]').waitForDisplayed({ timeout: 5_000 });
    expect(await rowCount()).toBe(0);
  });

  it('clears the search with Escape and moves the selection with the keys', async () => {
    await (await search()).click();
    await browser.keys([Key.Escape]);
    await waitForRows(all.length);
    await browser.waitUntil(async () => (await selectedName()) === all[0]!.name, { timeout: 5_000 });
    // One action per press: WebKitWebDriver merges two identical keys in one sequence.
    await browser.keys([Key.ArrowDown]);
    await browser.keys([Key.ArrowDown]);
    await browser.waitUntil(async () => (await selectedName()) === all[2]!.name, {
      timeout: 5_000,
      timeoutMsg: 'two presses of the down key select the third item',
    });
    await waitForDetail(all[2]!.name);
  });

  it('shows the detail of the selected item', async () => {
    const notebook = all.find((item) => item.kind === 'product' && item.category === 'Notebooks');
    expect(notebook).toBeDefined();
    await typeSearch(notebook!.part_number!);
    await waitForRows(1);
    await browser.$('[data-testid="catalog-row"]').click();
    await waitForDetail(notebook!.name);
    expect(await browser.$('[data-testid="detail-part-number"]').getText()).toBe(notebook!.part_number);
    expect(await browser.$('[data-testid="detail-code"]').getText()).toBe(notebook!.code);
    // A notebook brings its mandatory device management along.
    const detail = await browser.$('[data-testid="item-detail"]').getText();
    expect(detail).toContain('Mobile device management');
    expect(detail.toLowerCase()).toContain('mandatory');
  });

  it('saves a screenshot of the window', async () => {
    await typeSearch('');
    await waitForRows(all.length);
    const managed365 = all.find((item) => item.code === 'SVC-M365');
    expect(managed365).toBeDefined();
    await (await browser.$(`[data-id="${managed365!.id}"]`)).click();
    await waitForDetail(managed365!.name);
    const png = await screenshot(browser, join(outDir, 'catalog-browser.png'));
    expect(png.length).toBeGreaterThan(10_000);
  });
});
