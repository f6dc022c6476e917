// A feed only touches what it owns, in the real window: a full CSV feed cut off
// in the middle of a line stops before it discontinues anything and asks, with
// the numbers and the reason; "import without discontinuing" and "import and
// discontinue" do what they say, and the report tells what went and why;
// "cancel" imports nothing; in German the question is German. A BMEcat
// catalogue that names no supplier is sent back to the Source field until one
// is named.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Key } from 'webdriverio';
import { outDir, screenshot, startApp, type Session } from './harness';

let session: Session;
let browser: WebdriverIO.Browser;

const HEADER =
  'puid;ean;manufacturerSKU;manufacturerName;productNameWithManufacturer;shortDescription;longDescription;productTypeId;price;priceCalc;currencyCode;taxRate;stockStatus;stock;supplierSKU';
const row = (n: number) => `${n};;P-${n};Acme;Acme Gadget ${n};;;1001;${n},00;;EUR;19;1;5;S-${n}`;
const rows = (to: number) => Array.from({ length: to }, (_, i) => row(i + 1));

const byTestId = (id: string) => browser.$(`[data-testid="${id}"]`);

async function typeInto(id: string, value: string) {
  const field = await byTestId(id);
  await field.click();
  await browser.keys([Key.Ctrl, 'a']);
  await browser.keys([Key.Backspace]);
  if (value) await field.setValue(value);
}

async function count(key: string): Promise<number> {
  return Number(await (await byTestId(`report-${key}`)).getAttribute('data-value'));
}

async function pastImports(): Promise<number> {
  return (await browser.$$('[data-testid="import-past-item"]')).length;
}

/** Opens the wizard on `file` and goes to the mapping step with the source and "full feed" set. */
async function prepare(file: string, source: string, full: boolean) {
  if (!(await (await byTestId('import-wizard')).isExisting())) await (await byTestId('import-open')).click();
  else if (await (await byTestId('import-again')).isExisting()) await (await byTestId('import-again')).click();
  await (await byTestId('import-path')).waitForDisplayed({ timeout: 5_000 });
  await typeInto('import-path', file);
  await (await byTestId('import-preview')).click();
  await (await byTestId('import-detected')).waitForDisplayed({ timeout: 10_000 });
  await (await byTestId('import-next')).click();
  await (await byTestId('import-source')).waitForDisplayed({ timeout: 5_000 });
  await typeInto('import-source', source);
  const box = await byTestId('import-full');
  if ((await box.isSelected()) !== full) await box.click();
}

beforeAll(async () => {
  session = await startApp(4490);
  browser = session.browser;
  await (await byTestId('catalog-list')).waitForDisplayed({ timeout: 10_000 });
});

afterAll(async () => {
  await session?.stop();
});

describe('a full feed that would discontinue too much', () => {
  let cut: string;

  it('imports a full feed of twenty articles', async () => {
    const all = join(session.dir, 'acme-all.csv');
    writeFileSync(all, [HEADER, ...rows(20)].join('\n') + '\n');
    await prepare(all, 'acme', true);
    await (await byTestId('import-run')).click();
    await (await byTestId('import-report')).waitForDisplayed({ timeout: 30_000 });
    expect(await count('new')).toBe(20);
    expect(await (await byTestId('report-discontinuation')).getAttribute('data-kind')).toBe('full_feed');
  });

  it('stops at a file cut off mid-line and asks, naming the numbers and why', async () => {
    // Rows 1–18 whole, row 19 cut after its name, row 20 lost.
    cut = join(session.dir, 'acme-cut.csv');
    writeFileSync(cut, [HEADER, ...rows(18), '19;;P-19;Acme;Acme Gadget 19'].join('\n'));
    await prepare(cut, 'acme', true);
    await (await byTestId('import-run')).click();
    const question = await byTestId('import-question');
    await question.waitForDisplayed({ timeout: 30_000 });
    expect(await question.getAttribute('role')).toBe('alertdialog');
    expect(await question.getAttribute('data-count')).toBe('1');
    expect(await question.getAttribute('data-active')).toBe('20');
    const text = await question.getText();
    expect(text).toContain('Discontinue 1 offer?');
    expect(text).toContain('acme-cut.csv lacks 1 of the 20 active offers that source acme (catalog csv)');
    expect(text).toContain('its last line (20) has no line end and only 5 of 15 fields');
    const reasons = await browser.execute(() =>
      Array.from(document.querySelectorAll('[data-testid="import-question-reasons"] li'), (li) => li.getAttribute('data-reason')),
    );
    expect(reasons).toEqual(['last_line_cut']);
    await screenshot(browser, join(outDir, 'import-guard-question.png'));
    // Nothing was written meanwhile: cancel goes back, no new past import.
    await (await byTestId('import-question-cancel')).click();
    await (await byTestId('import-run')).waitForDisplayed({ timeout: 5_000 });
    await (await byTestId('import-back')).click();
    await (await byTestId('import-path')).waitForDisplayed({ timeout: 5_000 });
    expect(await pastImports()).toBe(1);
  });

  it('imports without discontinuing when told so', async () => {
    await prepare(cut, 'acme', true);
    await (await byTestId('import-run')).click();
    await (await byTestId('import-question')).waitForDisplayed({ timeout: 30_000 });
    await (await byTestId('import-not-full')).click();
    await (await byTestId('import-report')).waitForDisplayed({ timeout: 30_000 });
    expect(await count('discontinued')).toBe(0);
    expect(await count('rejected')).toBe(1);
    const note = await byTestId('report-discontinuation');
    expect(await note.getAttribute('data-kind')).toBe('not_full');
    expect(await note.getText()).toContain('Not a full feed');
  });

  it('discontinues when allowed, and the report lists what went and why', async () => {
    await prepare(cut, 'acme', true);
    await (await byTestId('import-run')).click();
    await (await byTestId('import-question')).waitForDisplayed({ timeout: 30_000 });
    await (await byTestId('import-allow')).click();
    await (await byTestId('import-report')).waitForDisplayed({ timeout: 30_000 });
    expect(await count('discontinued')).toBe(1);
    const note = await (await byTestId('report-discontinuation')).getText();
    expect(note).toContain('1 of the catalog’s 20 active offers was not in the file and was discontinued');
    expect(note).toContain('You allowed it although');
    expect(note).toContain('looks cut off');
    const listed = await (await byTestId('report-discontinued-offers')).getText();
    expect(listed).toContain('Acme Gadget 20');
    expect(listed).toContain('not in the file');
    expect(await (await byTestId('import-report')).getText()).toContain('catalog csv');
    await screenshot(browser, join(outDir, 'import-guard-report.png'));
  });
});

