// The designer's manners in the real window at 1280×800 (issue 14, item 7): a
// new service form greets nobody with problems; a field's problem shows once it
// was touched; Ctrl+S with problems brings the first bad field into view below
// the sticky header and focuses it; an option choice's price preview shows the
// whole amount; the variants table of a service fits the detail pane, in
// English and in German.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Key } from 'webdriverio';
import { outDir, screenshot, startApp, type Session } from './harness';

let session: Session;
let browser: WebdriverIO.Browser;

const field = (path: string) => browser.$(`[data-testid="designer"] [data-field="${path}"]`);

async function fill(path: string, text: string) {
  const input = await field(path);
  await input.waitForDisplayed({ timeout: 5_000 });
  await input.click();
  await browser.keys([Key.Ctrl, 'a']);
  await browser.keys([Key.Backspace]);
  await browser.keys(text.split(''));
}

/** The messages the designer shows: [field, text] of every violation and input error. */
function messages(): Promise<string[][]> {
  return browser.execute(() =>
    Array.from(
      document.querySelectorAll<HTMLElement>('[data-testid="designer"] [data-testid="violation"], [data-testid="designer"] [data-testid="input-error"]'),
      (e) => [e.dataset['field'] ?? '', (e.textContent ?? '').trim()],
    ),
  );
}

function state(): Promise<string> {
  return browser.execute(() => (document.querySelector('[data-testid="designer-state"]')?.textContent ?? '').trim());
}

/** Where the focused field is against the sticky header and the designer's bottom edge. */
function focusedPlace(): Promise<{ field: string; top: number; bottom: number; headerBottom: number; viewBottom: number; covered: boolean }> {
  return browser.execute(() => {
    const active = document.activeElement as HTMLElement | null;
    const root = document.querySelector('[data-testid="designer"]') as HTMLElement;
    const header = root.querySelector('header') as HTMLElement;
    const rect = active?.getBoundingClientRect() ?? new DOMRect();
    // What the person sees at the field's middle: the field, not the header over it.
    const seen = document.elementFromPoint(rect.left + Math.min(20, rect.width / 2), rect.top + rect.height / 2);
    return {
      field: active?.dataset['field'] ?? '',
      top: rect.top,
      bottom: rect.bottom,
      headerBottom: header.getBoundingClientRect().bottom,
      viewBottom: root.getBoundingClientRect().bottom,
      covered: seen !== active && !(active?.contains(seen) ?? false),
    };
  });
}

beforeAll(async () => {
  session = await startApp(4630);
  browser = session.browser;
  await browser.setWindowSize(1280, 800);
  await browser.$('[data-testid="lang-en"]').click();
  await browser.waitUntil(
    async () => Number(await browser.$('[data-testid="catalog-list"]').getAttribute('data-loaded')) > 30,
    { timeout: 10_000 },
  );
});

afterAll(async () => {
  await session?.stop();
});

