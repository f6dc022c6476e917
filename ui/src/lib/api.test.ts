import { describe, expect, it } from 'vitest';
import { CommandError, unwrap } from './api';

describe('unwrap', () => {
  it('returns the data of a success', async () => {
    await expect(unwrap(Promise.resolve({ status: 'ok' as const, data: 42 }))).resolves.toBe(42);
  });

  it('throws a typed CommandError for a typed refusal', async () => {
    const refused = unwrap(Promise.resolve({ status: 'error' as const, error: { kind: 'invalid_input' as const, message: 'name: must not be empty', details: null } }));
    await expect(refused).rejects.toBeInstanceOf(CommandError);
    await expect(refused).rejects.toMatchObject({ kind: 'invalid_input', message: 'name: must not be empty' });
  });

  it('keeps the structured details of a refusal', async () => {
    const check = { file_name: 'f.csv', source: 'acme', catalog: 'csv', would_discontinue: 3, active: 10, rows_read: 7, reasons: [{ kind: 'more_than_a_tenth' as const }] };
    const refused = unwrap(
      Promise.resolve({ status: 'error' as const, error: { kind: 'would_discontinue' as const, message: 'f.csv would discontinue 3', details: { would_discontinue: check } } }),
    );
    await expect(refused).rejects.toMatchObject({ kind: 'would_discontinue', details: { would_discontinue: check } });
  });

  it('keeps the message of arguments Tauri could not decode', async () => {
    const refused = unwrap(Promise.resolve({ status: 'error' as const, error: 'invalid args `draft`: 12.3.4 is not a decimal' as never }));
    await expect(refused).rejects.toThrow('invalid args `draft`: 12.3.4 is not a decimal');
  });
});
