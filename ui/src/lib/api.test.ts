import { describe, expect, it } from 'vitest';
import { CommandError, detailsText, errorMessage, setErrorLanguage, unwrap } from './api';

describe('unwrap', () => {
  it('returns the data of a success', async () => {
    await expect(unwrap(Promise.resolve({ status: 'ok' as const, data: 42 }))).resolves.toBe(42);
  });

  it('throws a typed CommandError for a typed refusal', async () => {
    const details = { type: 'invalid_input' as const, field: 'name', reason: 'must not be empty' };
    const refused = unwrap(
      Promise.resolve({ status: 'error' as const, error: { kind: 'invalid_input' as const, message: 'name: must not be empty', details } }),
    );
    await expect(refused).rejects.toBeInstanceOf(CommandError);
    await expect(refused).rejects.toMatchObject({ kind: 'invalid_input', message: 'name: must not be empty', details });
  });

  it('keeps the structured details of a refusal', async () => {
    const check = { file_name: 'f.csv', source: 'acme', catalog: 'csv', would_discontinue: 3, active: 10, rows_read: 7, reasons: [{ kind: 'more_than_a_tenth' as const }] };
    const refused = unwrap(
      Promise.resolve({ status: 'error' as const, error: { kind: 'would_discontinue' as const, message: 'f.csv would discontinue 3', details: { type: 'would_discontinue' as const, check } } }),
    );
    await expect(refused).rejects.toMatchObject({ kind: 'would_discontinue', details: { type: 'would_discontinue', check } });
  });

  it('keeps the message of arguments Tauri could not decode', async () => {
    const refused = unwrap(Promise.resolve({ status: 'error' as const, error: 'invalid args `draft`: 12.3.4 is not a decimal' as never }));
    await expect(refused).rejects.toThrow('invalid args `draft`: 12.3.4 is not a decimal');
  });
});

describe('errorMessage', () => {
  const full = new CommandError({
    kind: 'file',
    message: 'cannot write /home/anna/offer.pdf: the disk is full',
    details: { type: 'file', path: '/home/anna/offer.pdf', action: 'write', problem: 'disk_full', reason: 'the disk is full' },
  });

  it('says a file error in the UI language, from its details', () => {
    setErrorLanguage(() => 'de');
    expect(errorMessage(full)).toBe('/home/anna/offer.pdf kann nicht geschrieben werden: der Datenträger ist voll');
    setErrorLanguage(() => 'en');
    expect(errorMessage(full)).toBe('cannot write /home/anna/offer.pdf: the disk is full');
  });

  it('says a change refused during an import in the UI language, from its kind', () => {
    const refused = new CommandError({ kind: 'import_running', message: 'an import is running: …', details: null });
    setErrorLanguage(() => 'de');
    expect(errorMessage(refused)).toMatch(/^Ein Import läuft/);
    setErrorLanguage(() => 'en');
    expect(errorMessage(refused)).toMatch(/^An import is running/);
  });

  it('keeps what the system said for a problem it has no words for', () => {
    expect(
      detailsText(
        { type: 'file', path: '/x.db', action: 'open_database', problem: 'other', reason: 'disk I/O error' },
        'de',
      ),
    ).toBe('Die Datenbank /x.db kann nicht geöffnet werden: disk I/O error');
  });
});
