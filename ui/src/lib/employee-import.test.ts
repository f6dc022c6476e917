import { describe, expect, it } from 'vitest';
import type { EmployeeImportReport } from './bindings';
import { canImport, importableRows, importedText, problemText } from './employee-import';

function report(over: Partial<EmployeeImportReport> = {}): EmployeeImportReport {
  return { rows: 2, created: 0, new_locations: [], problems: [], preview: [], ...over };
}

const emailProblem = { line: 3, field: 'email', message: '"not-an-email" is not an e-mail address' };

describe('employee import', () => {
  it('counts the rows without problems, a row with two problems once', () => {
    expect(importableRows(report())).toBe(2);
    const name = { line: 3, field: 'name', message: 'the name is empty' };
    expect(importableRows(report({ problems: [emailProblem, name] }))).toBe(1);
  });

  it('allows the import only with good rows and, unless skipped, no problems', () => {
    expect(canImport(null, true)).toBe(false);
    expect(canImport(report({ rows: 0 }), true)).toBe(false);
    expect(canImport(report(), false)).toBe(true);
    expect(canImport(report({ problems: [emailProblem] }), false)).toBe(false);
    expect(canImport(report({ problems: [emailProblem] }), true)).toBe(true);
    expect(canImport(report({ rows: 1, problems: [emailProblem] }), true)).toBe(false);
  });

  it('words problems and the outcome', () => {
    expect(problemText(emailProblem, 'en')).toBe('line 3 · email: "not-an-email" is not an e-mail address');
    expect(importedText(report({ created: 1, new_locations: ['Berlin'] }), 'en')).toBe('Imported 1 employee; new locations: Berlin.');
    expect(importedText(report({ created: 3 }), 'en')).toBe('Imported 3 employees.');
    expect(problemText(emailProblem, 'de')).toBe('Zeile 3 · email: "not-an-email" is not an e-mail address');
    expect(importedText(report({ created: 1, new_locations: ['Berlin', 'Köln'] }), 'de')).toBe('1 Mitarbeiter importiert; neue Standorte: Berlin, Köln.');
    expect(importedText(report({ created: 2 }), 'de')).toBe('2 Mitarbeiter importiert.');
  });
});
