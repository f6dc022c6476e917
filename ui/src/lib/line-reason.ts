// Why a line of a booking plan is there, said in the UI's language from the
// line's typed reason (the core's `explanation` is English, for logs).
import type { PlanLine } from './bindings';
import { contextLabel } from './booking';
import { translate, type Lang } from './i18n';

/** "required by Managed365 (customer-wide)", "verpflichtend mit Lenovo ThinkPad"; null for a requested line. */
export function lineReasonText(line: Pick<PlanLine, 'reason' | 'context' | 'context_label'>, lang: Lang): string | null {
  const reason = line.reason;
  switch (reason.why) {
    case 'requested':
      return null;
    case 'prerequisite':
      if (reason.scope === 'customer') return translate(lang, 'reason.prerequisite.customer', { of: reason.of });
      return translate(lang, 'reason.prerequisite.same_context', {
        of: reason.of,
        where: line.context.context === 'global' ? contextLabel('global', lang) : line.context_label,
      });
    case 'mandatory':
      return translate(lang, 'reason.mandatory', { with: reason.with });
    case 'optional':
      return translate(lang, 'reason.optional', { with: reason.with });
  }
}

/** Where a line lands, once: its context's name, or "Customer-wide" (the core's label for it is English). */
export function lineContextName(line: Pick<PlanLine, 'context' | 'context_label'>, lang: Lang): string {
  return line.context.context === 'global' ? contextLabel('global', lang) : line.context_label;
}
