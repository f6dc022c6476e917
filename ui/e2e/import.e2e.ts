// The master data import wizard in the real window: a generated ITScope feed is
// previewed, imported with the built-in profile and reported; the catalog list
// then finds its products; a second run of the same file changes nothing; a file
// that is no feed is refused with its name and the reason; a supplier's BMEcat
// catalogue imports; a mapping saved as a profile is offered again; a big import
// cancelled while it runs leaves the catalog as it was; a BMEcat with price types
// nobody chose is imported with the types ticked in the wizard, its prices per
// piece, and an article without a price shows "no price".
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Key } from 'webdriverio';
import { app, outDir, screenshot, startApp, type Session } from './harness';

let session: Session;
let browser: WebdriverIO.Browser;
let feed: string;
/** The first generated article: [puid, ean, sku, manufacturer, name, ...]. */
let first: string[];

const ROWS = 2000;

/** The shared BMEcat fixtures (as the Rust tests find them). */
function bmecatFixture(name: string): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [
    process.env.SERVICEFOLIO_SHARED,
    resolve(here, '../../../shared'),
    '/work/shared',
  ].filter((d): d is string => Boolean(d));
  const dir = candidates.find((d) => existsSync(join(d, 'fixtures/bmecat', name)));
  if (!dir) throw new Error(`the BMEcat fixture ${name} is in none of ${candidates.join(', ')}`);
  return join(dir, 'fixtures/bmecat', name);
}
const byTestId = (id: string) => browser.$(`[data-testid="${id}"]`);

async function text(id: string): Promise<string> {
  return (await byTestId(id)).getText();
}

async function count(key: string): Promise<number> {
  return Number(await (await byTestId(`report-${key}`)).getAttribute('data-value'));
}

async function typeInto(id: string, value: string) {
  const field = await byTestId(id);
  await field.click();
  await browser.keys([Key.Ctrl, 'a']);
  await browser.keys([Key.Backspace]);
  await field.setValue(value);
}

/** Opens the wizard and reads `file` (the first step). */
async function openAndRead(file: string) {
  if (!(await (await byTestId('import-wizard')).isExisting())) await (await byTestId('import-open')).click();
  else if (await (await byTestId('import-back')).isExisting()) await (await byTestId('import-back')).click();
  await (await byTestId('import-path')).waitForDisplayed({ timeout: 5_000 });
  await typeInto('import-path', file);
  await (await byTestId('import-preview')).click();
}

async function runWithItscopeProfile() {
  await (await byTestId('import-detected')).waitForDisplayed({ timeout: 10_000 });
  await (await byTestId('import-next')).click();
  expect(await (await byTestId('import-profile')).getValue()).toBe('ITScope');
  await (await byTestId('import-run')).click();
  await (await byTestId('import-report')).waitForDisplayed({ timeout: 60_000 });
}

beforeAll(async () => {
  session = await startApp(4470);
  browser = session.browser;
  feed = join(session.dir, 'itscope-2000.csv');
  execFileSync(app, ['dev', 'gen-feed', '--rows', String(ROWS), '--out', feed], { stdio: 'ignore' });
  first = readFileSync(feed, 'utf8').split('\n')[1]!.split(';');
  await (await byTestId('catalog-list')).waitForDisplayed({ timeout: 10_000 });
});

afterAll(async () => {
  await session?.stop();
});