describe('the question in German', () => {
  it('asks in the UI language, from the structured details', async () => {
    await (await byTestId('import-close')).click();
    await (await byTestId('import-wizard')).waitForExist({ reverse: true, timeout: 5_000 });
    await (await byTestId('lang-de')).click();
    const half = join(session.dir, 'acme-half.csv');
    writeFileSync(half, [HEADER, ...rows(10)].join('\n') + '\n');
    await prepare(half, 'acme', true);
    await (await byTestId('import-run')).click();
    const question = await byTestId('import-question');
    await question.waitForDisplayed({ timeout: 30_000 });
    const text = await question.getText();
    // Rows 11–19 are active (20 went before): 9 of 19 would go.
    expect(text).toContain('9 Angebote auslisten?');
    expect(text).toContain('In acme-half.csv fehlen 9 der 19 aktiven Angebote');
    expect(text).toContain('Das ist mehr als ein Zehntel davon.');
    expect(text).toContain('Importieren und auslisten');
    await screenshot(browser, join(outDir, 'import-guard-question-de.png'));
    await (await byTestId('import-question-cancel')).click();
    await (await byTestId('import-back')).click();
    await (await byTestId('import-path')).waitForDisplayed({ timeout: 5_000 });
    await (await byTestId('import-wizard')).click();
    await browser.keys([Key.Escape]);
    await (await byTestId('import-wizard')).waitForExist({ reverse: true, timeout: 5_000 });
    await (await byTestId('lang-en')).click();
  });
});

describe('a BMEcat catalogue without a supplier', () => {
  it('is sent back to the Source field, then imports under the source named there', async () => {
    const file = join(session.dir, 'nameless.xml');
    writeFileSync(
      file,
      `<?xml version="1.0" encoding="UTF-8"?>
<BMECAT version="1.2"><HEADER><CATALOG><LANGUAGE>deu</LANGUAGE><CATALOG_ID>M-1</CATALOG_ID>
<CATALOG_VERSION>1</CATALOG_VERSION><CURRENCY>EUR</CURRENCY></CATALOG></HEADER>
<T_NEW_CATALOG><ARTICLE><SUPPLIER_AID>X-1</SUPPLIER_AID><ARTICLE_DETAILS>
<DESCRIPTION_SHORT>Maker Switch 8</DESCRIPTION_SHORT></ARTICLE_DETAILS><ARTICLE_PRICE_DETAILS>
<ARTICLE_PRICE price_type="net_customer"><PRICE_AMOUNT>99.00</PRICE_AMOUNT></ARTICLE_PRICE>
</ARTICLE_PRICE_DETAILS></ARTICLE></T_NEW_CATALOG></BMECAT>
`,
    );
    await prepare(file, '', false);
    await (await byTestId('import-run')).click();
    const problem = await byTestId('import-source-required');
    await problem.waitForDisplayed({ timeout: 30_000 });
    expect(await problem.getText()).toContain('nameless.xml names no supplier');
    // The Source field has the focus.
    expect(await browser.execute(() => document.activeElement?.getAttribute('data-testid'))).toBe('import-source');
    await screenshot(browser, join(outDir, 'import-source-required.png'));
    await (await byTestId('import-source')).setValue('maker');
    await (await byTestId('import-run')).click();
    await (await byTestId('import-report')).waitForDisplayed({ timeout: 30_000 });
    expect(await count('new')).toBe(1);
    expect(await (await byTestId('import-report')).getText()).toContain('catalog bmecat:M-1');
  });
});
