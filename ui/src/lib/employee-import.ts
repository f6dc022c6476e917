// Helpers for the employee import dialog: what a preview report allows and how
// its outcome is worded.
import type { EmployeeImportReport, RowProblem } from './bindings';
import { translate, type Lang } from './i18n';

/** Rows that would be imported: those without any problem. */
export function importableRows(report: EmployeeImportReport): number {
  const bad = new Set(report.problems.map((p) => p.line));
  return Math.max(0, report.rows - bad.size);
}

/** Import is possible when some row is good and, unless bad rows are skipped, none is bad. */
export function canImport(report: EmployeeImportReport | null, skipBadRows: boolean): boolean {
  if (!report || importableRows(report) === 0) return false;
  return skipBadRows || report.problems.length === 0;
}

/** "line 4 · email: ..." */
export function problemText(problem: RowProblem, lang: Lang): string {
  return translate(lang, 'import.problem', { line: problem.line, field: problem.field, message: problem.message });
}

/** The toast after an import. */
export function importedText(report: EmployeeImportReport, lang: Lang): string {
  const employees = translate(lang, 'import.employees', { count: report.created });
  if (report.new_locations.length === 0) return translate(lang, 'import.doneNoLocations', { employees });
  return translate(lang, 'import.done', { employees, locations: report.new_locations.join(', ') });
}
