// What every designer field reads from the form around it: the rule violations
// and the input errors at its path. Set once by Designer.svelte.
import { getContext, setContext } from 'svelte';
import type { RuleViolation } from '../../lib/bindings';

export interface DesignerContext {
  /** The rule violations of the edited item at exactly this path (none while the input itself is invalid). */
  violations(path: string): RuleViolation[];
  /** What the draft may be saved with but its author should know, at exactly this path (texts). */
  warnings(path: string): string[];
  /** Why the text of this input cannot be sent, if it cannot. */
  inputError(path: string): string | undefined;
  /** Codes pickers leave out: the item itself. */
  selfCodes(): (string | null)[];
  /** The locale amounts are previewed in. */
  locale(): string;
  /** Moves the focus to the field with this path once the DOM has caught up (after adding an entry). */
  focus(path: string): void;
}

const KEY = Symbol('servicefolio-designer');

export function setDesignerContext(context: DesignerContext): void {
  setContext(KEY, context);
}

export function getDesignerContext(): DesignerContext {
  const context = getContext<DesignerContext | undefined>(KEY);
  if (!context) throw new Error('designer fields must be inside Designer.svelte');
  return context;
}

/**
 * Where a field's label goes: beside it in a two-column grid, above it, or only
 * to assistive technology (in table-like rows).
 */
export type Layout = 'grid' | 'stacked' | 'inline';
