import { describe, expect, it } from 'vitest';
import type { BlockingInstance, ContextRef, ErrorDetails, LineTerms, Refusal, RequestProblem } from './bindings';
import {
  contextLabel,
  heldLineCount,
  heldText,
  offerLabel,
  statusAction,
  statusLabel,
  centsToString,
  contextKey,
  lineAmounts,
  nextStatuses,
  planTotals,
  roundToCents,
  refusalText,
  requestProblems,
  requestProblemText,
  blockingText,
  dependantsText,
  toScaled,
  toggle,
  unitPrice,
  successorNote,
} from './booking';

function terms(partial: Partial<LineTerms>): LineTerms {
  return {
    offer_type: 'rental',
    currency: 'EUR',
    tax_rate: '19',
    monthly_per_unit: '0',
    one_time_per_unit: '0',
    setup_fee: '0',
    minimum_term_months: 12,
    notice_period_months: 3,
    renewal_period_months: 12,
    leasing: null,
    ...partial,
  };
}

describe('exact decimals', () => {
  it('scales decimal strings to integers', () => {
    expect(toScaled('12.5', 3)).toBe(12500n);
    expect(toScaled('-0.05', 2)).toBe(-5n);
    expect(toScaled('7', 2)).toBe(700n);
    expect(toScaled('.5', 2)).toBe(50n);
    expect(() => toScaled('abc', 2)).toThrow();
    expect(() => toScaled('1.234', 2)).toThrow();
  });

  it('rounds half away from zero', () => {
    expect(roundToCents(42775n, 3)).toBe(4278n);
    expect(roundToCents(42774n, 3)).toBe(4277n);
    expect(roundToCents(-42775n, 3)).toBe(-4278n);
    expect(roundToCents(-42774n, 3)).toBe(-4277n);
    expect(roundToCents(5n, 0)).toBe(500n);
    expect(roundToCents(123n, 2)).toBe(123n);
  });

  it('prints cents', () => {
    expect(centsToString(12345n)).toBe('123.45');
    expect(centsToString(5n)).toBe('0.05');
    expect(centsToString(-5n)).toBe('-0.05');
    expect(centsToString(0n)).toBe('0.00');
  });

  it('does not drift like floating point', () => {
    // 0.1 + 0.2 in floats is 0.30000000000000004; three lines of 0.10 are 0.30.
    const t = planTotals([
      { terms: terms({ monthly_per_unit: '0.1' }), quantity: 1 },
      { terms: terms({ monthly_per_unit: '0.2' }), quantity: 1 },
    ]);
    expect(t.monthly).toBe('0.30');
    expect(lineAmounts(terms({ monthly_per_unit: '1.005' }), 1).monthly).toBe(101n);
  });
});

describe('planTotals', () => {
  it('sums monthly × quantity per month and one-time × quantity + setup fee once', () => {
    const t = planTotals([
      { terms: terms({ monthly_per_unit: '59.00', setup_fee: '149.00' }), quantity: 2 },
      { terms: terms({ offer_type: 'purchase', one_time_per_unit: '1299.99', setup_fee: '0' }), quantity: 3 },
      { terms: terms({ offer_type: 'leasing', monthly_per_unit: '42.775' }), quantity: 1 },
    ]);
    expect(t.lines).toEqual([
      { monthly: '118.00', oneTime: '149.00' },
      { monthly: '0.00', oneTime: '3899.97' },
      { monthly: '42.78', oneTime: '0.00' },
    ]);
    expect(t.monthly).toBe('160.78');
    expect(t.oneTime).toBe('4048.97');
  });

  it('rounds once per line, not per unit', () => {
    // 3 × 0.335 = 1.005 → 1.01 (per unit it would be 3 × 0.34 = 1.02)
    expect(planTotals([{ terms: terms({ monthly_per_unit: '0.335' }), quantity: 3 }]).monthly).toBe('1.01');
  });

  it('is zero for no lines', () => {
    expect(planTotals([])).toEqual({ lines: [], monthly: '0.00', oneTime: '0.00' });
  });
});

