import { describe, expect, it } from 'vitest';
import type { Renewal } from './bindings';
import { daysLeftText, daysUntil, deadlineLabel, isUrgent, itemText, monthlyAtStake, offerStartFor, WINDOWS, DEFAULT_WINDOW } from './renewals';

function renewal(partial: Partial<Renewal>): Renewal {
  return {
    instance_id: 7,
    customer_id: 2,
    customer_name: 'ACME GmbH',
    context: { context: 'employee', id: 3 },
    context_label: 'Anna Schmidt',
    item_code: 'SVC-M365',
    item_name: 'Managed365',
    variant: 'Standard',
    offer_type: 'rental',
    quantity: 1,
    status: 'active',
    date: '2026-10-01',
    kind: 'notice_deadline',
    term_end: '2027-01-01',
    notice_deadline: '2026-10-01',
    monthly: '18.40',
    currency: 'EUR',
    ...partial,
  };
}

describe('renewals', () => {
  it('counts days across a change of summer time without losing one', () => {
    // 2026-10-25 is the end of summer time in Germany: a local-time count would give 16.96 days.
    expect(daysUntil('2026-11-01', '2026-10-15')).toBe(17);
    expect(daysUntil('2026-10-15', '2026-10-15')).toBe(0);
    expect(daysUntil('2027-01-01', '2026-12-31')).toBe(1);
  });

  it('says how far off a date is, in both languages', () => {
    expect(daysLeftText(0, 'en')).toBe('today');
    expect(daysLeftText(1, 'de')).toBe('morgen');
    expect(daysLeftText(12, 'en')).toBe('in 12 days');
    expect(daysLeftText(12, 'de')).toBe('in 12 Tagen');
    // Within two weeks a deadline is marked.
    expect([isUrgent(14), isUrgent(15)]).toEqual([true, false]);
  });

  it('names which date it is', () => {
    expect(deadlineLabel('notice_deadline', 'de')).toBe('Kündigungsfrist');
    expect(deadlineLabel('term_end', 'en')).toBe('Term end');
    expect(deadlineLabel('lease_end', 'de')).toBe('Leasingende');
  });

  it('adds the monthly amounts at stake exactly, per currency', () => {
    // 0.10 + 0.20 is 0.30, not 0.30000000000000004; francs are kept apart.
    const rows = [renewal({ monthly: '0.10' }), renewal({ monthly: '0.20' }), renewal({ monthly: '49.00', currency: 'CHF' })];
    expect(monthlyAtStake(rows)).toEqual([
      { currency: 'CHF', monthly: '49.00' },
      { currency: 'EUR', monthly: '0.30' },
    ]);
    expect(monthlyAtStake([])).toEqual([]);
  });

  it('shows the variant with the item', () => {
    expect(itemText(renewal({}))).toBe('Managed365 · Standard');
    expect(itemText(renewal({ variant: null, item_name: 'Notebook lease' }))).toBe('Notebook lease');
  });

  it('starts an offer for the customer, for the context the contract is booked in', () => {
    // The offer builder adds bookings for employees, locations, cloud
    // containers and the customer; a workplace is none of them there.
    expect(offerStartFor(renewal({}))).toEqual({ customerId: 2, targetKey: 'employee:3', instanceId: 7 });
    expect(offerStartFor(renewal({ context: { context: 'global' } })).targetKey).toBe('global');
    expect(offerStartFor(renewal({ context: { context: 'workplace', id: 9 } })).targetKey).toBe('global');
  });

  it('offers the default window among its choices, within the core bound', () => {
    expect(WINDOWS).toContain(DEFAULT_WINDOW);
    expect(Math.max(...WINDOWS)).toBeLessThanOrEqual(730);
  });
});
