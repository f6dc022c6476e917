// Change offers in the real window (issue 13, items 2 and 9): a customer whose six
// employees hold Managed365 Basic, and whose Anna holds a Lenovo ThinkPad T14 Gen 4
// (discontinued, successor T14 Gen 5) with its mandatory device management, all
// set up with the CLI. In the inventory the consultant upgrades three employees to
// Standard (one dialog, two more ticked) and swaps the notebook (Swap), both into
// one draft; the offer shows each change line (what it is now → what it becomes,
// from when, what moves over) and the customer's monthly amount now, new and the
// difference; the PDF is exported and rendered; the offer is sent and accepted,
// and the inventory shows the old instances ended, the new ones ordered and the
// device management hanging below the new notebook. Then cancellations in German,
// an offer from the portfolio, and an accept refused because the inventory
// changed meanwhile. Screenshots at 1280×800 in English and German.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { app, outDir, screenshot, startApp, type Session } from './harness';

let session: Session;
let browser: WebdriverIO.Browser;

const text = (selector: string) =>
  browser.execute((s: string) => (document.querySelector(s)?.textContent ?? '').replace(/\s+/g, ' ').trim(), selector);
const texts = (selector: string) =>
  browser.execute((s: string) => Array.from(document.querySelectorAll(s), (e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim()), selector);
const toast = () => text('[data-testid="toast"]');

const STAFF = ['Anna Schmidt', 'Ben Keller', 'Clara Wolf', 'David Braun', 'Eva Lange', 'Felix Roth'];

/** The inventory rows as [id, item, context, status, parent, variant text]. */
function inventoryRows(): Promise<{ id: string; item: string; context: string; status: string; parent: string; text: string }[]> {
  return browser.execute(() =>
    Array.from(document.querySelectorAll('[data-testid="instance-row"]'), (row) => ({
      id: row.getAttribute('data-id') ?? '',
      item: row.getAttribute('data-item') ?? '',
      status: row.getAttribute('data-status') ?? '',
      parent: row.getAttribute('data-parent') ?? '',
      context: (row.querySelectorAll('td')[1]?.textContent ?? '').replace(/\s+/g, ' ').trim(),
      text: (row.querySelector('td')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
    })),
  );
}

/** The inventory row of `item` in `context` (with `status`), once the inventory shows it. */
async function rowOf(item: string, context: string, status?: string) {
  const find = async () => (await inventoryRows()).find((r) => r.item === item && r.context.startsWith(context) && (!status || r.status === status));
  await browser.waitUntil(async () => (await find()) !== undefined, { timeout: 10_000, timeoutMsg: `a ${item} row for ${context}` });
  const row = await find();
  if (!row) throw new Error(`no ${item} row for ${context}`);
  return row;
}

let evaId = '';

/** The id of the offer row whose number contains `number`, once the list shows it. */
async function offerRowId(number: string): Promise<string> {
  const find = () =>
    browser.execute(
      (n: string) => Array.from(document.querySelectorAll('[data-testid="offer-row"]')).find((e) => (e.textContent ?? '').includes(n))?.getAttribute('data-id') ?? '',
      number,
    );
  await browser.waitUntil(async () => (await find()) !== '', { timeout: 10_000, timeoutMsg: `the offer list shows ${number}` });
  return find();
}

/** Opens the "⋯" menu of the inventory row `row` (a selector): its actions live there. */
async function openRowMenu(row: string) {
  await browser.$(`${row} [data-testid="row-menu"]`).click();
  await browser.$(`${row} [data-testid="row-menu-list"]`).waitForDisplayed({ timeout: 5_000, timeoutMsg: 'the row menu opens' });
}

async function scrollTo(selector: string, block: 'start' | 'center' = 'center') {
  await browser.execute((s: string, b: string) => document.querySelector(s)?.scrollIntoView({ block: b as ScrollLogicalPosition }), selector, block);
}

/** Whether the page scrolls sideways (a table wider than the window). */
const overflowsSideways = () =>
  browser.execute(() => Array.from(document.querySelectorAll('.pane, .body, .scroll, main')).some((e) => e.scrollWidth > e.clientWidth + 1) || document.documentElement.scrollWidth > window.innerWidth);

beforeAll(async () => {
  session = await startApp(4540, (db) => {
    const dir = join(db, '..');
    const run = (...args: string[]) => execFileSync(app, ['--db', db, ...args], { encoding: 'utf8' }).trim();
    const id = Number(run('customer', 'create', '--name', 'Muster Logistik GmbH', '--street', 'Am Sandtorkai 1', '--postal-code', '20457', '--city', 'Hamburg', '--country', 'DE'));
    const staff = join(dir, 'staff.csv');
    writeFileSync(staff, ['name;email;department;location', ...STAFF.map((n) => `${n};${n.split(' ')[0]?.toLowerCase()}@muster.example;Sales;Hamburg`)].join('\n') + '\n');
    run('customer', 'import-employees', String(id), staff);
    const book = (name: string, request: object) => {
      const file = join(dir, `${name}.json`);
      writeFileSync(file, JSON.stringify({ customer_id: id, quantity: 1, start_date: '2026-01-01', include_optional: [], ...request }));
      run('book', '--request', file, '--apply');
    };
    book('m365', { item: 'SVC-M365', variant: 'BASIC', options: [{ group: 'SUPPORT', choice: '8X5' }], offer_type: 'rental', contexts: 'all_employees' });
    // The T14 Gen 4 takes no new bookings: Anna got hers while it was still sold
    // (made active for the booking, discontinued again after it).
    const exported = join(dir, 'catalog.servicefolio.json');
    run('export', '--out', exported);
    const file = JSON.parse(readFileSync(exported, 'utf8'));
    const gen4 = file.catalog.products.find((p: { code: string }) => p.code === 'NB-LEN-T14G4');
    const portfolio = (product: object) => {
      writeFileSync(exported, JSON.stringify({ ...file, catalog: { products: [product] } }));
      run('import', exported);
    };
    portfolio({ ...gen4, status: 'active', successors: [] });
    book('notebook', { item: 'NB-LEN-T14G4', offer_type: 'purchase', contexts: { contexts: [{ context: 'employee', id: 1 }] } });
    portfolio(gen4);
  });
  browser = session.browser;
  await browser.setWindowSize(1280, 800);
  await browser.$('[data-testid="lang-en"]').click();
  await browser.$('[data-testid="nav-customers"]').click();
  await browser.waitUntil(async () => (await inventoryRows()).length >= 8, { timeout: 10_000, timeoutMsg: 'the inventory is shown' });
});

let failures = 0;
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  failures += 1;
  await screenshot(browser, join(outDir, `change-offers-failure-${failures}.png`)).catch(() => undefined);
});