describe('import wizard', () => {
  it('previews a feed: format, separator and the first rows', async () => {
    await openAndRead(feed);
    const detected = await byTestId('import-detected');
    await detected.waitForDisplayed({ timeout: 10_000 });
    expect(await detected.getAttribute('data-format')).toBe('csv');
    expect(await detected.getAttribute('data-separator')).toBe('semicolon');
    expect(await text('import-detected')).toContain('CSV');
    const rows = await browser.$$('[data-testid="import-preview-row"]');
    expect(rows.length).toBeGreaterThan(0);
    expect(await rows[0]!.getProperty('textContent')).toContain(first[4]!);
    const png = await screenshot(browser, join(outDir, 'import-preview.png'));
    expect(png.length).toBeGreaterThan(10_000);
  });

  it('imports it with the ITScope profile and reports every row new', async () => {
    await (await byTestId('import-next')).click();
    const mapping = await byTestId('import-mapping');
    await mapping.waitForDisplayed({ timeout: 5_000 });
    expect(await (await byTestId('import-profile')).getValue()).toBe('ITScope');
    expect(await (await byTestId('map-source_key')).getValue()).toBe('puid');
    await (await byTestId('import-run')).click();
    await (await byTestId('import-report')).waitForDisplayed({ timeout: 60_000 });
    expect(await count('rows_read')).toBe(ROWS);
    expect(await count('new')).toBe(ROWS);
    expect(await count('rejected')).toBe(0);
    expect(await text('import-report')).toContain('itscope-2000.csv');
    const png = await screenshot(browser, join(outDir, 'import-report.png'));
    expect(png.length).toBeGreaterThan(10_000);
  });

  it('refreshes the catalog: the list finds an imported product', async () => {
    await (await byTestId('import-close')).click();
    await (await byTestId('import-wizard')).waitForExist({ reverse: true, timeout: 5_000 });
    // More items than one page: the status bar counts what is loaded as a lower bound.
    await browser.waitUntil(async () => (await text('status')).includes('+'), {
      timeout: 10_000,
      timeoutMsg: 'the status bar shows the list is longer than its first page',
    });
    const search = await byTestId('catalog-search');
    // setValue, not key actions: WebKitWebDriver merges repeated keys ("00") in one action sequence.
    await search.setValue(first[1]!);
    await browser.waitUntil(
      async () =>
        (await browser.execute(() =>
          Array.from(document.querySelectorAll('[data-testid="catalog-row"] .name'), (e) => e.textContent ?? ''),
        )).join('|') === first[4],
      { timeout: 10_000, timeoutMsg: `the list finds ${first[4]} by its EAN ${first[1]}` },
    );
  });

  it('scrolls through the imported products page by page', async () => {
    await (await byTestId('catalog-search')).click();
    await browser.keys([Key.Escape]);
    const list = await byTestId('catalog-list');
    await browser.waitUntil(async () => (await list.getAttribute('data-loaded')) === '200', { timeout: 10_000 });
    // Scrolling to the end of what is loaded asks for the next page (keyset paging).
    await browser.execute(() => {
      const el = document.querySelector('[data-testid="catalog-list"]')!;
      el.scrollTop = el.scrollHeight;
    });
    await browser.waitUntil(async () => Number(await list.getAttribute('data-loaded')) > 200, {
      timeout: 10_000,
      timeoutMsg: 'the next page is loaded when the view nears the end',
    });
    expect(await browser.$$('[data-testid="catalog-row"]').length).toBeLessThan(60);
  });

  it('re-runs the same file: everything unchanged; the past import reopens', async () => {
    await openAndRead(feed);
    // An encoding chosen by hand reaches the core (here the one it detects).
    const encoding = await byTestId('import-encoding-choice');
    await encoding.waitForDisplayed({ timeout: 5_000 });
    await encoding.selectByAttribute('value', 'utf8');
    await runWithItscopeProfile();
    expect(await count('rows_read')).toBe(ROWS);
    expect(await count('new')).toBe(0);
    expect(await count('unchanged')).toBe(ROWS);
    await (await byTestId('import-again')).click();
    const past = await browser.$$('[data-testid="import-past-item"]');
    expect(past.length).toBe(2);
    await past[1]!.click();
    await (await byTestId('import-report')).waitForDisplayed({ timeout: 5_000 });
    expect(await count('new')).toBe(ROWS);
    await (await byTestId('import-again')).click();
  });

  it('refuses a file that is not a feed, naming it and the reason', async () => {
    const bad = join(session.dir, 'notes.txt');
    writeFileSync(bad, 'Dear team,\nthis is a shopping list, not a product feed.\n');
    await openAndRead(bad);
    // Text reads as a one-column CSV (the preview shows it as such)...
    await (await byTestId('import-detected')).waitForDisplayed({ timeout: 10_000 });
    expect(await (await byTestId('import-detected')).getAttribute('data-format')).toBe('csv');
    // ...and the mapping step names the columns the ITScope profile needs; the
    // import cannot start without a source key.
    const next = await byTestId('import-next');
    await next.waitForEnabled({ timeout: 5_000 });
    await next.click();
    const missing = await byTestId('import-missing');
    await missing.waitForDisplayed({ timeout: 5_000 });
    const message = await missing.getText();
    expect(message).toContain('notes.txt');
    expect(message).toContain('puid');
    expect(await (await byTestId('import-run')).isEnabled()).toBe(false);
    await screenshot(browser, join(outDir, 'import-refused.png'));
  });

  it('saves a mapping as a profile and offers it for the next file', async () => {
    await openAndRead(feed);
    await (await byTestId('import-detected')).waitForDisplayed({ timeout: 10_000 });
    await (await byTestId('import-next')).click();
    await (await byTestId('import-mapping')).waitForDisplayed({ timeout: 5_000 });
    await typeInto('import-profile-name', 'Haendler Test');
    await (await byTestId('import-save-profile')).click();
    await browser.waitUntil(
      async () =>
        (await browser.execute(() =>
          Array.from(document.querySelectorAll('[data-testid="import-profile"] option'), (o) => o.textContent ?? ''),
        )).includes('Haendler Test'),
      { timeout: 5_000, timeoutMsg: 'the saved profile is offered' },
    );
    // Offered again when the wizard reads the next file.
    await openAndRead(feed);
    await (await byTestId('import-detected')).waitForDisplayed({ timeout: 10_000 });
    await (await byTestId('import-next')).click();
    const options = await browser.execute(() =>
      Array.from(document.querySelectorAll('[data-testid="import-profile"] option'), (o) => o.textContent ?? ''),
    );
    expect(options).toContain('Haendler Test');
  });

  it("imports a supplier's BMEcat catalogue with its language and price types", async () => {
    await openAndRead(bmecatFixture('bmecat2005-new-catalog.xml'));
    const detected = await byTestId('import-detected');
    await detected.waitForDisplayed({ timeout: 10_000 });
    expect(await detected.getAttribute('data-format')).toBe('bmecat');
    await (await byTestId('import-next')).click();
    await (await byTestId('bmecat-languages')).waitForDisplayed({ timeout: 5_000 });
    await typeInto('import-source', 'supplyco');
    await (await byTestId('import-run')).click();
    await (await byTestId('import-report')).waitForDisplayed({ timeout: 30_000 });
    expect(await count('new')).toBe(1);
    expect(await count('rejected')).toBe(0);
    expect(await text('import-report')).toContain('bmecat2005-new-catalog.xml');
    await (await byTestId('import-close')).click();
    await (await byTestId('catalog-search')).setValue('macbook');
    await browser.waitUntil(
      async () =>
        (await browser.execute(() =>
          Array.from(document.querySelectorAll('[data-testid="catalog-row"] .name'), (e) => e.textContent ?? ''),
        )).some((name) => name.includes('MacBook Pro 13')),
      { timeout: 10_000, timeoutMsg: 'the list finds the imported BMEcat article' },
    );
    await (await byTestId('catalog-search')).click();
    await browser.keys([Key.Escape]);
  });

  it('cancels a big import while it runs: the catalog stays as it was', async () => {
    const big = join(session.dir, 'itscope-big.csv');
    execFileSync(app, ['dev', 'gen-feed', '--rows', '150000', '--seed', '9', '--out', big], { stdio: 'ignore' });
    const bigFirst = readFileSync(big, 'utf8').slice(0, 4096).split('\n')[1]!.split(';');
    await openAndRead(big);
    await (await byTestId('import-detected')).waitForDisplayed({ timeout: 10_000 });
    await (await byTestId('import-next')).click();
    await (await byTestId('import-run')).click();
    await (await byTestId('import-progress')).waitForDisplayed({ timeout: 30_000 });
    await browser.waitUntil(
      async () => Number(await (await byTestId('import-progress-text')).getAttribute('data-rows')) > 0,
      { timeout: 30_000, timeoutMsg: 'the progress counts rows' },
    );
    await (await byTestId('import-cancel')).click();
    await (await byTestId('import-cancelled')).waitForDisplayed({ timeout: 60_000 });
    await screenshot(browser, join(outDir, 'import-cancelled.png'));
    // Nothing of it was kept: no product of the big file, no saved report.
    await (await byTestId('import-run-close')).click();
    await (await byTestId('import-wizard')).waitForExist({ reverse: true, timeout: 5_000 });
    await (await byTestId('catalog-search')).setValue(bigFirst[1]!);
    await browser.pause(1_000);
    const names = await browser.execute(() =>
      Array.from(document.querySelectorAll('[data-testid="catalog-row"] .name'), (e) => e.textContent ?? ''),
    );
    expect(names).not.toContain(bigFirst[4]!);
    await (await byTestId('catalog-search')).click();
    await browser.keys([Key.Escape]);
    await (await byTestId('import-open')).click();
    await (await byTestId('import-path')).waitForDisplayed({ timeout: 5_000 });
    const past = await browser.$$('[data-testid="import-past-item"]');
    expect(past.length).toBe(3);
  });
});