describe('helpers', () => {
  it('lists the valid next statuses', () => {
    expect(nextStatuses('ordered')).toEqual(['provisioning', 'cancelled']);
    expect(nextStatuses('provisioning')).toEqual(['active', 'cancelled']);
    expect(nextStatuses('active')).toEqual(['cancelled', 'retired']);
    expect(nextStatuses('cancelled')).toEqual(['retired']);
    expect(nextStatuses('retired')).toEqual([]);
  });

  it('words the reasons of a refused request from their data, in either language', () => {
    // The texts differ on purpose from what the core would say: the UI never reads them.
    const choice: RequestProblem = {
      refusal: { reason: 'needs_choice', item: 'Workplace as a Service', group: 'Support level' },
      through: null,
      part: null,
      text: 'not read',
    };
    const place: RequestProblem = {
      refusal: { reason: 'context_not_allowed', item: 'Managed365', context: 'cloud_container', context_name: 'ERP', allowed: ['employee', 'workplace'] },
      through: null,
      part: null,
      text: 'not read',
    };
    const details: ErrorDetails = { type: 'invalid_request', reasons: [choice, place] };
    expect(requestProblems(details, 'en')).toEqual([
      'Workplace as a Service: Support level needs a choice',
      'Managed365 cannot be booked into cloud container ERP (it allows: employee, workplace)',
    ]);
    expect(requestProblems(details, 'de')).toEqual([
      'Workplace as a Service: Support level braucht eine Auswahl',
      'Managed365 kann nicht in Cloud-Container ERP gebucht werden (erlaubt: Mitarbeiter, Arbeitsplatz)',
    ]);
    // Other refusals have no reasons of a request.
    expect(requestProblems({ type: 'not_found', what: { said: { area: 'refusal', says: 'customer_not_found' }, values: { id: { type: 'text', value: '3' } } } }, 'en')).toBeNull();
    expect(requestProblems(null, 'en')).toBeNull();
  });

  it('says how an item came into the plan and which request it concerns', () => {
    const unpriced: RequestProblem = {
      refusal: { reason: 'unpriced', item: 'USB-C Dock' },
      through: { how: 'comes_with', item: 'ThinkPad E14' },
      part: { part: 'offer_request', number: 2 },
      text: 'not read',
    };
    expect(requestProblemText(unpriced, 'en')).toBe(
      'request 2: USB-C Dock has no price yet: it can be booked or offered once an import or the designer gives it one (it comes with ThinkPad E14)',
    );
    expect(requestProblemText(unpriced, 'de')).toBe(
      'Anfrage 2: USB-C Dock hat noch keinen Preis: es kann gebucht oder angeboten werden, sobald ein Import oder der Designer ihm einen gibt (kommt mit ThinkPad E14)',
    );
    const tenant: RequestProblem = {
      refusal: { reason: 'which_workplace', item: 'Laptop', employee: 'Anna', employee_id: 3, workplaces: 2 },
      through: { how: 'required_by', item: 'Managed365' },
      part: { part: 'onboarding_step', template: 'Sales', item: 'NB-1' },
      text: 'not read',
    };
    expect(requestProblemText(tenant, 'en')).toBe('Sales / NB-1: Anna has 2 workplaces: name the one Laptop goes into (required by Managed365)');
  });

  it('words every kind of refusal, and only the unknown ones by the core’s text', () => {
    const refusals: Refusal[] = [
      { reason: 'no_customer', customer_id: 4 },
      { reason: 'no_item', code: 'X' },
      { reason: 'quantity', quantity: 0, max: 1_000_000 },
      { reason: 'quantity', quantity: 2_000_000, max: 1_000_000 },
      { reason: 'inactive', item: 'Old', status: 'deprecated' },
      { reason: 'foreign_context', context: { context: 'employee', id: 9 }, customer: 'ACME' },
      { reason: 'no_employee' },
      { reason: 'context_not_allowed', item: 'A', context: 'global', context_name: 'customer-wide', allowed: [] },
      { reason: 'no_contexts_yet', item: 'UPS', category: 'USV', manufacturer: 'APC' },
      { reason: 'which_workplace', item: 'A', employee: 'Anna', workplaces: 2 },
      { reason: 'add_on', item: 'Setup' },
      { reason: 'product_purchased_only', item: 'Dock', offer_type: 'rental' },
      { reason: 'product_has_no_variants', item: 'Dock' },
      { reason: 'needs_variant', item: 'M365', variants: ['BASIC', 'PREMIUM'] },
      { reason: 'no_such_variant', item: 'M365', variant: 'GOLD' },
      { reason: 'no_such_option_group', item: 'M365', group: 'X' },
      { reason: 'group_not_offered', item: 'M365', variant: 'Basic', group: 'Archiving' },
      { reason: 'no_such_choice', group: 'Support', choice: 'Z' },
      { reason: 'one_choice', group: 'Support', picked: 2 },
      { reason: 'offer_type_not_offered', item: 'M365', variant: 'Basic', offer_type: 'leasing' },
      { reason: 'not_optional_link', item: 'EDR', of: 'M365' },
      { reason: 'no_template', employee: 'Anna', department: 'Sales' },
    ];
    for (const lang of ['en', 'de'] as const) {
      for (const refusal of refusals) {
        const text = refusalText(refusal, lang);
        // Every placeholder is filled: no key, no {name} left over.
        expect(text).not.toMatch(/\{\w+\}|bk\.refusal/);
      }
    }
    expect(refusalText({ reason: 'quantity', quantity: 2_000_000, max: 1_000_000 }, 'de')).toBe(
      'die Menge 2.000.000 liegt über 1.000.000, der größten Menge einer Zeile',
    );
    expect(refusalText({ reason: 'offer_type_not_offered', item: 'M365', variant: 'Basic', offer_type: 'leasing' }, 'en')).toBe(
      'M365 Basic is not offered as leasing',
    );
    expect(refusalText({ reason: 'other', text: 'M365: its price is beyond 1,000,000,000.00' }, 'de')).toBe('M365: its price is beyond 1,000,000,000.00');
  });

  it('lists the instances that keep something from being deleted', () => {
    const instances: BlockingInstance[] = [
      { id: 12, item: 'Managed365', status: 'ordered', customer_id: 1, context: { context: 'employee', id: 3 } },
      { id: 13, item: 'M365 tenant', status: 'active', customer_id: 1, context: { context: 'global' } },
    ];
    const names = (ref: ContextRef) => (ref.context === 'employee' ? 'Anna' : null);
    expect(blockingText(instances, 'en', names)).toBe('it holds 2 instances: Managed365 #12 (ordered, Anna), M365 tenant #13 (active)');
    expect(blockingText(instances.slice(0, 1), 'de')).toBe(`dort ist 1 Instanz gebucht: Managed365 #12 (${statusLabel('ordered', 'de')})`);
  });

  it('names the dependants of a basic service, and the cancel still needed before a retire', () => {
    // The core refuses with the dependants first; the UI adds where they are
    // booked and, for an active contract to retire, the rule "cancel before retire".
    const instances: BlockingInstance[] = [{ id: 12, item: 'Managed365', status: 'active', customer_id: 1, context: { context: 'employee', id: 3 } }];
    const tenant = { item_name: 'M365 tenant', status: 'active' as const, offer_type: 'rental' as const };
    const names = (ref: ContextRef) => (ref.context === 'employee' ? 'Anna' : null);
    expect(dependantsText(tenant, 'cancelled', instances, 'en', names)).toBe('M365 tenant cannot become cancelled: 1 instance depends on it: Managed365 #12 (active, Anna)');
    expect(dependantsText(tenant, 'retired', instances, 'en', names)).toBe(
      'M365 tenant cannot become retired: 1 instance depends on it: Managed365 #12 (active, Anna) Then, as it runs on a rental contract, cancel it before retiring it.',
    );
    expect(dependantsText(tenant, 'retired', instances, 'de')).toContain('als Miete läuft, zuerst kündigen');
    // A purchase needs no cancel: only the dependants.
    expect(dependantsText({ ...tenant, offer_type: 'purchase' }, 'retired', instances, 'en')).not.toContain('cancel');
  });

  it('keys contexts', () => {
    expect(contextKey({ context: 'global' })).toBe('global');
    expect(contextKey({ context: 'employee', id: 3 })).toBe('employee:3');
  });

  it('picks the unit price by offer type', () => {
    expect(unitPrice(terms({ monthly_per_unit: '5' }))).toEqual({ amount: '5', period: 'monthly' });
    expect(unitPrice(terms({ offer_type: 'purchase', one_time_per_unit: '9' }))).toEqual({ amount: '9', period: 'one_time' });
  });

  it('toggles codes', () => {
    expect(toggle(['A'], 'B', true)).toEqual(['A', 'B']);
    expect(toggle(['A', 'B'], 'A', false)).toEqual(['B']);
    expect(toggle(['A'], 'A', true)).toEqual(['A']);
  });
});

