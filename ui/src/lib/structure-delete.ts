// Deleting a customer, a part of its structure or an onboarding template: the
// question asked first, and when the core refuses (`in_use`), one sentence in
// the UI's language saying what blocks it and what to do, with the things in
// the way as a list to open.
import type { BlockingInstance, ContextRef, ErrorDetails, InstanceStatus } from './bindings';
import { statusLabel } from './booking';
import { translate, type Lang } from './i18n';

export type DeleteKind = 'customer' | 'location' | 'employee' | 'cloud_container' | 'workplace' | 'template';

/** What the person asked to delete. */
export interface DeleteTarget {
  kind: DeleteKind;
  id: number;
  name: string;
}

/** The structure node behind a context (none for customer-wide). */
export function deleteTarget(ref: ContextRef, name: string): DeleteTarget | null {
  return ref.context === 'global' ? null : { kind: ref.context, id: ref.id, name };
}

/** "Delete employee Aylin Demir?" and what goes with it. */
export function deleteQuestion(target: DeleteTarget, lang: Lang): { title: string; body: string } {
  const title = translate(lang, `del.title.${target.kind}`, { name: target.name });
  const body =
    target.kind === 'customer'
      ? translate(lang, 'del.body.customer')
      : target.kind === 'employee'
        ? translate(lang, 'del.body.employee')
        : translate(lang, 'del.body.other');
  return { title, body };
}

/** A refused delete: one sentence, and the list behind "Show the 3 services". */
export interface DeleteRefusal {
  sentence: string;
  /** The label of the list to open; null when there is nothing to list. */
  show: string | null;
  list: string[];
}

/** What the view knows that the refusal's details do not carry. */
export interface DeleteFacts {
  /** Employees working at the location to delete. */
  employeesAt: readonly string[];
  /** Onboarding templates for the location to delete. */
  templatesFor: readonly string[];
}

const ENDED: readonly InstanceStatus[] = ['cancelled', 'retired'];

/** "Managed365 #12 · active · Aylin Demir" */
function instanceLine(i: BlockingInstance, lang: Lang, contextName: (ref: ContextRef) => string | null): string {
  const where = contextName(i.context);
  return [`${i.item} #${i.id}`, statusLabel(i.status, lang), where].filter((part) => part).join(' · ');
}

/**
 * Why the core refused to delete `target`, worded from the refusal's typed
 * details (never its English message). Instances come first: they are what a
 * person has to act on; a location's employees and templates after.
 */
export function deleteRefusal(
  target: DeleteTarget,
  details: ErrorDetails | null,
  facts: DeleteFacts,
  lang: Lang,
  contextName: (ref: ContextRef) => string | null = () => null,
): DeleteRefusal {
  const name = target.name;
  const instances = details?.type === 'in_use' ? details.instances : [];
  if (instances.length > 0) {
    const running = instances.some((i) => !ENDED.includes(i.status));
    return {
      sentence: translate(lang, running ? 'del.holdsRunning' : 'del.holdsEnded', { name, count: instances.length }),
      show: translate(lang, 'del.showServices', { count: instances.length }),
      list: instances.map((i) => instanceLine(i, lang, contextName)),
    };
  }
  if (target.kind === 'location' && facts.employeesAt.length > 0) {
    return {
      sentence: translate(lang, 'del.employeesThere', { name, count: facts.employeesAt.length }),
      show: translate(lang, 'del.showEmployees', { count: facts.employeesAt.length }),
      list: [...facts.employeesAt],
    };
  }
  if (target.kind === 'location' && facts.templatesFor.length > 0) {
    return {
      sentence: translate(lang, 'del.templatesFor', { name, count: facts.templatesFor.length }),
      show: translate(lang, 'del.showTemplates', { count: facts.templatesFor.length }),
      list: [...facts.templatesFor],
    };
  }
  return { sentence: translate(lang, 'del.inUse', { name }), show: null, list: [] };
}
