// What fits a booking (issue 14, items 1 and 3): the kinds of context the
// booking dialog books into (its picker marks the items that do not fit them,
// with where they are booked instead), the workplaces a plan creates, and the
// answer to "which workplace?" for employees who have several.
import type { BookingContext, ContextRef, ContextSelector, CustomerStructure, PickFit, RequestProblem } from './bindings';
import { translate, type Lang } from './i18n';

/** The kinds of context a booking goes into: the target's, or employees for a group of them. */
export function bookingInto(scope: 'this' | 'location' | 'department' | 'all', target: ContextRef): BookingContext[] {
  return [scope === 'this' ? target.context : 'employee'];
}

/**
 * Why a picked item cannot be booked here, in `lang` ("booked for: workplaces,
 * employees"); `null` when it fits or nobody asked.
 */
export function fitReason(fit: PickFit | null | undefined, lang: Lang): string | null {
  if (!fit || fit.fits) return null;
  if (fit.booked_for.length === 0) return translate(lang, 'picker.notBookableYet');
  return translate(lang, 'picker.bookedFor', {
    contexts: fit.booked_for.map((c) => translate(lang, `contexts.${c}`)).join(', '),
  });
}

/** An employee's name, or their id when the structure does not have them. */
function employeeName(structure: CustomerStructure, id: number): string {
  return structure.employees.find((e) => e.id === id)?.name ?? `#${id}`;
}

/**
 * The name of the context a plan line lands in, in `lang`: a workplace the plan
 * creates (its id is the employee's, negated) reads "New workplace (Tom Berger)",
 * customer-wide is translated, other contexts are named as the core names them.
 */
export function planContextName(context: ContextRef, coreLabel: string, structure: CustomerStructure, lang: Lang): string {
  if (context.context === 'workplace' && context.id < 0) {
    return translate(lang, 'bk.newWorkplaceOf', { name: employeeName(structure, -context.id) });
  }
  if (context.context === 'global') return translate(lang, 'context.global');
  return coreLabel;
}

/** An employee the core asks "which workplace?", with the workplaces to choose from. */
export interface WorkplaceQuestion {
  employeeId: number;
  employee: string;
  workplaces: { id: number; name: string }[];
}

/** The `which_workplace` refusals among `reasons`, each with the employee's workplaces (once per employee). */
export function workplaceQuestions(reasons: readonly RequestProblem[], structure: CustomerStructure): WorkplaceQuestion[] {
  const questions: WorkplaceQuestion[] = [];
  for (const { refusal } of reasons) {
    if (refusal.reason !== 'which_workplace' || refusal.employee_id == null) continue;
    const id = refusal.employee_id;
    if (questions.some((q) => q.employeeId === id)) continue;
    questions.push({
      employeeId: id,
      employee: refusal.employee,
      workplaces: structure.workplaces.filter((w) => w.employee_id === id).map((w) => ({ id: w.id, name: w.name })),
    });
  }
  return questions;
}

/** The employees a selector names, as the core expands it (`booking::plan::expand`). */
function employeesOf(selector: ContextSelector, structure: CustomerStructure): number[] | null {
  if (selector === 'all_employees') return structure.employees.map((e) => e.id);
  if ('employees_of_location' in selector) {
    const id = selector.employees_of_location;
    return structure.employees.filter((e) => e.location_id === id).map((e) => e.id);
  }
  if ('employees_of_department' in selector) {
    const name = selector.employees_of_department;
    return structure.employees.filter((e) => (e.department ?? '') === name).map((e) => e.id);
  }
  return null;
}

/**
 * The selector with the workplaces chosen for some employees (employee id →
 * workplace id): those employees are booked into that workplace, the others as
 * before, all named one by one. Without a choice that concerns it, the selector
 * stays as it was.
 */
export function withChosenWorkplaces(
  selector: ContextSelector,
  structure: CustomerStructure,
  chosen: Readonly<Record<number, number>>,
): ContextSelector {
  const owned = (employee: number) => {
    const workplace = chosen[employee];
    return workplace != null && structure.workplaces.some((w) => w.id === workplace && w.employee_id === employee) ? workplace : null;
  };
  const contexts: ContextRef[] =
    typeof selector === 'object' && 'contexts' in selector
      ? selector.contexts
      : (employeesOf(selector, structure) ?? []).map((id) => ({ context: 'employee', id }));
  let changed = false;
  const named = contexts.map((c): ContextRef => {
    if (c.context !== 'employee') return c;
    const workplace = owned(c.id);
    if (workplace == null) return c;
    changed = true;
    return { context: 'workplace', id: workplace };
  });
  return changed ? { contexts: named } : selector;
}
