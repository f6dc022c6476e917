// Category rules in the real window (issue 11): a small ITScope feed written by
// the test is imported into the demo with the wizard; the imported notebook's
// detail says it is bookable for an employee and in a workplace "from category
// rule Notebooks" and shows its source as "ITScope · <puid>"; booked for an
// employee, its plan has the mandatory device management and offers the
// backup. A new rule (categories, manufacturer, a link picked by searching) is
// saved, says how many products changed, and the notebook follows it. A link
// to a product without a price (the feed's dock) is saved with a warning next
// to it, in the rules view and the designer.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Key } from 'webdriverio';
import { outDir, pickItem, screenshot, startApp, type Session } from './harness';

let session: Session;
let browser: WebdriverIO.Browser;

const NOTEBOOK = 'Lenovo ThinkPad E14 Gen 6';
const CODE = 'ITSCOPE-10001039';
/** A dock the feed brings without a price. */
const DOCK = 'ITSCOPE-10001042';

const byTestId = (id: string) => browser.$(`[data-testid="${id}"]`);

function texts(selector: string): Promise<string[]> {
  return browser.execute(
    (s: string) => Array.from(document.querySelectorAll(s), (e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim()),
    selector,
  );
}

async function typeInto(id: string, value: string) {
  const field = await byTestId(id);
  await field.click();
  await browser.keys([Key.Ctrl, 'a']);
  await browser.keys([Key.Backspace]);
  await field.setValue(value);
}

async function fill(scope: string, fieldName: string, text: string) {
  const input = await browser.$(`${scope} [data-field="${fieldName}"]`);
  await input.waitForDisplayed({ timeout: 5_000 });
  await input.setValue(text);
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

/** Searches the catalog and opens the detail of the product with this code. */
async function openProduct(text: string, code: string) {
  await browser.$('[data-testid="nav-catalog"]').click();
  const search = await byTestId('catalog-search');
  await search.waitForDisplayed({ timeout: 5_000 });
  await search.setValue(text);
  await browser.waitUntil(async () => (await texts('[data-testid="detail-code"]')).join('') === code, {
    timeout: 10_000,
    timeoutMsg: `the detail shows ${code}`,
  });
}

const openNotebook = () => openProduct('E14 Gen 6', CODE);

/** The toast that starts with `prefix` (an earlier one may still show). */
async function toast(prefix: string): Promise<string> {
  let text = '';
  await browser.waitUntil(
    async () => {
      text = await browser.execute(() => document.querySelector('[data-testid="toast"]')?.textContent ?? '');
      return text.startsWith(prefix);
    },
    { timeout: 10_000, timeoutMsg: `a toast starting "${prefix}" (last: "${text}")` },
  );
  return text;
}

beforeAll(async () => {
  session = await startApp(4490);
  browser = session.browser;
  await (await byTestId('catalog-list')).waitForDisplayed({ timeout: 10_000 });
});

let failures = 0;
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  failures += 1;
  writeFileSync(join(outDir, `rules-failure-${failures}.txt`), await browser.execute(() => document.body.innerText));
  await screenshot(browser, join(outDir, `rules-failure-${failures}.png`));
});

afterAll(async () => {
  await session?.stop();
});