describe('designer manners', () => {
  it('shows no problems on a new service form before anything is typed', async () => {
    await browser.$('[data-testid="new-service"]').click();
    await browser.$('[data-testid="designer"]').waitForDisplayed({ timeout: 5_000 });
    // The live check has answered (it says nothing while problems wait for a touch).
    await browser.waitUntil(async () => (await state()) !== 'Checking…', { timeout: 5_000 });
    await browser.pause(600);
    expect(await messages()).toEqual([]);
    expect(await browser.$('[data-testid="designer"] .state.bad').isExisting()).toBe(false);
    expect(await browser.$('[data-testid="designer"] [aria-invalid="true"]').isExisting()).toBe(false);
    // Saving may be tried: that is what shows the problems.
    expect(await browser.$('[data-testid="designer-save"]').isEnabled()).toBe(true);
    await screenshot(browser, join(outDir, 'i14-designer-new-en.png'));
  });

  it('shows a field’s problem once its text was typed and cleared, as a sentence', async () => {
    await fill('name', 'x');
    await browser.keys([Key.Ctrl, 'a']);
    await browser.keys([Key.Backspace]);
    await browser.waitUntil(async () => (await messages()).some(([f]) => f === 'name'), {
      timeout: 5_000,
      timeoutMsg: 'the empty name is reported at the name',
    });
    const found = await messages();
    expect(found.find(([f]) => f === 'name')?.[1]).toBe('Enter a name');
    // Untouched fields further down still keep quiet.
    expect(found.some(([f]) => f?.startsWith('variants'))).toBe(false);
    expect(await state()).toMatch(/^\d+ problems? to fix$/);
  });

  it('brings the first bad field into view below the header on Ctrl+S, focused', async () => {
    await fill('code', 'SVC-POLITE');
    await fill('name', 'Courtesy');
    await fill('category', 'Workplace');
    await browser.waitUntil(async () => (await messages()).length === 0, { timeout: 5_000, timeoutMsg: 'the general fields are fine' });
    // Far down the form: the variant's code is above the view.
    await browser.execute(() => {
      const root = document.querySelector('[data-testid="designer"]') as HTMLElement;
      root.scrollTop = root.scrollHeight;
    });
    const before = await browser.execute(() => {
      const root = document.querySelector('[data-testid="designer"]') as HTMLElement;
      const header = root.querySelector('header') as HTMLElement;
      const code = root.querySelector('[data-field="variants[0].code"]') as HTMLElement;
      return { top: code.getBoundingClientRect().top, headerBottom: header.getBoundingClientRect().bottom };
    });
    expect(before.top).toBeLessThan(before.headerBottom); // hidden under the header or above it
    await browser.keys([Key.Ctrl, 's']);
    await browser.waitUntil(async () => (await focusedPlace()).field === 'variants[0].code', {
      timeout: 5_000,
      timeoutMsg: 'Ctrl+S focuses the first bad field',
    });
    await browser.pause(300);
    const place = await focusedPlace();
    expect(place.top).toBeGreaterThanOrEqual(place.headerBottom);
    expect(place.bottom).toBeLessThanOrEqual(place.viewBottom);
    expect(place.covered).toBe(false);
    // Every problem shows now, the variant's included, and the save did not happen.
    const found = await messages();
    expect(found.some(([f, text]) => f === 'variants[0].code' && text === 'Enter a code')).toBe(true);
    expect(found.some(([f]) => f === 'variants[0].offers.rental.monthly_price')).toBe(true);
    expect(await browser.$('[data-testid="designer"]').isDisplayed()).toBe(true);
    await screenshot(browser, join(outDir, 'i14-designer-ctrl-s-en.png'));
  });

  it('shows an option choice’s price preview whole, not cut to a lone “€”', async () => {
    await browser.$('[data-testid="designer"] [data-testid="add-option-group"]').click();
    const path = 'option_groups[0].choices[0].price_deltas.rental_monthly';
    await fill(path, '1234.5');
    const preview = await browser.$('[data-testid="designer"] [data-testid="amount-preview"]');
    await preview.waitForDisplayed({ timeout: 5_000 });
    expect(await preview.getText()).toBe('€1,234.50');
    // Nothing covers it: the topmost element at either end of its text is the preview.
    const uncovered = await browser.execute(() => {
      const p = document.querySelector('[data-testid="amount-preview"]') as HTMLElement;
      p.scrollIntoView({ block: 'nearest' });
      const r = p.getBoundingClientRect();
      const at = (x: number) => document.elementFromPoint(x, r.top + r.height / 2);
      return at(r.left + 3) === p && at(r.right - 3) === p && p.scrollWidth <= p.clientWidth + 1;
    });
    expect(uncovered).toBe(true);
    await screenshot(browser, join(outDir, 'i14-designer-preview-en.png'));
  });

  it('says the same in German', async () => {
    await browser.$('[data-testid="lang-de"]').click();
    await browser.waitUntil(async () => (await messages()).some(([, text]) => text === 'Geben Sie einen Code ein'), {
      timeout: 5_000,
      timeoutMsg: 'the empty variant code is asked for in German',
    });
    await browser.waitUntil(async () => /^\d+ Probleme? zu beheben$/.test(await state()), {
      timeout: 5_000,
      timeoutMsg: 'the header counts the problems in German',
    });
    const path = 'option_groups[0].choices[0].price_deltas.rental_monthly';
    await fill(path, '1234,5');
    const preview = await browser.$('[data-testid="designer"] [data-testid="amount-preview"]');
    await preview.waitForDisplayed({ timeout: 5_000 });
    expect((await preview.getText()).replace(/\s/g, ' ')).toBe('1.234,50 €');
    await screenshot(browser, join(outDir, 'i14-designer-preview-de.png'));
    await browser.$('[data-testid="designer-cancel"]').click();
    const discard = await browser.$('[data-testid="designer-discard"]');
    if (await discard.isExisting()) await discard.click();
    await browser.$('[data-testid="designer"]').waitForDisplayed({ reverse: true, timeout: 5_000 });
  });

  it('fits the variants table with its setup column into the detail pane, in German and in English', async () => {
    for (const lang of ['de', 'en'] as const) {
      await browser.$(`[data-testid="lang-${lang}"]`).click();
      const search = await browser.$('[data-testid="catalog-search"]');
      await search.click();
      await browser.keys([Key.Ctrl, 'a']);
      await browser.keys([Key.Backspace]);
      // (WebDriver's typing drops the second of two equal characters in a row: "SVC-WAAS" would arrive as "SVC-WAS".)
      await browser.keys('Workplace as'.split(''));
      await browser.waitUntil(
        async () =>
          browser.execute(() => {
            const row = Array.from(document.querySelectorAll<HTMLElement>('[data-testid="catalog-row"]')).find(
              (r) => (r.querySelector('.name')?.textContent ?? '').trim() === 'Workplace as a Service',
            );
            row?.click();
            return row !== undefined;
          }),
        { timeout: 5_000, timeoutMsg: 'the search finds Workplace as a Service' },
      );
      const table = await browser.$('[data-testid="item-detail"] table.variants');
      await table.waitForDisplayed({ timeout: 5_000 });
      const fit = await browser.execute(() => {
        const t = document.querySelector('[data-testid="item-detail"] table.variants') as HTMLElement;
        const last = t.querySelector('thead th:last-child') as HTMLElement;
        // The nearest box that clips or scrolls the detail.
        let box: HTMLElement | null = t.parentElement;
        while (box && getComputedStyle(box).overflowX === 'visible' && getComputedStyle(box).overflowY === 'visible') box = box.parentElement;
        const clip = (box ?? document.body).getBoundingClientRect();
        return {
          header: (last.textContent ?? '').trim(),
          lastRight: last.getBoundingClientRect().right,
          tableRight: t.getBoundingClientRect().right,
          clipRight: clip.right,
          scrolls: box ? box.scrollWidth > box.clientWidth : false,
        };
      });
      expect(fit.header).toBe(lang === 'de' ? 'Einrichtung' : 'Setup');
      expect(fit.lastRight).toBeLessThanOrEqual(fit.clipRight);
      expect(fit.tableRight).toBeLessThanOrEqual(fit.clipRight);
      expect(fit.scrolls).toBe(false);
      await screenshot(browser, join(outDir, `i14-designer-variants-table-${lang}.png`));
    }
  });
});
