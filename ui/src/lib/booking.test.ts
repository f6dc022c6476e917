import { describe, expect, it } from 'vitest';
import type { LineTerms } from './bindings';
import {
  contextLabel,
  offerLabel,
  statusAction,
  statusLabel,
  centsToString,
  contextKey,
  lineAmounts,
  nextStatuses,
  planTotals,
  roundToCents,
  splitReasons,
  toScaled,
  toggle,
  unitPrice,
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

  it('splits the reasons of a refused request', () => {
    expect(splitReasons('unknown item X; quantity must be positive')).toEqual(['unknown item X', 'quantity must be positive']);
    expect(splitReasons('one')).toEqual(['one']);
    expect(splitReasons('the booking request cannot be planned: Workplace as a Service: Support level needs a choice; x')).toEqual([
      'Workplace as a Service: Support level needs a choice',
      'x',
    ]);
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
