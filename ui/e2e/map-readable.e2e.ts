// The full model map of a catalog with 100 more services (issue 14, item 8), in
// the real window at 1280×800: fitted, the cards' names are drawn at a readable
// size (the view is panned rather than shrunk); the search on the map finds a
// service by name or code, centres and outlines it; in English and in German.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Key } from 'webdriverio';
import { app, outDir, screenshot, startApp, type Session } from './harness';

/** The least size, in CSS pixels, a card's name may be drawn at in the fitted view. */
const READABLE_PX = 11;
const GENERATED = 100;
const CATEGORIES = ['Workplace', 'Security', 'Cloud', 'Communication', 'Backup'];

let session: Session;
let browser: WebdriverIO.Browser;

/** How a card is drawn: its name's font size on screen and its middle against the map's. */
function cardPlace(code: string) {
  return browser.execute((c: string) => {
    const card = document.querySelector<HTMLElement>(`[data-testid="map-node"][data-code="${c}"]`);
    const map = document.querySelector<HTMLElement>('[data-testid="model-map"]');
    if (!card || !map) return null;
    const name = card.querySelector<HTMLElement>('.name') as HTMLElement;
    const scale = card.getBoundingClientRect().width / card.offsetWidth;
    const r = card.getBoundingClientRect();
    const m = map.getBoundingClientRect();
    return {
      fontPx: parseFloat(getComputedStyle(name).fontSize) * scale,
      dx: r.left + r.width / 2 - (m.left + m.width / 2),
      dy: r.top + r.height / 2 - (m.top + m.height / 2),
      found: card.dataset['found'] === 'true',
    };
  }, code);
}

beforeAll(async () => {
  session = await startApp(4640, (db) => {
    const run = (...args: string[]) => execFileSync(app, ['--db', db, ...args], { encoding: 'utf8' }).trim();
    // The demo portfolio, exported, gives a real service to copy a hundred times.
    const file = join(db, '..', 'hundred.servicefolio.json');
    run('export', '--out', file);
    const portfolio = JSON.parse(readFileSync(file, 'utf8'));
    const model = portfolio.catalog.services.find((s: { code: string }) => s.code === 'SVC-BACKUP');
    const services = Array.from({ length: GENERATED }, (_, i) => {
      const n = String(i + 1).padStart(3, '0');
      return { ...model, code: `SVC-GEN-${n}`, name: `Generated service ${n}`, category: CATEGORIES[i % CATEGORIES.length] };
    });
    writeFileSync(file, JSON.stringify({ ...portfolio, catalog: { services } }));
    run('import', file);
  });
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

describe('a readable map of a big catalog', () => {
  it('draws the names of 100+ services at a readable size when fitted', async () => {
    await browser.$('[data-testid="nav-map"]').click();
    await browser.$('[data-testid="map-node"][data-code="SVC-GEN-001"]').waitForExist({ timeout: 15_000 });
    const count = await browser.execute(
      () => document.querySelectorAll('[data-testid="map-node"][data-kind="service"]').length,
    );
    expect(count).toBeGreaterThanOrEqual(GENERATED);
    await browser.pause(500);
    // The first generated service stands near the top: drawn at the fitted zoom.
    const first = await cardPlace('SVC-GEN-001');
    expect(first).not.toBeNull();
    expect(first!.fontPx).toBeGreaterThanOrEqual(READABLE_PX - 0.05);
    // The fit button keeps that size too.
    await browser.$('[data-testid="map-fit"]').click();
    await browser.pause(500);
    expect((await cardPlace('SVC-GEN-001'))!.fontPx).toBeGreaterThanOrEqual(READABLE_PX - 0.05);
    await screenshot(browser, join(outDir, 'i14-map-100-en.png'));
  });

  it('finds a service by name, centres and outlines it', async () => {
    const search = await browser.$('[data-testid="map-search"]');
    await search.click();
    // Two words, in lower case. (WebDriver's typing here drops the second of two equal
    // keys in a row, even two spaces a word apart: one space, no doubled letter.)
    await browser.keys('service 086'.split(''));
    const hit = await browser.$('[data-testid="map-search-result"][data-code="SVC-GEN-086"]');
    await hit.waitForDisplayed({ timeout: 5_000 });
    const listed = await browser.execute(() =>
      Array.from(document.querySelectorAll<HTMLElement>('[data-testid="map-search-result"]'), (e) => e.dataset['code']),
    );
    expect(listed).toEqual(['SVC-GEN-086']);
    await browser.keys([Key.Enter]);
    await browser.waitUntil(
      async () => {
        const place = await cardPlace('SVC-GEN-086');
        // The move ends where it should: the card in the middle, drawn readably.
        return (
          place !== null && place.found && Math.abs(place.dx) < 30 && Math.abs(place.dy) < 30 && place.fontPx >= READABLE_PX - 0.05
        );
      },
      { timeout: 5_000, timeoutMsg: 'SVC-GEN-086 is outlined in the middle of the map' },
    );
    expect((await cardPlace('SVC-GEN-086'))!.fontPx).toBeGreaterThanOrEqual(READABLE_PX - 0.05);
    await screenshot(browser, join(outDir, 'i14-map-search-en.png'));
  });

  it('finds by code in German, and says so when nothing matches', async () => {
    await browser.$('[data-testid="lang-de"]').click();
    const search = await browser.$('[data-testid="map-search"]');
    expect(await search.getAttribute('placeholder')).toBe('Name oder Code suchen…');
    await search.click();
    await browser.keys([Key.Ctrl, 'a']);
    await browser.keys([Key.Backspace]);
    await browser.keys('nichts-dergleichen'.split(''));
    await browser.waitUntil(
      async () =>
        (await browser.execute(() => document.querySelector('[data-testid="map-search-results"]')?.textContent ?? '')).includes(
          'Nichts auf der Karte passt',
        ),
      { timeout: 5_000, timeoutMsg: 'the search says it found nothing' },
    );
    await browser.keys([Key.Ctrl, 'a']);
    await browser.keys([Key.Backspace]);
    await browser.keys('svc-gen-012'.split(''));
    const hit = await browser.$('[data-testid="map-search-result"][data-code="SVC-GEN-012"]');
    await hit.waitForDisplayed({ timeout: 5_000 });
    await hit.click();
    await browser.waitUntil(
      async () => {
        const place = await cardPlace('SVC-GEN-012');
        // The move ends where it should: the card in the middle, drawn readably.
        return (
          place !== null && place.found && Math.abs(place.dx) < 30 && Math.abs(place.dy) < 30 && place.fontPx >= READABLE_PX - 0.05
        );
      },
      { timeout: 5_000, timeoutMsg: 'SVC-GEN-012 is outlined in the middle of the map' },
    );
    await screenshot(browser, join(outDir, 'i14-map-search-de.png'));
    await browser.$('[data-testid="map-fit"]').click();
    await browser.pause(500);
    await screenshot(browser, join(outDir, 'i14-map-100-de.png'));
    await browser.$('[data-testid="lang-en"]').click();
  });
});
