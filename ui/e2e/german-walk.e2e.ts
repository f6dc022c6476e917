// Issue 14, items 5 and 9: a walk through every view in German at 1280×800, as a
// consultant meets them all day. Each view is screenshotted (target/e2e/de-walk-*.png),
// must fit the window without scrolling sideways, and must not show the English
// words that used to slip through ("customer-wide", "mandatory with", "mo", …).
// The customer is set up with the CLI: two locations, an employee without one, a
// workplace service, Managed365 for everyone, a cloud container and an offer.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { app, outDir, screenshot, startApp, type Session } from './harness';

let session: Session;
let browser: WebdriverIO.Browser;

const visibleText = () =>
  browser.execute(() => {
    // What the user reads: the rendered text of the window (hidden parts left out).
    return (document.body.innerText ?? '').replace(/\s+/g, ' ');
  });

/** Whether anything scrolls sideways: a pane, a table or the page itself. */
const overflowsSideways = () =>
  browser.execute(
    () =>
      Array.from(document.querySelectorAll('.pane, .body, .scroll, main, table')).some(
        (e) => getComputedStyle(e).overflowX !== 'visible' && e.scrollWidth > e.clientWidth + 1,
      ) || document.documentElement.scrollWidth > window.innerWidth,
  );

/** English that must not appear in the German window (whole words, case kept). */
const ENGLISH = [
  'customer-wide',
  'Customer-wide',
  'mandatory with',
  'required by',
  'optional with',
  'requested',
  '/ mo',
  ' mo ',
  'must not be empty',
  'Book for',
  'locations created',
  'problems',
  'active since',
];

function englishIn(text: string): string[] {
  return ENGLISH.filter((word) => text.includes(word));
}

async function visit(name: string, open: () => Promise<void>, ready: string) {
  await open();
  await browser.$(ready).waitForDisplayed({ timeout: 10_000 });
  // Let lists and charts settle before reading and drawing them.
  await browser.pause(300);
  await screenshot(browser, join(outDir, `de-walk-${name}.png`));
  expect(await overflowsSideways(), `${name} scrolls sideways at 1280×800`).toBe(false);
  expect(englishIn(await visibleText()), `English words in ${name}`).toEqual([]);
}

beforeAll(async () => {
  session = await startApp(4580, (db) => {
    const dir = join(db, '..');
    const run = (...args: string[]) => execFileSync(app, ['--db', db, ...args], { encoding: 'utf8' }).trim();
    const id = Number(
      run('customer', 'create', '--name', 'Nordwind Logistik GmbH', '--street', 'Deichstraße 1', '--postal-code', '20459', '--city', 'Hamburg', '--country', 'DE'),
    );
    const staff = join(dir, 'staff.csv');
    writeFileSync(
      staff,
      [
        'name;email;department;location',
        'Jana Petersen;jana@nordwind.example;Finanzen;Hamburg',
        'Tom Berger;tom@nordwind.example;Vertrieb;Hamburg',
        'Aylin Demir;aylin@nordwind.example;Vertrieb;Berlin',
        'Max Roth;max@nordwind.example;Geschäftsführung;',
      ].join('\n') + '\n',
    );
    run('customer', 'import-employees', String(id), staff);
    const book = (name: string, request: object) => {
      const file = join(dir, `${name}.json`);
      writeFileSync(file, JSON.stringify({ customer_id: id, quantity: 1, start_date: '2026-01-01', include_optional: [], ...request }));
      run('book', '--request', file, '--apply');
    };
    book('m365', { item: 'SVC-M365', variant: 'BASIC', options: [{ group: 'SUPPORT', choice: '8X5' }], offer_type: 'rental', contexts: 'all_employees' });
    book('notebook', { item: 'NB-LEN-T14G5', offer_type: 'purchase', contexts: { contexts: [{ context: 'employee', id: 1 }] } });
    const offer = join(dir, 'offer.json');
    writeFileSync(
      offer,
      JSON.stringify({
        customer_id: id,
        item: 'SVC-M365',
        variant: 'STANDARD',
        options: [{ group: 'SUPPORT', choice: '24X7' }],
        offer_type: 'rental',
        contexts: 'all_employees',
        quantity: 1,
        start_date: '2027-01-01',
        include_optional: [],
        add_anyway: true,
      }),
    );
    // A second notebook in the offer brings its mandatory device management: a
    // line whose reason the offer view says in German.
    const notebook = join(dir, 'offer-notebook.json');
    writeFileSync(
      notebook,
      JSON.stringify({
        customer_id: id,
        item: 'NB-LEN-T14G5',
        variant: null,
        options: [],
        offer_type: 'purchase',
        contexts: { contexts: [{ context: 'employee', id: 2 }] },
        quantity: 1,
        start_date: '2027-01-01',
        include_optional: [],
        add_anyway: true,
      }),
    );
    run('offer', 'create', '--customer', String(id), '--request', offer, '--request', notebook);
  });
  browser = session.browser;
  await browser.setWindowSize(1280, 800);
  await browser.$('[data-testid="lang-de"]').click();
  await browser.waitUntil(async () => (await browser.$('[data-testid="nav-catalog"]').getText()).includes('Katalog'), {
    timeout: 5_000,
    timeoutMsg: 'the window is German',
  });
});

let failures = 0;
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  failures += 1;
  await screenshot(browser, join(outDir, `de-walk-failure-${failures}.png`)).catch(() => undefined);
});

afterAll(async () => {
  await session?.stop();
});

describe('every view in German at 1280×800', () => {
  it('catalog with an item open', async () => {
    await visit(
      'catalog',
      async () => {
        await browser.$('[data-testid="nav-catalog"]').click();
        await browser.$('[data-testid="catalog-search"]').setValue('Managed365');
        await browser.waitUntil(async () => (await browser.$$('[data-testid="catalog-row"]').length) >= 1, { timeout: 5_000 });
        await browser.$('[data-testid="catalog-row"]').click();
      },
      '[data-testid="item-detail"]',
    );
  });

  it('model map', async () => {
    await visit('map', () => browser.$('[data-testid="nav-map"]').click(), '[data-testid="model-map"]');
  });

  it('customers with the inventory', async () => {
    await visit(
      'customers',
      async () => {
        await browser.$('[data-testid="nav-customers"]').click();
        await browser.$('[data-testid="customer-row"]').click();
      },
      '[data-testid="instance-row"]',
    );
  });

  it('offers with an offer open', async () => {
    await visit(
      'offers',
      async () => {
        await browser.$('[data-testid="nav-offers"]').click();
        await browser.$('[data-testid="offer-row"]').click();
      },
      '[data-testid="offer-line"]',
    );
    const why = await browser.$$('[data-testid="offer-line"] .why').map((e) => e.getText());
    expect(why.join(' ')).toContain('verpflichtend mit');
  });

  it('renewals', async () => {
    await visit('renewals', () => browser.$('[data-testid="nav-renewals"]').click(), '[data-testid="renewals-view"]');
  });

  it('category rules', async () => {
    await visit('rules', () => browser.$('[data-testid="nav-rules"]').click(), '[data-testid="rules-view"]');
  });

  it('a new service in the designer, before anything is typed', async () => {
    await visit('designer', () => browser.$('[data-testid="new-service"]').click(), '[data-testid="designer"]');
  });
});
