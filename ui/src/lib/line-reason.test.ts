import { describe, expect, it } from 'vitest';
import type { ContextRef, LineReason } from './bindings';
import { lineContextName, lineReasonText } from './line-reason';

const at = (reason: LineReason, context: ContextRef = { context: 'employee', id: 3 }, context_label = 'Aylin Demir') => ({ reason, context, context_label });

describe('why a plan line is there', () => {
  it('is said in the UI language from the typed reason, not the English explanation', () => {
    expect(lineReasonText(at({ why: 'requested' }), 'de')).toBeNull();
    expect(lineReasonText(at({ why: 'prerequisite', of: 'Managed365', scope: 'customer' }), 'en')).toBe('required by Managed365 (customer-wide)');
    expect(lineReasonText(at({ why: 'prerequisite', of: 'Managed365', scope: 'customer' }), 'de')).toBe('benötigt von Managed365 (kundenweit)');
    expect(lineReasonText(at({ why: 'prerequisite', of: 'VM', scope: 'same_context' }, { context: 'cloud_container', id: 1 }, 'ERP'), 'de')).toBe('benötigt von VM in ERP');
    expect(lineReasonText(at({ why: 'mandatory', with: 'Lenovo ThinkPad T14' }), 'de')).toBe('verpflichtend mit Lenovo ThinkPad T14');
    expect(lineReasonText(at({ why: 'mandatory', with: 'Lenovo ThinkPad T14' }), 'en')).toBe('mandatory with Lenovo ThinkPad T14');
    expect(lineReasonText(at({ why: 'optional', with: 'Notebook' }), 'de')).toBe('optional zu Notebook, hinzugenommen');
  });

  it('names a customer-wide line once, in the UI language', () => {
    expect(lineContextName({ context: { context: 'global' }, context_label: 'customer-wide' }, 'de')).toBe('Kundenweit');
    expect(lineContextName({ context: { context: 'global' }, context_label: 'customer-wide' }, 'en')).toBe('Customer-wide');
    expect(lineContextName({ context: { context: 'location', id: 2 }, context_label: 'Hamburg HQ' }, 'de')).toBe('Hamburg HQ');
  });
});