afterAll(async () => {
  await session?.stop();
});

let offerTitle = '';

describe('change offers', () => {
  it('upgrades three of six employees from Managed365 Basic to Standard in one dialog', async () => {
    const anna = await rowOf('SVC-M365', 'Anna Schmidt');
    await openRowMenu(`[data-testid="instance-row"][data-id="${anna.id}"]`);
    await browser.$(`[data-testid="instance-row"][data-id="${anna.id}"] [data-testid="change-open"]`).click();
    const dialog = '[data-testid="change-dialog"]';
    await browser.$(dialog).waitForDisplayed({ timeout: 5_000 });
    await browser.$('[data-field="change_variant"]').waitForDisplayed({ timeout: 5_000 });
    expect(await text('[data-testid="change-now"]')).toContain('Managed365 · BASIC · 1 × · Rental · Anna Schmidt');
    // Nothing chosen yet: the dialog says so and adds nothing.
    expect(await text('[data-testid="change-problem"]')).toContain('Nothing changes');
    expect(await browser.$('[data-testid="change-submit"]').isEnabled()).toBe(false);
    await browser.$('[data-field="change_variant"]').selectByAttribute('value', 'STANDARD');
    // The five other employees holding Managed365 Basic, by name; two of them ticked.
    expect(await texts('[data-testid="change-peers"] label span:first-of-type')).toEqual(STAFF.slice(1));
    for (const name of ['Ben Keller', 'Clara Wolf']) {
      const id = (await rowOf('SVC-M365', name)).id;
      await browser.$(`[data-testid="change-peer"][data-id="${id}"]`).click();
    }
    expect(await text('[data-testid="change-peers-count"]')).toBe('2 of 5 more');
    const submit = await browser.$('[data-testid="change-submit"]');
    await browser.waitUntil(async () => submit.isEnabled(), { timeout: 5_000, timeoutMsg: 'the change can be added' });
    expect(await submit.getText()).toBe('Add 3 changes to the offer');
    await screenshot(browser, join(outDir, 'change-dialog-en.png'));
    await submit.click();
    await browser.$('[data-testid="offers-view"]').waitForDisplayed({ timeout: 5_000 });
    await browser.waitUntil(async () => (await texts('[data-testid="offer-line"][data-kind="upgrade"]')).length === 3, { timeout: 10_000, timeoutMsg: 'three upgrade lines' });
    offerTitle = (await text('[data-testid="offer-title"]')).split(' ')[0] ?? '';
    expect(offerTitle).toMatch(/^ANG-/);
    expect(await toast()).toBe(`3 changes were added to ${offerTitle} v1.`);
    // An offer of changes only: no bookings, the changes named.
    expect(await texts('[data-testid="offer-request"]')).toEqual([]);
    expect(await texts('[data-testid="offer-change-chip"]')).toHaveLength(3);
  });

  it('swaps the discontinued notebook for its successor, into the same draft', async () => {
    await browser.$('[data-testid="nav-customers"]').click();
    await browser.waitUntil(async () => (await inventoryRows()).length >= 8, { timeout: 10_000, timeoutMsg: 'the inventory is shown' });
    const notebook = await rowOf('NB-LEN-T14G4', 'Anna Schmidt');
    const row = `[data-testid="instance-row"][data-id="${notebook.id}"]`;
    expect(await text(`${row} [data-testid="successor-available"]`)).toBe('successor available: Lenovo ThinkPad T14 Gen 5');
    await scrollTo(row);
    await screenshot(browser, join(outDir, 'change-inventory-en.png'));
    expect(await overflowsSideways()).toBe(false);
    await openRowMenu(row);
    await browser.$(`${row} [data-testid="swap-open"]`).click();
    await browser.$('[data-testid="change-dialog"]').waitForDisplayed({ timeout: 5_000 });
    const mode = await browser.$('[data-testid="change-mode"][data-mode="replace"]');
    await browser.waitUntil(async () => mode.isSelected(), { timeout: 5_000, timeoutMsg: 'Swap opens on "Replace by a successor"' });
    // A purchase is owned: it is swapped or cancelled, not changed or renewed.
    expect(await browser.execute(() => Array.from(document.querySelectorAll('[data-testid="change-mode"]'), (e) => e.getAttribute('data-mode')))).toEqual(['replace', 'cancel']);
    expect(await browser.$('[data-field="change_item"]').getValue()).toBe('NB-LEN-T14G5');
    const draft = await browser.execute(() => Array.from(document.querySelectorAll('[data-field="change_offer"] option'), (o) => (o as HTMLOptionElement).value).find((v) => v !== 'new') ?? '');
    await browser.$('[data-field="change_offer"]').selectByAttribute('value', draft);
    await browser.$('[data-testid="change-submit"]').click();
    await browser.$('[data-testid="offers-view"]').waitForDisplayed({ timeout: 5_000 });
    await browser.waitUntil(async () => (await texts('[data-testid="offer-line"][data-kind="replace"]')).length === 1, { timeout: 10_000, timeoutMsg: 'the swap line' });
    expect(await toast()).toBe(`The change was added to ${offerTitle} v1.`);
  });

  it('shows each change line and the monthly amount now, new and the difference', async () => {
    const swap = '[data-testid="offer-line"][data-kind="replace"]';
    expect(await text(`${swap} [data-testid="change-kind"]`)).toBe('Swap');
    expect(await text(swap)).toContain('Lenovo ThinkPad T14 Gen 5');
    expect(await text(`${swap} [data-testid="change-was"]`)).toBe('Now: Lenovo ThinkPad T14 Gen 4 · 1 × · Purchase');
    expect(await text(`${swap} [data-testid="change-moves"]`)).toBe('moves over: Mobile device management');
    expect(await text(`${swap} [data-testid="change-when"]`)).toMatch(/^from \d{1,2} [A-Z][a-z]{2} \d{4}$/);
    const upgrades = await browser.execute(() =>
      Array.from(document.querySelectorAll('[data-testid="offer-line"][data-kind="upgrade"] [data-testid="change-monthly"]'), (e) => [e.getAttribute('data-current'), e.getAttribute('data-proposed')]),
    );
    expect(upgrades).toEqual(Array(3).fill(['7.90', '12.90']));
    expect(await text('[data-testid="offer-line"][data-kind="upgrade"] [data-testid="change-was"]')).toBe('Now: Managed365 Basic (Support level: 8x5 business hours) · 1 × · Rental');
    // Worked out by hand: three seats from 7.90 to 12.90 a month is +15.00; the
    // notebook is a purchase (nothing a month) and its device management moves
    // over at the same 4.90.
    const card = await browser.$('[data-testid="offer-monthly-change"]');
    const current = Number(await card.getAttribute('data-current'));
    const next = Number(await card.getAttribute('data-new'));
    expect(await card.getAttribute('data-difference')).toBe('15.00');
    expect(next - current).toBeCloseTo(15, 2);
    expect(await text('[data-testid="monthly-difference"]')).toBe('+€15.00');
    expect(await text('[data-testid="monthly-current"]')).toBe(`€${current.toFixed(2)}`);
    await browser.execute(() => document.querySelector('[data-testid="offer-title"]')?.scrollIntoView({ block: 'start' }));
    await screenshot(browser, join(outDir, 'change-offer-en.png'));
    expect(await overflowsSideways()).toBe(false);
  });

  it('removing a change asks first', async () => {
    await browser.$$('[data-testid="offer-remove-change"]')[0]?.click();
    const dialog = '[data-testid="offer-remove-change-dialog"]';
    await browser.$(dialog).waitForDisplayed({ timeout: 5_000 });
    expect(await text(dialog)).toContain('Upgrade · Managed365 Basic (Support level: 8x5 business hours) · Anna Schmidt leaves the offer');
    await browser.$('[data-testid="offer-remove-change-keep"]').click();
    await browser.$(dialog).waitForDisplayed({ reverse: true, timeout: 5_000 });
    expect(await texts('[data-testid="offer-change-chip"]')).toHaveLength(4);
  });

  it('exports the PDF, which renders', async () => {
    const folder = join(session.dir, 'exports');
    await browser.$('[data-field="export_folder"]').setValue(folder);
    await browser.$('[data-testid="export-pdf"]').click();
    // The sender is empty in a fresh database: asked first, then exported anyway.
    await browser.$('[data-testid="offer-empty-sender-dialog"]').waitForDisplayed({ timeout: 5_000 });
    await browser.$('[data-testid="offer-empty-sender-export"]').click();
    const pdf = join(folder, `${offerTitle}-v1.pdf`);
    await browser.waitUntil(async () => existsSync(pdf), { timeout: 10_000, timeoutMsg: `${pdf} is written` });
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const words = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(words).toContain(offerTitle);
    expect(words).toContain('Lenovo ThinkPad T14 Gen 5');
    execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', pdf, join(outDir, 'change-offer-pdf')]);
    const pages = execFileSync('ls', [outDir], { encoding: 'utf8' }).split('\n').filter((f) => f.startsWith('change-offer-pdf') && f.endsWith('.png'));
    expect(pages.length).toBeGreaterThan(0);
  });

  it('is sent and accepted: the old instances end, the new ones are ordered, the device management moved', async () => {
    await browser.$('[data-testid="offer-status-action"][data-to="sent"]').click();
    await browser.$('[data-testid="offer-frozen"]').waitForDisplayed({ timeout: 5_000 });
    await browser.$('[data-testid="offer-status-action"][data-to="accepted"]').click();
    await browser.waitUntil(async () => (await browser.$('[data-testid="offer-status"]').getAttribute('data-status')) === 'accepted', {
      timeout: 10_000,
      timeoutMsg: 'the offer is accepted',
    });
    await browser.$('[data-testid="nav-customers"]').click();
    await browser.waitUntil(async () => (await inventoryRows()).some((r) => r.item === 'NB-LEN-T14G5'), { timeout: 10_000, timeoutMsg: 'the new notebook is in the inventory' });
    const rows = await inventoryRows();
    const oldNotebook = rows.find((r) => r.item === 'NB-LEN-T14G4');
    const newNotebook = rows.find((r) => r.item === 'NB-LEN-T14G5');
    expect(oldNotebook?.status).toBe('cancelled');
    expect(newNotebook?.status).toBe('ordered');
    const mdm = rows.filter((r) => r.item === 'SVC-MDM');
    expect(mdm).toHaveLength(1);
    expect(mdm[0]?.parent).toBe(newNotebook?.id);
    for (const name of STAFF) {
      const held = rows.filter((r) => r.item === 'SVC-M365' && r.context.startsWith(name));
      const upgraded = ['Anna Schmidt', 'Ben Keller', 'Clara Wolf'].includes(name);
      expect(held.map((r) => [r.status, r.text.includes('STANDARD') ? 'STANDARD' : 'BASIC']).sort()).toEqual(
        upgraded ? [['cancelled', 'BASIC'], ['ordered', 'STANDARD']] : [['ordered', 'BASIC']],
      );
    }
  });

  it('shows the change dialog and the change offer in German at 1280×800', async () => {
    await browser.$('[data-testid="lang-de"]').click();
    const eva = await rowOf('SVC-M365', 'Eva Lange');
    await scrollTo(`[data-testid="instance-row"][data-id="${eva.id}"]`);
    await screenshot(browser, join(outDir, 'change-inventory-de.png'));
    expect(await overflowsSideways()).toBe(false);
    await openRowMenu(`[data-testid="instance-row"][data-id="${eva.id}"]`);
    await browser.$(`[data-testid="instance-row"][data-id="${eva.id}"] [data-testid="change-open"]`).click();
    await browser.$('[data-testid="change-dialog"]').waitForDisplayed({ timeout: 5_000 });
    await browser.$('[data-field="change_variant"]').waitForDisplayed({ timeout: 5_000 });
    expect(await texts('[data-testid="change-mode"] + span')).toEqual(['Ändern', 'Unverändert verlängern', 'Kündigen']);
    await browser.$('[data-testid="change-mode"][data-mode="cancel"]').click();
    await browser.$('[data-testid="change-peers-all"]').click();
    expect(await text('[data-testid="change-peers-count"]')).toBe('2 von 2 weiteren');
    expect(await browser.$('[data-testid="change-submit"]').getText()).toBe('3 Änderungen zum Angebot hinzufügen');
    await screenshot(browser, join(outDir, 'change-dialog-de.png'));
    await browser.$('[data-testid="change-submit"]').click();
    await browser.$('[data-testid="offers-view"]').waitForDisplayed({ timeout: 5_000 });
    await browser.waitUntil(async () => (await texts('[data-testid="offer-line"][data-kind="cancel"]')).length === 3, { timeout: 10_000, timeoutMsg: 'three cancellations' });
    expect(await text('[data-testid="offer-line"][data-kind="cancel"] [data-testid="change-kind"]')).toBe('Kündigung');
    // A cancellation: its last day and the notice deadline, German dates.
    expect(await text('[data-testid="offer-line"][data-kind="cancel"] [data-testid="change-when"]')).toMatch(/^endet am \d{2}\.\d{2}\.\d{4}, Kündigung bis \d{2}\.\d{2}\.\d{4}$/);
    expect(await text('[data-testid="monthly-difference"]')).toBe('\u221223,70 €');
    expect(await text('[data-testid="offer-monthly-change"]')).toContain('Bisher monatlich');
    await browser.execute(() => document.querySelector('[data-testid="offer-title"]')?.scrollIntoView({ block: 'start' }));
    await browser.$('[data-testid="toast"]').waitForDisplayed({ reverse: true, timeout: 10_000 });
    await screenshot(browser, join(outDir, 'change-offer-de.png'));
    expect(await overflowsSideways()).toBe(false);
    await browser.$('[data-testid="lang-en"]').click();
  });

  it('starts an offer from the portfolio: a running instance ticked is renewed', async () => {
    await browser.$('[data-testid="nav-customers"]').click();
    await browser.$('[data-testid="portfolio-open"]').click();
    const dialog = '[data-testid="portfolio-dialog"]';
    await browser.$(dialog).waitForDisplayed({ timeout: 5_000 });
    const rows = await browser.execute(() =>
      Array.from(document.querySelectorAll('[data-testid="portfolio-row"]'), (e) => [e.getAttribute('data-id'), e.getAttribute('data-planned'), (e as HTMLInputElement).checked]),
    );
    // Nothing is planned here: every row is running, none ticked; linked and ended ones are not offered.
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every(([, planned, checked]) => planned === 'false' && checked === false)).toBe(true);
    expect(await browser.$('[data-testid="portfolio-create"]').isEnabled()).toBe(false);
    const felix = await rowOf('SVC-M365', 'Felix Roth', 'ordered');
    expect(rows.map(([id]) => id)).toContain(felix.id);
    const mdm = (await inventoryRows()).find((r) => r.item === 'SVC-MDM');
    expect(rows.map(([id]) => id)).not.toContain(mdm?.id);
    await browser.$(`[data-testid="portfolio-row"][data-id="${felix.id}"]`).click();
    expect(await browser.$('[data-testid="portfolio-create"]').getText()).toBe('Create the offer with 1 instance');
    await screenshot(browser, join(outDir, 'change-portfolio-en.png'));
    await browser.$('[data-testid="portfolio-create"]').click();
    await browser.$('[data-testid="offers-view"]').waitForDisplayed({ timeout: 5_000 });
    const renew = `[data-testid="offer-line"][data-kind="renew"][data-instance="${felix.id}"]`;
    await browser.$(renew).waitForDisplayed({ timeout: 10_000, timeoutMsg: 'the renewal of Felix\'s Managed365 is in the new offer' });
    expect(await text(`${renew} [data-testid="change-kind"]`)).toBe('Renew');
  });

  it('refuses to accept when the inventory changed meanwhile, with the reason, and applies nothing', async () => {
    // The German draft cancels Eva's, David's and Felix's Managed365; it is sent,
    // then Eva's is cancelled in the inventory directly.
    await browser.$('[data-testid="nav-offers"]').click();
    const draft = await offerRowId('0002');
    await browser.$(`[data-testid="offer-row"][data-id="${draft}"]`).click();
    await browser.waitUntil(async () => (await texts('[data-testid="offer-line"][data-kind="cancel"]')).length === 3, { timeout: 10_000, timeoutMsg: 'the cancellations are open' });
    await browser.$('[data-testid="offer-status-action"][data-to="sent"]').click();
    await browser.$('[data-testid="offer-frozen"]').waitForDisplayed({ timeout: 5_000 });
    await browser.$('[data-testid="nav-customers"]').click();
    const eva = await rowOf('SVC-M365', 'Eva Lange', 'ordered');
    evaId = eva.id;
    await openRowMenu(`[data-testid="instance-row"][data-id="${eva.id}"]`);
    await browser.$(`[data-testid="instance-row"][data-id="${eva.id}"] [data-testid="transition"][data-to="cancelled"]`).click();
    await browser.waitUntil(async () => (await rowOf('SVC-M365', 'Eva Lange')).status === 'cancelled', { timeout: 5_000, timeoutMsg: "Eva's Managed365 is cancelled" });
    const before = await inventoryRows();
    await browser.$('[data-testid="nav-offers"]').click();
    await browser.$(`[data-testid="offer-row"][data-id="${draft}"]`).click();
    await browser.waitUntil(async () => (await browser.$('[data-testid="offer-status"]').getAttribute('data-status')) === 'sent', { timeout: 5_000, timeoutMsg: 'the sent offer is open' });
    await browser.$('[data-testid="offer-status-action"][data-to="accepted"]').click();
    await browser.waitUntil(async () => (await toast()).startsWith('The inventory changed since this offer was made'), { timeout: 10_000, timeoutMsg: 'the refusal says why' });
    expect(await toast()).toContain('nothing was applied');
    expect(await browser.$('[data-testid="offer-status"]').getAttribute('data-status')).toBe('sent');
    await browser.$('[data-testid="nav-customers"]').click();
    await browser.waitUntil(async () => (await inventoryRows()).length === before.length, { timeout: 5_000, timeoutMsg: 'the inventory is shown' });
    expect(await inventoryRows()).toEqual(before);
  });

  it('makes a new version of the refused offer, compares it and accepts it', async () => {
    await browser.$('[data-testid="nav-offers"]').click();
    const sent = await offerRowId('0002');
    await browser.$(`[data-testid="offer-row"][data-id="${sent}"]`).click();
    await browser.waitUntil(async () => (await browser.$('[data-testid="offer-status"]').getAttribute('data-status')) === 'sent', { timeout: 5_000, timeoutMsg: 'the sent offer is open' });
    await browser.$('[data-testid="offer-new-version"]').click();
    await browser.waitUntil(async () => (await text('[data-testid="offer-title"]')).includes('v2'), { timeout: 10_000, timeoutMsg: 'version 2 is open' });
    expect(await texts('[data-testid="offer-line"][data-kind="cancel"]')).toHaveLength(3);
    // Eva's contract ended meanwhile: her cancellation is taken out (asked first).
    const chips = await browser.execute(() => Array.from(document.querySelectorAll('[data-testid="offer-change-chip"]'), (e) => e.getAttribute('data-instance')));
    await browser.$$('[data-testid="offer-remove-change"]')[chips.indexOf(evaId)]?.click();
    await browser.$('[data-testid="offer-remove-change-dialog"]').waitForDisplayed({ timeout: 5_000 });
    expect(await text('[data-testid="offer-remove-change-dialog"]')).toContain('Eva Lange');
    await browser.$('[data-testid="offer-remove-change-confirm"]').click();
    await browser.waitUntil(async () => (await texts('[data-testid="offer-line"][data-kind="cancel"]')).length === 2, { timeout: 10_000, timeoutMsg: 'two cancellations left' });
    expect(await text('[data-testid="monthly-difference"]')).toBe('\u2212€15.80');
    // Compared with version 1: Eva's line removed, the other two unchanged.
    await browser.$('[data-testid="offer-compare"]').click();
    await browser.$('[data-testid="offer-comparison"]').waitForDisplayed({ timeout: 5_000 });
    expect(await browser.$$('[data-testid="offer-change"][data-change="removed"]').length).toBe(1);
    expect(await text('[data-testid="offer-comparison"]')).toContain('2 lines unchanged');
    await browser.$('[data-testid="offer-status-action"][data-to="sent"]').click();
    await browser.$('[data-testid="offer-frozen"]').waitForDisplayed({ timeout: 5_000 });
    await browser.$('[data-testid="offer-status-action"][data-to="accepted"]').click();
    await browser.waitUntil(async () => (await browser.$('[data-testid="offer-status"]').getAttribute('data-status')) === 'accepted', { timeout: 10_000, timeoutMsg: 'version 2 is accepted' });
    await browser.$('[data-testid="nav-customers"]').click();
    for (const name of ['David Braun', 'Felix Roth']) {
      const row = await rowOf('SVC-M365', name, 'cancelled');
      expect(row.status).toBe('cancelled');
    }
  });
});
