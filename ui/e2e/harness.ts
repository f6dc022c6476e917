// Starts tauri-driver and a WebDriver session on the real app with a fresh
// temporary database; stops both afterwards (SIGTERM, so WebKitWebDriver exits too).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Key, remote } from 'webdriverio';

export const app = required('SERVICEFOLIO_APP');
export const outDir = required('SERVICEFOLIO_E2E_OUT');
const tauriDriver = required('TAURI_DRIVER');

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the end-to-end tests with scripts/e2e.sh`);
  return value;
}

export interface Session {
  browser: WebdriverIO.Browser;
  dir: string;
  stop: () => Promise<void>;
}

/** Runs the headless CLI on its own database and parses its JSON output. */
export function cli<T>(dir: string, ...args: string[]): T {
  const out = execFileSync(app, ['--db', join(dir, 'cli.db'), ...args, '--json'], { encoding: 'utf8' });
  return JSON.parse(out) as T;
}

async function waitForDriver(port: number, driver: ChildProcess): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (driver.exitCode !== null) throw new Error(`tauri-driver exited with ${driver.exitCode}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/status`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('tauri-driver did not start within 20 s');
}

/**
 * Starts the app on `app.db` in a new temporary directory; `prepare` may put a
 * file there first (to open the app on a database it must refuse, say).
 * `configHome` keeps the app's config (the remembered window) in a folder of the
 * test's own, to start it again where it was left.
 */
export async function startApp(basePort = 4444, prepare?: (dbPath: string) => void, configHome?: string): Promise<Session> {
  // Several checkouts on one machine run their e2e tests side by side, each with its own offset.
  const port = basePort + Number(process.env.SERVICEFOLIO_E2E_PORT_OFFSET ?? 0);
  const dir = mkdtempSync(join(tmpdir(), 'servicefolio-e2e-'));
  prepare?.(join(dir, 'app.db'));
  // Each app starts with its own web storage (the UI language, remembered names)
  // and its own config (the remembered window size and position): what one test
  // file chose never leaks into the next, whatever order they run in.
  const driver = spawn(tauriDriver, ['--port', String(port), '--native-port', String(port + 1)], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, XDG_DATA_HOME: join(dir, 'data'), XDG_CONFIG_HOME: configHome ?? join(dir, 'config') },
  });
  try {
    await waitForDriver(port, driver);
    const browser = await remote({
      hostname: '127.0.0.1',
      port,
      logLevel: 'warn',
      capabilities: {
        'tauri:options': { application: app, args: ['--db', join(dir, 'app.db')] },
      } as WebdriverIO.Capabilities,
    });
    const stop = async () => {
      await browser.deleteSession().catch(() => undefined);
      // The app and its web process may still be writing their storage while
      // they exit: wait for the driver to end, and retry a removal that races
      // with a last write (ENOTEMPTY) instead of failing a green test file.
      const exited = new Promise<void>((resolve) => {
        if (driver.exitCode !== null || driver.signalCode !== null) resolve();
        else driver.once('exit', () => resolve());
      });
      driver.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      try {
        rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
      } catch (error) {
        // A web process that outlives its driver may still write there; a
        // temporary folder left behind is no test failure.
        console.warn(`left ${dir} behind: ${String(error)}`);
      }
    };
    return { browser, dir, stop };
  } catch (error) {
    driver.kill('SIGTERM');
    throw error;
  }
}

/** Takes a screenshot once the page has painted what the DOM now holds. */
export async function screenshot(browser: WebdriverIO.Browser, path: string): Promise<Buffer> {
  // WebKit's snapshot shows the last painted frame; wait for two more.
  await browser.executeAsync((done: () => void) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
  return browser.saveScreenshot(path);
}

/**
 * Chooses an item in an item picker as a person would: types `search` (the
 * item's code unless given), clicks the item with that code among the results,
 * and waits until the picker holds it.
 */
export async function pickItem(browser: WebdriverIO.Browser, selector: string, code: string, search = code): Promise<void> {
  const input = await browser.$(selector);
  await input.waitForDisplayed({ timeout: 5_000 });
  await input.click();
  // Typed over what the field shows (no WebDriver clear, which blurs the field).
  await browser.keys([Key.Ctrl, 'a']);
  await browser.keys([Key.Backspace]);
  await input.addValue(search);
  // The answer to what was typed, not an earlier one (its rows are about to be replaced).
  await browser.$(`[role="listbox"][aria-busy="false"][data-text="${search}"]`).waitForExist({
    timeout: 10_000,
    timeoutMsg: `the picker answered "${search}"`,
  });
  const option = await browser.$(`[role="listbox"] [role="option"][data-code="${code}"]`);
  await option.waitForDisplayed({ timeout: 10_000, timeoutMsg: `the picker offers ${code} for "${search}"` });
  await option.click();
  await browser.waitUntil(async () => (await input.getAttribute('data-code')) === code, {
    timeout: 5_000,
    timeoutMsg: `${code} is chosen`,
  });
}
