// The modal frame every dialog shares (components/Modal.svelte), in the real
// window: Tab stays inside the dialog, Escape closes it, and the focus goes back
// to where it was. The import wizard stands in for all dialogs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Key } from 'webdriverio';
import { startApp, type Session } from './harness';

let session: Session;
let browser: WebdriverIO.Browser;

/** Where the focus is: the test id, the label or the text of the focused element, and whether it is in the footer. */
const focused = () =>
  browser.execute(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      id: el?.getAttribute('data-testid') ?? el?.getAttribute('aria-label') ?? el?.textContent?.trim() ?? '',
      inDialog: el?.closest('[role="dialog"]') !== null,
      inFooter: el?.closest('[role="dialog"] footer') !== null,
    };
  });

beforeAll(async () => {
  session = await startApp(4456);
  browser = session.browser;
  await browser.$('[data-testid="catalog-list"]').waitForDisplayed({ timeout: 10_000 });
});

afterAll(async () => {
  await session?.stop();
});

describe('a modal dialog', () => {
  it('keeps Tab inside, closes with Escape and gives the focus back', async () => {
    // The click gives the Import button the focus; closing must give it back there,
    // not to the page's start, so the keyboard goes on where it was.
    await browser.$('[data-testid="import-open"]').click();
    await browser.$('[data-testid="import-wizard"]').waitForDisplayed({ timeout: 5_000 });
    expect(await browser.$('[data-testid="import-wizard"]').getAttribute('aria-modal')).toBe('true');
    // The wizard puts the focus on its path field.
    await browser.waitUntil(async () => (await focused()).id === 'import-path', { timeout: 5_000, timeoutMsg: 'the path field has the focus' });

    // Shift+Tab: the close button in the header, the first control; once more
    // wraps to the last one, Close in the footer (Next is disabled), not to the
    // catalog behind the backdrop.
    await browser.keys([Key.Shift, Key.Tab]);
    expect(await focused()).toMatchObject({ inDialog: true, inFooter: false });
    await browser.keys([Key.Shift, Key.Tab]);
    expect(await focused()).toMatchObject({ inDialog: true, inFooter: true });
    // Tab from there wraps back to the first control.
    await browser.keys([Key.Tab]);
    expect(await focused()).toMatchObject({ inDialog: true, inFooter: false });

    await browser.keys([Key.Escape]);
    await browser.$('[data-testid="import-wizard"]').waitForExist({ reverse: true, timeout: 5_000 });
    expect(await focused()).toMatchObject({ id: 'import-open', inDialog: false });
  });
});