describe('category rules', () => {
  it('imports a small ITScope feed into the demo', async () => {
    // ITScope's standard export: the product type's id and its name.
    const feed = join(session.dir, 'itscope-small.csv');
    writeFileSync(
      feed,
      [
        'puid;ean;manufacturerSKU;manufacturerName;productNameWithManufacturer;shortDescription;longDescription;productTypeId;productTypeName;price;priceCalc;currencyCode;taxRate;stockStatus;stock;supplierSKU',
        `10001039;;21JK0000GE;Lenovo;${NOTEBOOK};Notebook 14";;1001;Notebooks;689,00;849,00;EUR;19;1;12;SUP-1`,
        '10001040;;P2425H;Dell;Dell 24 Monitor P2425H (ITScope);Monitor 24";;1002;Monitore;119,00;149,00;EUR;19;1;30;SUP-2',
        '10001041;;SMT1500IC;APC;APC Smart-UPS 1500 (ITScope);USV;;1006;USV;520,00;649,00;EUR;19;1;4;SUP-3',
        '10001042;;TD-4711;Lenovo;Lenovo Travel Dock (ITScope);Dock;;1003;Dockingstationen;;;EUR;19;1;7;SUP-4',
        '',
      ].join('\n'),
    );
    await (await byTestId('import-open')).click();
    await (await byTestId('import-path')).waitForDisplayed({ timeout: 5_000 });
    await typeInto('import-path', feed);
    await (await byTestId('import-preview')).click();
    await (await byTestId('import-detected')).waitForDisplayed({ timeout: 10_000 });
    await (await byTestId('import-next')).click();
    await (await byTestId('import-run')).click();
    await (await byTestId('import-report')).waitForDisplayed({ timeout: 30_000 });
    expect(await (await byTestId('report-new')).getAttribute('data-value')).toBe('4');
    expect(await (await byTestId('report-unpriced')).getAttribute('data-value')).toBe('1');
    await (await byTestId('import-close')).click();
    await (await byTestId('import-wizard')).waitForExist({ reverse: true, timeout: 5_000 });
  });

  it('shows the imported notebook bookable from its category rule, with its source', async () => {
    await openNotebook();
    const contexts = await byTestId('detail-contexts');
    const text = await contexts.getText();
    expect(text).toContain('from category rule Notebooks');
    expect(text).toContain('Employee');
    expect(text).toContain('Workplace');
    expect(text).not.toContain('add-ons are ordered');
    expect(await (await byTestId('detail-source')).getText()).toBe('ITScope · 10001039');
    const links = await (await byTestId('detail-links')).getText();
    expect(links).toContain('Mobile device management');
    expect(links).toContain('mandatory');
    expect(links).toContain('Backup');
    await screenshot(browser, join(outDir, 'rules-detail.png'));
  });

  it('opens the rule from the detail, with how many products it governs', async () => {
    await (await byTestId('detail-rule')).click();
    await (await byTestId('rules-view')).waitForDisplayed({ timeout: 5_000 });
    await browser.waitUntil(async () => (await (await byTestId('rule-title')).getText()) === 'Notebooks', {
      timeout: 5_000,
      timeoutMsg: 'the Notebooks rule is open',
    });
    expect(await (await byTestId('rule-governs')).getText()).toBe('Governs 1 product now.');
    expect(await (await byTestId('rule-categories')).getValue()).toContain('Notebooks');
    await screenshot(browser, join(outDir, 'rules-view.png'));
  });

  it('books the imported notebook for an employee with its device management', async () => {
    await browser.$('[data-testid="nav-customers"]').click();
    await browser.$('[data-testid="new-customer"]').click();
    const form = '[data-testid="customer-form"]';
    await fill(form, 'name', 'Rules Test GmbH');
    await browser.$('[data-testid="customer-save"]').click();
    await browser.$(form).waitForDisplayed({ reverse: true, timeout: 5_000 });
    await browser.$('[data-testid="customer-tree"]').waitForDisplayed({ timeout: 5_000 });
    await addNode('add-location', { name: 'Berlin' });
    await (await treeNode('location', 'Berlin')).click();
    await addNode('add-employee', { name: 'Anna Schmidt' });
    await (await treeNode('employee', 'Anna Schmidt')).click();
    await browser.$('[data-testid="book"]').click();
    const dialog = '[data-testid="booking-dialog"]';
    await browser.$(dialog).waitForDisplayed({ timeout: 5_000 });
    // The dialog offers the imported notebook.
    await pickItem(browser, `${dialog} [data-field="item"]`, CODE);
    await browser.waitUntil(async () => (await texts('[data-testid="plan-line"]')).length === 2, {
      timeout: 10_000,
      timeoutMsg: 'the notebook and its device management are planned',
    });
    const lines = await browser.execute(() =>
      Array.from(document.querySelectorAll('[data-testid="plan-line"]'), (e) => [
        e.getAttribute('data-item') ?? '',
        e.getAttribute('data-reason') ?? '',
        e.getAttribute('data-context') ?? '',
      ]),
    );
    expect(lines).toEqual([
      [CODE, 'requested', 'employee'],
      ['SVC-MDM', 'mandatory', 'employee'],
    ]);
    expect((await texts('[data-testid="plan-explanation"]')).join(' ')).toContain(`mandatory with ${NOTEBOOK}`);
    const offer = await browser.$('[data-testid="optional-offer"]');
    await offer.waitForExist({ timeout: 5_000 });
    expect(await offer.getAttribute('data-code')).toBe('SVC-BACKUP');
    await screenshot(browser, join(outDir, 'rules-booking.png'));
    const apply = await browser.$('[data-testid="booking-apply"]');
    await browser.waitUntil(async () => apply.isEnabled(), { timeout: 5_000 });
    await apply.click();
    await browser.$(dialog).waitForDisplayed({ reverse: true, timeout: 5_000 });
    await browser.waitUntil(async () => (await texts('[data-testid="instance-row"]')).length === 2, {
      timeout: 5_000,
      timeoutMsg: 'the notebook and its device management are in the inventory',
    });
  });

  it('creates a rule with a link picked by searching, and says how many products changed', async () => {
    await browser.$('[data-testid="nav-rules"]').click();
    await (await byTestId('rules-view')).waitForDisplayed({ timeout: 5_000 });
    await (await byTestId('rule-new')).click();
    await typeInto('rule-name', 'Lenovo notebooks');
    await typeInto('rule-categories', 'Notebooks, Laptops');
    await typeInto('rule-manufacturer', 'LENOVO');
    await (await byTestId('rule-add-link')).click();
    const search = await byTestId('rule-link-search');
    await search.setValue('endpoint');
    const hit = await browser.$('[data-testid="rule-link-search-hit"][data-code="SVC-EDR"]');
    await hit.waitForDisplayed({ timeout: 5_000 });
    await hit.click();
    const save = await byTestId('rule-save');
    await browser.waitUntil(async () => save.isEnabled(), { timeout: 5_000, timeoutMsg: 'the rule can be saved' });
    await save.click();
    expect(await toast('Saved')).toBe('Saved Lenovo notebooks: 1 product changed.');
    await browser.waitUntil(async () => (await texts('[data-testid="rule-row"]')).some((r) => r.includes('Lenovo notebooks') && r.includes('1 product')), {
      timeout: 5_000,
      timeoutMsg: 'the list counts the rule’s product',
    });
    await screenshot(browser, join(outDir, 'rules-saved.png'));
    // A second rule for the same products is refused before it is saved.
    await (await byTestId('rule-new')).click();
    await typeInto('rule-name', 'Lenovo again');
    await typeInto('rule-categories', 'notebooks');
    await typeInto('rule-manufacturer', 'Lenovo');
    // Checked as it is typed (while the name alone is typed, it would be a second default).
    const problems = await byTestId('rule-problems');
    await browser.waitUntil(
      async () => (await problems.isExisting()) && (await problems.getText()).includes('already governed by category rule Lenovo notebooks'),
      { timeout: 5_000, timeoutMsg: 'the rules view says the products already have a rule' },
    );
    expect(await (await byTestId('rule-save')).isEnabled()).toBe(false);
    await (await byTestId('rule-revert')).click();
    // The notebook follows the new rule.
    await openNotebook();
    expect(await (await byTestId('detail-contexts')).getText()).toContain('from category rule Lenovo notebooks');
    expect(await (await byTestId('detail-links')).getText()).toContain('Endpoint security');
  });

  it('warns next to a link to a product without a price, in the rules view and the designer, and saves anyway', async () => {
    const unpriced = 'Lenovo Travel Dock (ITScope) has no price yet: bookings that include it will be refused until it has one';
    await browser.$('[data-testid="nav-rules"]').click();
    const row = await browser.$('[data-testid="rule-row"][data-name="Lenovo notebooks"]');
    await row.waitForDisplayed({ timeout: 5_000 });
    await row.click();
    await browser.waitUntil(async () => (await (await byTestId('rule-title')).getText()) === 'Lenovo notebooks', { timeout: 5_000 });
    await (await byTestId('rule-add-link')).click();
    const searches = await browser.$$('[data-testid="rule-link-search"]').length;
    await browser.$$('[data-testid="rule-link-search"]')[searches - 1]!.setValue('Travel Dock');
    const hit = await browser.$(`[data-testid="rule-link-search-hit"][data-code="${DOCK}"]`);
    await hit.waitForDisplayed({ timeout: 5_000 });
    await hit.click();
    const warning = await browser.$(`[data-testid="rule-link-warning"][data-item="${DOCK}"]`);
    await warning.waitForDisplayed({ timeout: 5_000 });
    expect(await warning.getText()).toContain(unpriced);
    // Only the dock's link: the service linked before has a price.
    expect((await texts('[data-testid="rule-link-warning"]')).length).toBe(1);
    const save = await byTestId('rule-save');
    await browser.waitUntil(async () => save.isEnabled(), { timeout: 5_000, timeoutMsg: 'a warning does not stop the save' });
    expect(await (await byTestId('rule-problems')).isExisting()).toBe(false);
    await screenshot(browser, join(outDir, 'rules-unpriced-link.png'));
    await (await byTestId('rule-revert')).click();

    // The designer: endpoint security offered with the dock.
    await openProduct('Endpoint security', 'SVC-EDR');
    await (await byTestId('edit-item')).click();
    const designer = '[data-testid="designer"]';
    await browser.$(designer).waitForDisplayed({ timeout: 5_000 });
    await browser.$(`${designer} [data-testid="add-link"]`).click();
    const pickers = await browser.$$(`${designer} input[data-field^="links["][data-field$="].item"]`).length;
    const path = `links[${pickers - 1}].item`;
    await pickItem(browser, `${designer} [data-field="${path}"]`, DOCK);
    const note = await browser.$(`${designer} [data-testid="warning"][data-field="${path}"]`);
    await note.waitForDisplayed({ timeout: 5_000 });
    expect(await note.getText()).toContain(unpriced);
    await browser.waitUntil(async () => browser.$('[data-testid="designer-save"]').isEnabled(), {
      timeout: 5_000,
      timeoutMsg: 'the designer saves with a warning',
    });
    await browser.$('[data-testid="lang-de"]').click();
    await browser.waitUntil(async () => (await note.getText()).includes('hat noch keinen Preis'), {
      timeout: 5_000,
      timeoutMsg: 'the German warning',
    });
    await note.scrollIntoView({ block: 'center' });
    await screenshot(browser, join(outDir, 'designer-unpriced-link-de.png'));
    await browser.$('[data-testid="lang-en"]').click();
    await browser.$('[data-testid="designer-cancel"]').click();
    const discard = await browser.$('[data-testid="designer-discard"]');
    if (await discard.isExisting()) await discard.click();
    await browser.$(designer).waitForExist({ reverse: true, timeout: 5_000 });
  });

  it('without a rule for it, a product says it cannot be booked yet and how to fix it', async () => {
    await browser.$('[data-testid="nav-rules"]').click();
    const row = await browser.$('[data-testid="rule-row"][data-name="Default"]');
    await row.waitForDisplayed({ timeout: 5_000 });
    await row.click();
    await browser.waitUntil(async () => (await (await byTestId('rule-title')).getText()) === 'Default', { timeout: 5_000 });
    await (await byTestId('rule-delete')).click();
    await (await byTestId('rule-delete-confirm')).click();
    expect(await toast('Deleted')).toBe('Deleted Default: 1 product changed.');
    await openProduct('Smart-UPS 1500', 'ITSCOPE-10001041');
    const contexts = await byTestId('detail-contexts');
    const text = await contexts.getText();
    expect(text).toContain('Cannot be booked yet');
    expect(text).toContain('“USV”');
    expect(text).toContain('Add a category rule for it');
    expect(text).not.toContain('add-ons are ordered');
    await browser.$('[data-testid="lang-de"]').click();
    await browser.waitUntil(async () => (await contexts.getText()).includes('Noch nicht buchbar'), {
      timeout: 5_000,
      timeoutMsg: 'the German text',
    });
    await screenshot(browser, join(outDir, 'rules-not-bookable-de.png'));
    await openNotebook();
    expect(await (await byTestId('detail-contexts')).getText()).toContain('aus der Kategorieregel Lenovo notebooks');
    await browser.$('[data-testid="lang-en"]').click();
  });
});
