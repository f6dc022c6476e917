// The renewals view in the real window, on two customers set up with the CLI
// whose Managed365 contracts (12 months, 3 months' notice) come up for notice
// in about 10 and 50 days: listed soonest first with German dates, and one
// click on a row starts a change offer for that customer that renews the
// contract (issue 13, item 5), more bookings added for the contract's context.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { app, outDir, screenshot, startApp, type Session } from './harness';

let session: Session;
let browser: WebdriverIO.Browser;

const text = (selector: string) =>
  browser.execute((s: string) => (document.querySelector(s)?.textContent ?? '').replace(/\s+/g, ' ').trim(), selector);

/** YYYY-MM-DD of `date` in local time (the app asks for the local day too). */
function iso(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The start of a 12-month contract with 3 months' notice whose notice is due in `days` to `days + 3` days. */
function startDueIn(days: number): string {
  const due = new Date();
  due.setDate(due.getDate() + days);
  // A day up to the 28th keeps the month arithmetic exact (no 31st to clamp).
  if (due.getDate() > 28) due.setMonth(due.getMonth() + 1, 1);
  due.setMonth(due.getMonth() - 9);
  return iso(due);
}

const customers: { name: string; id: string; start: string }[] = [];

beforeAll(async () => {
  session = await startApp(4530, (db) => {
    const run = (...args: string[]) => execFileSync(app, ['--db', db, ...args], { encoding: 'utf8' }).trim();
    for (const [name, person, days] of [
      ['Nordlicht AG', 'Ben Weber', 50],
      ['Muster Logistik GmbH', 'Anna Schmidt', 10],
    ] as const) {
      const id = run('customer', 'create', '--name', name);
      const csv = join(db, '..', `staff-${id}.csv`);
      writeFileSync(csv, `name;email;department;location\n${person};${person.split(' ')[0]?.toLowerCase()}@example.com;Sales;Hamburg\n`);
      run('customer', 'import-employees', id, csv);
      const start = startDueIn(days);
      const request = join(db, '..', `request-${id}.json`);
      writeFileSync(
        request,
        JSON.stringify({
          customer_id: Number(id),
          item: 'SVC-M365',
          variant: 'STANDARD',
          options: [{ group: 'SUPPORT', choice: '8X5' }],
          offer_type: 'rental',
          contexts: 'all_employees',
          quantity: 1,
          start_date: start,
        }),
      );
      run('book', '--request', request, '--apply');
      customers.push({ name, id, start });
    }
  });
  browser = session.browser;
  await browser.setWindowSize(1280, 800);
  await browser.$('[data-testid="nav-renewals"]').waitForDisplayed({ timeout: 10_000 });
});

let failures = 0;
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  failures += 1;
  await screenshot(browser, join(outDir, `renewals-failure-${failures}.png`)).catch(() => undefined);
});

afterAll(async () => {
  await session?.stop();
});

describe('renewals', () => {
  it('lists the contracts coming up for notice across customers, soonest first, in German', async () => {
    await browser.$('[data-testid="lang-de"]').click();
    await browser.$('[data-testid="nav-renewals"]').click();
    const rows = '[data-testid="renewal-row"]';
    await browser.waitUntil(async () => (await browser.$$(rows).length) === 4, { timeout: 10_000, timeoutMsg: 'four contracts (Managed365 and the tenant, twice)' });
    const listed = await browser.execute(
      (s: string) =>
        Array.from(document.querySelectorAll(s), (e) => ({
          date: e.getAttribute('data-date') ?? '',
          kind: e.getAttribute('data-kind'),
          text: (e.textContent ?? '').replace(/\s+/g, ' ').trim(),
        })),
      rows,
    );
    // Soonest first: Muster Logistik (about 10 days) before Nordlicht (about 50),
    // whatever order the customers were created in.
    expect(listed.map((r) => r.date)).toEqual([...listed.map((r) => r.date)].sort());
    expect(listed[0]?.text).toContain('Muster Logistik GmbH');
    expect(listed[3]?.text).toContain('Nordlicht AG');
    expect(listed.every((r) => r.kind === 'notice_deadline')).toBe(true);
    // Dates as Germans write them, what it is, and the amount at stake.
    const [year, month, day] = (listed[0]?.date ?? '').split('-');
    expect(listed[0]?.text).toContain(`${day}.${month}.${year}`);
    expect(listed[0]?.text).toContain('Kündigungsfrist');
    expect(listed[0]?.text).toMatch(/in \d+ Tagen/);
    // The tenant, booked customer-wide, says so in German too.
    expect(listed[1]?.text).toContain('Kundenweit');
    expect(await text('[data-testid="renewals-summary"]')).toMatch(/^4 Verträge bis \d{2}\.\d{2}\.\d{4} · .+ pro Monat betroffen$/);
    // The page fits the window: no horizontal scrolling at 1280×800.
    const overflow = await browser.execute(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(browser, join(outDir, 'renewals-de.png'));

    // A shorter window leaves the later customer out.
    await browser.$('[data-field="renewals_within"]').selectByAttribute('value', '30');
    await browser.waitUntil(async () => (await browser.$$(rows).length) === 2, { timeout: 5_000, timeoutMsg: 'two contracts within 30 days' });
    expect(await text(rows)).toContain('Muster Logistik GmbH');
  });

  it('starts a change offer for the customer of a row: the contract renewed, bookings for its employee', async () => {
    const row = await browser.$(`[data-testid="renewal-row"]`);
    expect(await row.getText()).toContain('Anna Schmidt');
    expect(await row.$('[data-testid="renewal-offer"]').getText()).toBe('Änderungsangebot');
    await row.$('[data-testid="renewal-offer"]').click();
    await browser.$('[data-testid="offers-view"]').waitForDisplayed({ timeout: 5_000 });
    const renew = '[data-testid="offer-line"][data-kind="renew"]';
    await browser.$(renew).waitForDisplayed({ timeout: 10_000, timeoutMsg: 'a draft renewing the contract is open' });
    expect(await text('.pane-head .eyebrow')).toContain('Muster Logistik GmbH');
    expect(await text('[data-testid="offer-status"]')).toBe('Entwurf');
    expect(await text(`${renew} [data-testid="change-kind"]`)).toBe('Verlängerung');
    expect(await text(`${renew} [data-testid="change-was"]`)).toContain('Jetzt: Managed365');
    expect(await text(`${renew} [data-testid="change-when"]`)).toMatch(/^ab \d{2}\.\d{2}\.\d{4}$/);
    const target = await browser.$('[data-field="offer_target"]');
    await browser.waitUntil(async () => (await target.getValue()).startsWith('employee:'), { timeout: 5_000, timeoutMsg: "bookings are added for Anna" });
    expect(await text('[data-field="offer_target"] option:checked')).toContain('Anna Schmidt');
    expect(await browser.$('[data-testid="offer-add-booking"]').isEnabled()).toBe(true);
    await screenshot(browser, join(outDir, 'renewals-new-offer-de.png'));
  });
});
