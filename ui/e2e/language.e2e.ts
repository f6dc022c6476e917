// The UI in German and back: labels, money (1.249,00 €) and the choice kept across
// views. The test VM's browser language is English, so English is the default.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Key } from 'webdriverio';
import { outDir, screenshot, startApp, type Session } from './harness';

let session: Session;
let browser: WebdriverIO.Browser;

const text = (selector: string) =>
  browser.execute((s: string) => (document.querySelector(s)?.textContent ?? '').replace(/\s+/g, ' ').trim(), selector);

beforeAll(async () => {
  session = await startApp(4460);
  browser = session.browser;
  await browser.$('[data-testid="catalog-list"]').waitForDisplayed({ timeout: 10_000 });
});

afterAll(async () => {
  await session?.stop();
});

describe('language', () => {
  it('opens in English', async () => {
    expect(await text('[data-testid="nav-catalog"]')).toContain('Catalog');
    expect(await browser.$('[data-testid="lang-en"]').getAttribute('aria-pressed')).toBe('true');
  });

  it('switches to German, with German amounts', async () => {
    await browser.$('[data-testid="lang-de"]').click();
    await browser.waitUntil(async () => (await text('[data-testid="nav-catalog"]')).includes('Katalog'), {
      timeout: 5_000,
      timeoutMsg: 'the navigation reads Katalog',
    });
    expect(await text('[data-testid="nav-customers"]')).toContain('Kunden');
    await browser.$('[data-testid="catalog-search"]').setValue('T14 Gen 5');
    await browser.waitUntil(async () => (await browser.$$('[data-testid="catalog-row"]').length) === 1, {
      timeout: 5_000,
      timeoutMsg: 'one row for T14 Gen 5',
    });
    await browser.$('[data-testid="catalog-row"]').click();
    await browser.waitUntil(async () => (await text('[data-testid="item-detail"]')).includes('1.249,00 €'), {
      timeout: 5_000,
      timeoutMsg: 'the list price reads 1.249,00 €',
    });
    await screenshot(browser, join(outDir, 'german.png'));
  });

  it('keeps German in the customers view and switches back to English', async () => {
    await browser.$('[data-testid="nav-customers"]').click();
    await browser.waitUntil(async () => (await text('[data-testid="new-customer"]')).includes('Neuer Kunde'), {
      timeout: 5_000,
      timeoutMsg: 'the customers view is German',
    });
    await browser.$('[data-testid="lang-en"]').click();
    await browser.waitUntil(async () => (await text('[data-testid="new-customer"]')).includes('New customer'), {
      timeout: 5_000,
      timeoutMsg: 'back in English',
    });
    await browser.keys([Key.Escape]);
  });
});
