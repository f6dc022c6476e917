// A database the app must not touch: the window opens and says why, and the
// file is left exactly as it was.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outDir, screenshot, startApp, type Session } from './harness';

const notes = 'these are my notes, not a database\n'.repeat(200);
let session: Session;
let dbPath: string;

beforeAll(async () => {
  session = await startApp(4446, (path) => {
    dbPath = path;
    writeFileSync(path, notes);
  });
});

afterAll(async () => {
  await session?.stop();
});

describe('a file that is not a Servicefolio database', () => {
  it('is refused with the reason, in the window', async () => {
    const message = await session.browser.$('[data-testid="fatal-error"]');
    await message.waitForDisplayed({ timeout: 10_000 });
    const text = await session.browser.execute(
      () => document.querySelector('[data-testid="fatal-error"]')?.textContent ?? '',
    );
    expect(text).toContain('cannot open its database');
    expect(text).toContain('is not a Servicefolio database');
    expect(text).toContain(dbPath);
    await screenshot(session.browser, join(outDir, 'refused-database.png'));
  });

  it('is left untouched', () => {
    expect(readFileSync(dbPath, 'utf8')).toBe(notes);
  });
});
