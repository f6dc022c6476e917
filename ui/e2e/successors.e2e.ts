// Successor services in the real window (issue 13, item 4): the demo's
// discontinued ThinkPad T14 Gen 4 names the Gen 5; a consultant adds the X1
// Carbon as a second successor in the designer (the paged item picker), saves,
// and sees both in the item's detail, in their order, and the successor edges
// on the model map. A customer whose employee holds Managed365, deprecated in
// favour of Managed365 2026 (a portfolio file), sees "successor available".
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { app, outDir, pickItem, screenshot, startApp, type Session } from './harness';

let session: Session;
let browser: WebdriverIO.Browser;

/** Opens the "⋯" menu of the inventory row `row` (a selector): its actions live there. */
async function openRowMenu(row: string) {
  await browser.$(`${row} [data-testid="row-menu"]`).click();
  await browser.$(`${row} [data-testid="row-menu-list"]`).waitForDisplayed({ timeout: 5_000, timeoutMsg: 'the row menu opens' });
}

function texts(selector: string): Promise<string[]> {
  return browser.execute(
    (s: string) => Array.from(document.querySelectorAll(s), (e) => (e.textContent ?? '').trim()),
    selector,
  );
}

beforeAll(async () => {
  session = await startApp(4520, (db) => {
    const run = (...args: string[]) => execFileSync(app, ['--db', db, ...args], { encoding: 'utf8' }).trim();
    const id = Number(run('customer', 'create', '--name', 'Muster Logistik GmbH', '--city', 'Hamburg'));
    const staff = join(db, '..', 'staff.csv');
    writeFileSync(staff, 'name;email;department;location\nAnna Schmidt;anna@muster.example;Sales;Hamburg\n');
    run('customer', 'import-employees', String(id), staff);
    const request = join(db, '..', 'm365.json');
    writeFileSync(
      request,
      JSON.stringify({
        customer_id: id,
        item: 'SVC-M365',
        variant: 'STANDARD',
        options: [{ group: 'SUPPORT', choice: '24X7' }],
        offer_type: 'rental',
        contexts: 'all_employees',
        quantity: 1,
        start_date: '2026-01-01',
        include_optional: [],
      }),
    );
    run('book', '--request', request, '--apply');
    // Managed365 2026 comes out; the old one is deprecated in its favour.
    const exported = join(db, '..', 'catalog.servicefolio.json');
    run('export', '--out', exported);
    const file = JSON.parse(readFileSync(exported, 'utf8'));
    const m365 = file.catalog.services.find((s: { code: string }) => s.code === 'SVC-M365');
    const next = { ...m365, code: 'SVC-M365-2026', name: 'Managed365 2026' };
    const old = { ...m365, status: 'deprecated', successors: ['SVC-M365-2026'] };
    writeFileSync(exported, JSON.stringify({ ...file, catalog: { services: [old, next] } }));
    run('import', exported);
  });
  browser = session.browser;
  await browser.setWindowSize(1280, 800);
  // The language is remembered across sessions of the app (local storage): say which.
  await browser.$('[data-testid="lang-en"]').click();
  await browser.waitUntil(
    async () => Number(await browser.$('[data-testid="catalog-list"]').getAttribute('data-loaded')) > 30,
    { timeout: 10_000 },
  );
});

afterAll(async () => {
  await session?.stop();
});

