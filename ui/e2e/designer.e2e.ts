// The service designer and the model map in the real window: create a service
// with a variant, a rental term and a requirement on a basic service; see it on the
// map; and meet the rule message when an edit would make a cycle.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Key } from 'webdriverio';
import { outDir, pickItem, screenshot, startApp, type Session } from './harness';

let session: Session;
let browser: WebdriverIO.Browser;

const field = (path: string) => browser.$(`[data-testid="designer"] [data-field="${path}"]`);

/** Replaces the text of a designer field as a person would: select all, type. */
async function fill(path: string, text: string) {
  const input = await field(path);
  await input.waitForDisplayed({ timeout: 5_000 });
  await input.click();
  await browser.keys([Key.Ctrl, 'a']);
  await browser.keys([Key.Backspace]);
  await browser.keys(text.split(''));
}

async function choose(path: string, value: string) {
  const select = await field(path);
  await select.waitForDisplayed({ timeout: 5_000 });
  await select.selectByAttribute('value', value);
}

function violations(): Promise<string[]> {
  return browser.execute(() =>
    Array.from(document.querySelectorAll('[data-testid="designer"] [data-testid="violation"]'), (e) => e.textContent ?? ''),
  );
}

async function rowNames(): Promise<string[]> {
  return browser.execute(() =>
    Array.from(document.querySelectorAll('[data-testid="catalog-row"] .name'), (e) => e.textContent ?? ''),
  );
}

beforeAll(async () => {
  session = await startApp(4448);
  browser = session.browser;
  // The list is virtualised: it renders the rows in view; `data-loaded` counts what it holds.
  await browser.waitUntil(
    async () => Number(await browser.$('[data-testid="catalog-list"]').getAttribute('data-loaded')) > 30,
    { timeout: 10_000 },
  );
});

afterAll(async () => {
  await session?.stop();
});

describe('service designer', () => {
  it('creates a service with a variant, a rental term and a requirement', async () => {
    await browser.$('[data-testid="new-service"]').click();
    await browser.$('[data-testid="designer"]').waitForDisplayed({ timeout: 5_000 });
    await fill('code', 'SVC-PRINT');
    await fill('name', 'Managed printing');
    await fill('category', 'Workplace');
    await fill('variants[0].code', 'STD');
    await fill('variants[0].name', 'Standard');
    await fill('variants[0].offers.rental.monthly_price', '14.90');
    await fill('variants[0].offers.rental.minimum_term_months', '12');
    await fill('variants[0].offers.rental.notice_period_months', '3');
    await browser.$('[data-testid="designer"] [data-testid="add-requirement"]').click();
    await pickItem(browser, '[data-testid="designer"] [data-field="requires[0].service"]', 'BAS-M365-TENANT');
    await choose('requires[0].scope', 'customer');
    await browser.waitUntil(async () => (await violations()).length === 0, {
      timeout: 5_000,
      timeoutMsg: 'the draft is valid',
    });
    await screenshot(browser, join(outDir, 'designer.png'));
    const save = await browser.$('[data-testid="designer-save"]');
    await browser.waitUntil(async () => save.isEnabled(), { timeout: 5_000 });
    await save.click();
    await browser.$('[data-testid="designer"]').waitForDisplayed({ reverse: true, timeout: 5_000 });
    await browser.waitUntil(async () => (await rowNames()).includes('Managed printing'), {
      timeout: 5_000,
      timeoutMsg: 'the new service is in the catalog list',
    });
    const detail = await browser.execute(() => document.querySelector('[data-testid="item-detail"]')?.textContent ?? '');
    expect(detail).toContain('Managed printing');
    expect(detail).toContain('Microsoft 365 tenant');
  });

  it('shows the new service on the model map, required edge included', async () => {
    await browser.$('[data-testid="nav-map"]').click();
    const node = await browser.$('[data-testid="map-node"][data-code="SVC-PRINT"]');
    await node.waitForExist({ timeout: 10_000 });
    expect(await node.getAttribute('data-kind')).toBe('service');
    expect(
      await browser.execute(
        () => document.querySelector('[data-testid="map-node"][data-code="SVC-PRINT"]')?.textContent ?? '',
      ),
    ).toContain('Managed printing');
    const labels = await browser.execute(() =>
      Array.from(document.querySelectorAll('[data-testid="map-edge-label"]'), (e) => e.textContent ?? ''),
    );
    expect(labels.some((l) => l.includes('required'))).toBe(true);
    await screenshot(browser, join(outDir, 'model-map.png'));
  });

  it('names the cycle when the basic service would bring its own dependant', async () => {
    // Open the tenant from the map, as a consultant would: the map keeps its names
    // readable rather than showing every card at once, so find it with its search.
    await browser.$('[data-testid="map-search"]').click();
    await browser.keys('BAS-M365-TENANT'.split(''));
    await browser.keys([Key.Enter]);
    const tenant = await browser.$('[data-testid="map-node"][data-code="BAS-M365-TENANT"]');
    await browser.waitUntil(async () => (await tenant.getAttribute('data-found')) === 'true', {
      timeout: 5_000,
      timeoutMsg: 'the map search finds the tenant',
    });
    await browser.pause(400); // the view has moved to it
    await tenant.click();
    await browser.$('[data-testid="designer"]').waitForDisplayed({ timeout: 5_000 });
    await browser.$('[data-testid="designer"] [data-testid="add-link"]').click();
    await pickItem(browser, '[data-testid="designer"] [data-field="links[0].item"]', 'SVC-PRINT');
    await choose('links[0].mode', 'mandatory');
    await browser.waitUntil(async () => (await violations()).some((v) => v.includes('cycle')), {
      timeout: 5_000,
      timeoutMsg: 'the cycle is reported before saving',
    });
    const messages = await violations();
    expect(messages.join(' ')).toContain('BAS-M365-TENANT → SVC-PRINT → BAS-M365-TENANT');
    expect(await browser.$('[data-testid="designer-save"]').isEnabled()).toBe(false);
    await screenshot(browser, join(outDir, 'designer-cycle.png'));
  });

  it('undoes the session’s edit with Ctrl+Z', async () => {
    await browser.$('[data-testid="designer-cancel"]').click();
    // An unsaved draft may ask to be discarded.
    const discard = await browser.$('[data-testid="designer-discard"]');
    if (await discard.isExisting()) await discard.click();
    await browser.$('[data-testid="designer"]').waitForDisplayed({ reverse: true, timeout: 5_000 });
    await browser.$('[data-testid="nav-catalog"]').click();
    await browser.$('[data-testid="catalog-list"]').click();
    await browser.keys([Key.Ctrl, 'z']);
    await browser.waitUntil(async () => !(await rowNames()).includes('Managed printing'), {
      timeout: 5_000,
      timeoutMsg: 'undo removed the service created in this session',
    });
    const toast = await browser.execute(() => document.querySelector('[data-testid="toast"]')?.textContent ?? '');
    expect(toast).toContain('Managed printing');
    // Rows out of view are not rendered: ask the search, which finds nothing now.
    await browser.$('[data-testid="catalog-search"]').click();
    await browser.keys('Managed printing'.split(''));
    await browser.$('[data-testid="catalog-empty"]').waitForDisplayed({ timeout: 5_000 });
  });
});
