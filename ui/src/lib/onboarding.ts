// Pure helpers for onboarding templates: which templates an employee gets, how a
// booking request becomes a template step, and how templates are described.
import type { BookingRequest, CustomerStructure, Employee, Template, TemplateRecord, TemplateScope, TemplateStep } from './bindings';
import { translate, type Lang } from './i18n';

/** The step a booking request would add to a template (its contexts are the new employee's). */
export function stepFromRequest(request: BookingRequest): TemplateStep {
  return {
    item: request.item,
    variant: request.variant ?? null,
    options: [...(request.options ?? [])],
    offer_type: request.offer_type,
    quantity: request.quantity,
    include_optional: [...(request.include_optional ?? [])],
  };
}

/** The template with one more step; a step booking the same item and variant replaces the old one. */
export function withStep(record: TemplateRecord, step: TemplateStep): TemplateRecord {
  const same = (s: TemplateStep) => s.item === step.item && (s.variant ?? null) === (step.variant ?? null);
  const steps = record.steps.some(same) ? record.steps.map((s) => (same(s) ? step : s)) : [...record.steps, step];
  return { ...record, steps };
}

/** Whether a template applies to the employee (their department or their location). */
export function appliesTo(template: Pick<Template, 'scope'>, employee: Pick<Employee, 'department' | 'location_id'>): boolean {
  const scope = template.scope;
  if ('department' in scope) return scope.department === (employee.department ?? '');
  return employee.location_id != null && scope.location === employee.location_id;
}

/** "Department Sales", "Location Berlin" (or the id when the location is gone). */
export function scopeLabel(scope: TemplateScope, structure: Pick<CustomerStructure, 'locations'>, lang: Lang): string {
  if ('department' in scope) return translate(lang, 'scope.department', { name: scope.department });
  const location = structure.locations.find((l) => l.id === scope.location);
  return translate(lang, 'scope.location', { name: location?.name ?? `#${scope.location}` });
}

/** Every scope a template can have for this customer: its departments (sorted, distinct), then its locations. */
export function scopeChoices(structure: Pick<CustomerStructure, 'locations' | 'employees'>, lang: Lang): { key: string; label: string; scope: TemplateScope }[] {
  const departments = [...new Set(structure.employees.map((e) => e.department ?? '').filter((d) => d.trim() !== ''))].sort((a, b) =>
    a.localeCompare(b),
  );
  return [
    ...departments.map((d) => ({ key: `department:${d}`, label: translate(lang, 'scope.department', { name: d }), scope: { department: d } as TemplateScope })),
    ...structure.locations.map((l) => ({ key: `location:${l.id}`, label: translate(lang, 'scope.location', { name: l.name }), scope: { location: l.id } as TemplateScope })),
  ];
}

/** The key of a scope in `scopeChoices`. */
export function scopeKey(scope: TemplateScope): string {
  return 'department' in scope ? `department:${scope.department}` : `location:${scope.location}`;
}

/** "SVC-WAAS · OFFICE ×1" for a step. */
export function stepLabel(step: TemplateStep, names: ReadonlyMap<string, string>): string {
  const name = names.get(step.item) ?? step.item;
  return `${name}${step.variant ? ` · ${step.variant}` : ''} ×${step.quantity}`;
}