describe('successors', () => {
  it('adds a successor in the designer and shows both in the item detail, in order', async () => {
    const search = await browser.$('[data-testid="catalog-search"]');
    await search.click();
    await browser.keys('NB-LEN-T14G4'.split(''));
    await browser.waitUntil(async () => (await texts('[data-testid="catalog-row"] .name')).join('|') === 'Lenovo ThinkPad T14 Gen 4', {
      timeout: 5_000,
      timeoutMsg: 'the search finds the T14 Gen 4 alone',
    });
    await browser.$('[data-testid="catalog-row"]').click();
    const successors = await browser.$('[data-testid="item-detail"] [data-testid="detail-successors"]');
    await successors.waitForDisplayed({ timeout: 5_000 });
    expect(await successors.getText()).toContain('Lenovo ThinkPad T14 Gen 5');

    await browser.$('[data-testid="edit-item"]').click();
    await browser.$('[data-testid="designer"]').waitForDisplayed({ timeout: 5_000 });
    const first = await browser.$('[data-testid="designer"] [data-field="successors[0]"]');
    await first.waitForDisplayed({ timeout: 5_000 });
    expect(await first.getAttribute('data-code')).toBe('NB-LEN-T14G5');
    await browser.$('[data-testid="designer"] [data-testid="add-successor"]').click();
    await pickItem(browser, '[data-testid="designer"] [data-field="successors[1]"]', 'NB-LEN-X1CG12', 'X1 Carbon');
    await browser.waitUntil(
      async () => (await texts('[data-testid="designer"] [data-testid="violation"]')).length === 0,
      { timeout: 5_000, timeoutMsg: 'an active product of the same kind breaks no rule' },
    );
    await browser.$('[data-testid="designer"] [data-testid="successors"]').scrollIntoView({ block: 'center' });
    await screenshot(browser, join(outDir, 'successors-designer.png'));

    const save = await browser.$('[data-testid="designer-save"]');
    await browser.waitUntil(async () => save.isEnabled(), { timeout: 5_000 });
    await save.click();
    await browser.$('[data-testid="designer"]').waitForDisplayed({ reverse: true, timeout: 5_000 });
    // One entry per successor, each naming the item and its code, in their order.
    await browser.waitUntil(
      async () => (await texts('[data-testid="detail-successors"] li')).length === 2,
      { timeout: 5_000, timeoutMsg: 'the detail lists both successors' },
    );
    const listed = await texts('[data-testid="detail-successors"] li');
    expect(listed[0]).toContain('Lenovo ThinkPad T14 Gen 5');
    expect(listed[1]).toContain('Lenovo ThinkPad X1 Carbon Gen 12');
    await screenshot(browser, join(outDir, 'successors-detail.png'));
  });

  it('shows "successor available" on the instance of the deprecated service', async () => {
    await browser.$('[data-testid="nav-customers"]').click();
    await browser.$('[data-testid="customer-row"]').click();
    const badge = await browser.$('[data-testid="instance-row"][data-item="SVC-M365"] [data-testid="successor-available"]');
    await badge.waitForDisplayed({ timeout: 10_000 });
    expect(await badge.getText()).toBe('successor available: Managed365 2026');
    // Only the deprecated item says so: its tenant and licences are still sold.
    expect(await browser.$$('[data-testid="successor-available"]').length).toBe(1);
    // Moving over is a change offer: the badge says so, and Swap is in the row's menu.
    expect(await badge.getAttribute('title')).toContain('Swap moves this instance over in a change offer');
    await openRowMenu('[data-testid="instance-row"][data-item="SVC-M365"]');
    expect(await browser.$('[data-testid="instance-row"][data-item="SVC-M365"] [data-testid="swap-open"]').isExisting()).toBe(true);
    await screenshot(browser, join(outDir, 'successors-inventory.png'));
    await browser.keys(['Escape']);
  });

  it('draws the successor edges on the model map', async () => {
    await browser.$('[data-testid="nav-map"]').click();
    await browser.$('[data-testid="map-node"][data-code="NB-LEN-T14G4"]').waitForExist({ timeout: 10_000 });
    // Gen 4 → Gen 5, Gen 4 → X1 Carbon and Managed365 → Managed365 2026.
    await browser.waitUntil(
      async () => (await texts('[data-testid="map-edge-label"]')).filter((l) => l === 'successor').length === 3,
      { timeout: 10_000, timeoutMsg: 'three successor edges are drawn' },
    );
    expect(await texts('[data-testid="map-legend"] li')).toContain('successor');
    // The T14 Gen 4 is still selected from the catalog: its neighbours alone, to look at.
    await browser.$('[data-testid="map-toggle-neighbourhood"]').click();
    await browser.waitUntil(
      async () => (await browser.$$('[data-testid="map-node"]').length) < 10,
      { timeout: 5_000, timeoutMsg: 'the map shows the Gen 4 and its neighbours' },
    );
    expect(await browser.$('[data-testid="map-node"][data-code="NB-LEN-X1CG12"]').isExisting()).toBe(true);
    await browser.$('[data-testid="toast"]').waitForExist({ reverse: true, timeout: 10_000 }).catch(() => undefined);
    await screenshot(browser, join(outDir, 'successors-map.png'));
  });
});