describe('labels', () => {
  it('words contexts, offer types and statuses in both languages', () => {
    expect(contextLabel('cloud_container', 'en')).toBe('Cloud container');
    expect(contextLabel('global', 'en')).toBe('Customer-wide');
    expect(contextLabel('cloud_container', 'de')).toBe('Cloud-Container');
    expect(contextLabel('employee', 'de')).toBe('Mitarbeiter');
    expect(offerLabel('rental', 'en')).toBe('Rental');
    expect(offerLabel('rental', 'de')).toBe('Miete');
    expect(offerLabel('purchase', 'de')).toBe('Kauf');
    expect(statusAction('active', 'en')).toBe('Activate');
    expect(statusAction('cancelled', 'de')).toBe('Kündigen');
    expect(statusLabel('ordered', 'en')).toBe('ordered');
    expect(statusLabel('provisioning', 'de')).toBe('in Bereitstellung');
    expect(statusLabel('retired', 'de')).toBe('außer Betrieb');
  });
});

describe('successorNote', () => {
  const successor = (code: string, name: string) => ({ code, name, kind: 'service' as const });

  it('names the successors of a deprecated item in both languages', () => {
    // The badge says what to move to; the tooltip why, and that the move is a change offer's.
    const row = { item_name: 'Managed365 2024', item_status: 'deprecated' as const, successors: [successor('SVC-M365-2026', 'Managed365 2026')] };
    expect(successorNote(row, 'en')).toEqual({
      text: 'successor available: Managed365 2026',
      hint: 'Managed365 2024 is deprecated; Managed365 2026 takes its place. Swap moves this instance over in a change offer.',
    });
    expect(successorNote(row, 'de')?.text).toBe('Nachfolger verfügbar: Managed365 2026');
    expect(successorNote(row, 'de')?.hint).toContain('Managed365 2024 ist abgekündigt');
  });

  it('lists several successors in their order and says nothing without one', () => {
    const row = {
      item_name: 'ThinkPad T14 Gen 4',
      item_status: 'discontinued' as const,
      successors: [successor('NB-X1', 'X1 Carbon'), successor('NB-T14G5', 'T14 Gen 5')],
    };
    expect(successorNote(row, 'en')?.text).toBe('successor available: X1 Carbon, T14 Gen 5');
    expect(successorNote({ ...row, successors: [] }, 'en')).toBeNull();
  });
});