describe('prices in a BMEcat file', () => {
  it('lists the price types found, takes the ones ticked, and reports prices per piece and unpriced articles', async () => {
    const file = join(session.dir, 'acme-prices.xml');
    const article = (key: string, name: string, order: string, prices: string) =>
      `<ARTICLE><SUPPLIER_AID>${key}</SUPPLIER_AID><ARTICLE_DETAILS><DESCRIPTION_SHORT>${name}</DESCRIPTION_SHORT>` +
      `<MANUFACTURER_NAME>Acme</MANUFACTURER_NAME><MANUFACTURER_AID>M-${key}</MANUFACTURER_AID></ARTICLE_DETAILS>` +
      `<ARTICLE_ORDER_DETAILS>${order}</ARTICLE_ORDER_DETAILS><ARTICLE_PRICE_DETAILS>${prices}</ARTICLE_PRICE_DETAILS></ARTICLE>`;
    const price = (kind: string, amount: string) => `<ARTICLE_PRICE price_type="${kind}"><PRICE_AMOUNT>${amount}</PRICE_AMOUNT></ARTICLE_PRICE>`;
    writeFileSync(
      file,
      '<?xml version="1.0" encoding="UTF-8"?><BMECAT version="1.2"><HEADER><CATALOG><LANGUAGE>deu</LANGUAGE>' +
        '<CATALOG_ID>P1</CATALOG_ID><CATALOG_VERSION>1</CATALOG_VERSION><CURRENCY>EUR</CURRENCY></CATALOG>' +
        '<SUPPLIER><SUPPLIER_NAME>Acme Prices</SUPPLIER_NAME></SUPPLIER></HEADER><T_NEW_CATALOG>' +
        article('S-1', 'Schraube Zinkoxid 100er', '<ORDER_UNIT>C62</ORDER_UNIT><PRICE_QUANTITY>100</PRICE_QUANTITY>', price('EK_ohne_MWST', '10.50') + price('UVP', '19.00')) +
        article('S-2', 'Kabelbinder Packung', '<ORDER_UNIT>PK</ORDER_UNIT><CONTENT_UNIT>C62</CONTENT_UNIT><NO_CU_PER_OU>10</NO_CU_PER_OU>', price('EK_ohne_MWST', '2.00') + price('UVP', '3.50')) +
        article('S-3', 'Stammdaten Ohnepreis', '<ORDER_UNIT>C62</ORDER_UNIT>', '') +
        '</T_NEW_CATALOG></BMECAT>',
    );
    await openAndRead(file);
    await (await byTestId('import-detected')).waitForDisplayed({ timeout: 10_000 });
    await (await byTestId('import-next')).click();
    const types = await byTestId('bmecat-price-types');
    await types.waitForDisplayed({ timeout: 5_000 });
    const found = await browser.execute(() =>
      Array.from(document.querySelectorAll('[data-testid="bmecat-price-type"]'), (r) => r.getAttribute('data-type') ?? ''),
    );
    expect(found.sort()).toEqual(['EK_ohne_MWST', 'UVP']);
    expect(await text('bmecat-unchosen')).toContain('EK_ohne_MWST');
    // Tick EK_ohne_MWST as the cost price and UVP as the list price.
    await (await browser.$('[data-testid="bmecat-price-type"][data-type="EK_ohne_MWST"] [data-testid="price-type-cost"]')).click();
    await (await browser.$('[data-testid="bmecat-price-type"][data-type="UVP"] [data-testid="price-type-list"]')).click();
    expect(await (await byTestId('bmecat-cost-types')).getValue()).toContain('EK_ohne_MWST');
    expect(await (await byTestId('bmecat-list-types')).getValue()).toContain('UVP');
    expect(await (await byTestId('bmecat-unchosen')).isExisting()).toBe(false);
    await screenshot(browser, join(outDir, 'import-price-types.png'));
    await (await byTestId('import-run')).click();
    await (await byTestId('import-report')).waitForDisplayed({ timeout: 30_000 });
    expect(await count('new')).toBe(3);
    expect(await count('rejected')).toBe(0);
    expect(Number(await (await byTestId('report-unpriced')).getAttribute('data-value'))).toBe(1);
    expect(await text('report-price-types')).toContain('EK_ohne_MWST');
    const conversion = await browser.$('[data-testid="report-conversions"] li[data-kind="price_quantity"]');
    expect(await conversion.getText()).toContain('0.105');
    await screenshot(browser, join(outDir, 'import-report-prices.png'));
    await (await byTestId('import-close')).click();
    await (await byTestId('import-wizard')).waitForExist({ reverse: true, timeout: 5_000 });

    // The unpriced article is listed with "no price", and its detail says why.
    await (await byTestId('catalog-search')).setValue('Ohnepreis');
    await browser.waitUntil(
      async () => (await browser.$$('[data-testid="catalog-row"] [data-testid="no-price"]').length) === 1,
      { timeout: 10_000, timeoutMsg: 'the unpriced product is listed with "no price"' },
    );
    await (await browser.$('[data-testid="catalog-row"]')).click();
    await browser.keys([Key.Enter]);
    const listPrice = await byTestId('detail-list-price');
    await listPrice.waitForDisplayed({ timeout: 5_000 });
    expect(await listPrice.getText()).toContain('no price');
    await screenshot(browser, join(outDir, 'detail-no-price.png'));

    // The pack is sold per pack of 10, at the price of a pack.
    await (await byTestId('catalog-search')).click();
    await browser.keys([Key.Escape]);
    await (await byTestId('catalog-search')).setValue('Kabelbinder');
    await browser.waitUntil(async () => (await browser.$$('[data-testid="catalog-row"]').length) === 1, { timeout: 10_000 });
    await (await browser.$('[data-testid="catalog-row"]')).click();
    await browser.keys([Key.Enter]);
    const unit = await byTestId('detail-sales-unit');
    await unit.waitForDisplayed({ timeout: 5_000 });
    expect(await unit.getText()).toBe('pack (PK) of 10 pieces (C62)');
    expect(await (await byTestId('detail-list-price')).getText()).toBe('€3.50 net per pack (PK)');
    await screenshot(browser, join(outDir, 'detail-sales-unit.png'));
    await (await byTestId('catalog-search')).click();
    await browser.keys([Key.Escape]);
  });

  it('shows an imported product without a category with no stray separator, in both languages', async () => {
    // Its BMEcat article names no catalogue group: the category is empty, and
    // the line under the name is only the price (it read "· no price").
    await browser.setWindowSize(1280, 800);
    await (await byTestId('catalog-search')).setValue('Ohnepreis');
    await browser.waitUntil(async () => (await browser.$$('[data-testid="catalog-row"]').length) === 1, { timeout: 10_000 });
    await (await browser.$('[data-testid="catalog-row"]')).click();
    await browser.keys([Key.Enter]);
    await browser.waitUntil(async () => (await text('detail-name')) === 'Stammdaten Ohnepreis', {
      timeout: 5_000,
      timeoutMsg: 'the detail pane shows the unpriced article',
    });
    const metaText = () =>
      browser.execute(() => (document.querySelector('[data-testid="detail-meta"]')?.textContent ?? '').replace(/\s+/g, ' ').trim());
    expect(await metaText()).toBe('no price');
    await screenshot(browser, join(outDir, 'detail-no-category-en.png'));
    await (await byTestId('lang-de')).click();
    await browser.waitUntil(async () => (await metaText()) === 'kein Preis', {
      timeout: 5_000,
      timeoutMsg: 'the German line under the name is "kein Preis" alone',
    });
    await screenshot(browser, join(outDir, 'detail-no-category-de.png'));
    await (await byTestId('lang-en')).click();
    // A product with a category keeps the separator between it and the price.
    await (await byTestId('catalog-search')).click();
    await browser.keys([Key.Escape]);
    await (await byTestId('catalog-search')).setValue('T14 Gen 5');
    await browser.waitUntil(async () => (await browser.$$('[data-testid="catalog-row"]').length) === 1, { timeout: 10_000 });
    await (await browser.$('[data-testid="catalog-row"]')).click();
    await browser.waitUntil(async () => /^\S.* · €1,249\.00$/.test(await metaText()), {
      timeout: 5_000,
      timeoutMsg: 'category · price for a demo notebook',
    });
    await (await byTestId('catalog-search')).click();
    await browser.keys([Key.Escape]);
  });
});