describe('what a context already holds (issue 13, item 1)', () => {
  const jana = {
    context_label: 'Jana Petersen',
    item_name: 'Managed365',
    already_held: [{ instance_id: 7, variant: 'Standard', status: 'active' as const, since: '2026-02-01' }],
  };

  it('names the holder, the variant held, its status and since when, in the UI language', () => {
    // The date in the language's own form: German readers see 01.02.2026.
    expect(heldText(jana, 'en')).toBe('Jana Petersen already has Managed365 Standard, active since 1 Feb 2026');
    expect(heldText(jana, 'de')).toBe('Jana Petersen hat bereits Managed365 Standard, aktiv seit 01.02.2026');
  });

  it('says nothing for a context that holds nothing, and counts only lines that hold something', () => {
    const tom = { ...jana, context_label: 'Tom Berger', already_held: [] };
    expect(heldText(tom, 'en')).toBeNull();
    // The dialog blocks booking while this is above 0 and "add anyway" is not ticked.
    expect(heldLineCount([jana, tom])).toBe(1);
    expect(heldLineCount([tom])).toBe(0);
  });

  it('lists every instance a context holds, a product without a variant by its name', () => {
    const two = {
      context_label: 'Jana Petersen',
      item_name: 'Lenovo ThinkPad T14',
      already_held: [
        { instance_id: 1, variant: null, status: 'active' as const, since: '2026-02-01' },
        { instance_id: 2, variant: null, status: 'ordered' as const, since: '2026-07-01' },
      ],
    };
    expect(heldText(two, 'en')).toBe(
      'Jana Petersen already has Lenovo ThinkPad T14, active since 1 Feb 2026 and Lenovo ThinkPad T14, ordered since 1 Jul 2026',
    );
  });
});
