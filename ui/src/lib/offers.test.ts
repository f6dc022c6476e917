import { describe, expect, it } from 'vitest';
import type { ContextRef, CustomerStructure } from './bindings';
import { changeCells, chartBars, costCoverage, hasSubCents, reachText, requestReach, exportFileName, isEditable, knownAmount, moveGroup, nextOfferStatuses, sameOrder } from './offers';

const anna: ContextRef = { context: 'employee', id: 1 };
const berlin: ContextRef = { context: 'location', id: 2 };
const global: ContextRef = { context: 'global' };

describe('offers', () => {
  it('moves through draft → sent → accepted / rejected / expired', () => {
    expect(nextOfferStatuses('draft')).toEqual(['sent']);
    expect(nextOfferStatuses('sent')).toEqual(['accepted', 'rejected', 'expired']);
    expect(nextOfferStatuses('accepted')).toEqual([]);
    expect(nextOfferStatuses('expired')).toEqual([]);
    expect(isEditable('draft')).toBe(true);
    expect(isEditable('sent')).toBe(false);
  });

  it('moves a group up, down and to the ends', () => {
    const order = [anna, berlin, global];
    expect(moveGroup(order, 2, 0)).toEqual([global, anna, berlin]);
    expect(moveGroup(order, 0, 1)).toEqual([berlin, anna, global]);
    expect(moveGroup(order, 0, 2)).toEqual([berlin, global, anna]);
    expect(moveGroup(order, 1, 1)).toEqual(order);
    expect(moveGroup(order, 3, 0)).toEqual(order);
    expect(order).toEqual([anna, berlin, global]);
    expect(sameOrder(order, [anna, berlin, global])).toBe(true);
    expect(sameOrder(order, [berlin, anna, global])).toBe(false);
    expect(sameOrder(order, [anna, berlin])).toBe(false);
  });

  it('scales one-time and monthly bars each to their own largest amount', () => {
    const bars = chartBars([
      { label: 'Anna', oneTime: '1249.00', monthly: '65.90' },
      { label: 'Berlin', oneTime: '0.00', monthly: '131.80' },
      { label: 'Customer-wide', oneTime: '624.50', monthly: '0' },
    ]);
    expect(bars.map((b) => [b.oneTimePercent, b.monthlyPercent])).toEqual([
      [100, 50],
      [0, 100],
      [50, 0],
    ]);
    expect(chartBars([{ label: 'x', oneTime: '0', monthly: '0' }])[0]).toMatchObject({ oneTimePercent: 0, monthlyPercent: 0 });
    expect(chartBars([])).toEqual([]);
  });

  it('names export files safely', () => {
    expect(exportFileName('ANG-2026-0001', 2, 'pdf')).toBe('ANG-2026-0001-v2.pdf');
    expect(exportFileName('A/B 7', 1, 'csv')).toBe('A-B-7-v1.csv');
  });

  it('counts the lines with a known cost and names the others once', () => {
    // The margin is over the notebook only; the two MDM lines are named once.
    const lines = [
      { description: 'ThinkPad T14', unit_cost: { one_time: '1049.00', monthly: '0' } },
      { description: 'Mobile device management', unit_cost: null },
      { description: 'Mobile device management', unit_cost: null },
    ];
    expect(costCoverage(lines)).toEqual({ withCost: 1, total: 3, unknown: ['Mobile device management'] });
    expect(costCoverage([])).toEqual({ withCost: 0, total: 0, unknown: [] });
  });

  it('shows an unknown amount as a dash, a known zero as zero', () => {
    const euro = (a: string) => `€${a}`;
    expect(knownAmount(null, euro)).toBe('—');
    expect(knownAmount(undefined, euro)).toBe('—');
    expect(knownAmount('0.00', euro)).toBe('€0.00');
  });

  it('marks a unit price with more than cents, not one with trailing zeros', () => {
    // 1,450.00 × 2.95 % = 42.775: the line multiplies this, not 42.78.
    expect(hasSubCents('42.775')).toBe(true);
    expect(hasSubCents('11.9325')).toBe(true);
    expect(hasSubCents('42.7800')).toBe(false);
    expect(hasSubCents('12.9')).toBe(false);
    expect(hasSubCents('1249')).toBe(false);
  });

  it('shows a changed offer type and quantity before → after in one row', () => {
    const cells = changeCells({
      change: 'changed',
      context_label: "Anna's desk",
      description: 'Workplace as a Service Office',
      offer_type_from: 'rental',
      offer_type_to: 'leasing',
      quantity_from: 1,
      quantity_to: 3,
      unit_price_from: '59.00',
      unit_price_to: '42.775',
      one_time_from: '149.00',
      one_time_to: '149.00',
      monthly_from: '59.00',
      monthly_to: '128.33',
    });
    expect(cells.offerType).toEqual({ from: 'rental', to: 'leasing', changed: true });
    expect(cells.quantity).toEqual({ from: 1, to: 3, changed: true });
    expect(cells.oneTime.changed).toBe(false);
    expect(cells.monthly).toEqual({ from: '59.00', to: '128.33', changed: true });
    const added = changeCells({ change: 'added', context_label: 'x', description: 'y', offer_type: 'purchase', quantity: 2, one_time: '10.00', monthly: '0.00' });
    expect(added.offerType).toEqual({ from: 'purchase', to: 'purchase', changed: false });
    expect(added.quantity.changed).toBe(false);
  });

  it('says how many contexts a booking covers, counted on the structure, in both languages', () => {
    const structure = {
      employees: [
        { id: 1, customer_id: 9, name: 'Anna', location_id: 2, department: 'Finance' },
        { id: 2, customer_id: 9, name: 'Ben', location_id: 2, department: 'Sales' },
        { id: 3, customer_id: 9, name: 'Clara', location_id: 4, department: 'Finance' },
      ],
    } as unknown as CustomerStructure;
    // "all employees" is one selector but three contexts: never "×1".
    const all = requestReach({ contexts: 'all_employees' }, structure);
    expect(all).toEqual({ kind: 'employee', count: 3 });
    expect(reachText(all, 'en')).toBe('×3 employees');
    expect(reachText(all, 'de')).toBe('×3 Mitarbeiter');
    expect(reachText(requestReach({ contexts: { employees_of_location: 2 } }, structure), 'en')).toBe('×2 employees');
    expect(reachText(requestReach({ contexts: { employees_of_department: 'Finance' } }, structure), 'de')).toBe('×2 Mitarbeiter');
    expect(reachText(requestReach({ contexts: { contexts: [anna] } }, structure), 'en')).toBe('×1 employee');
    expect(reachText(requestReach({ contexts: { contexts: [berlin, { context: 'location', id: 5 }] } }, null), 'de')).toBe('×2 Standorte');
    expect(reachText(requestReach({ contexts: { contexts: [anna, berlin] } }, null), 'en')).toBe('×2 contexts');
    expect(reachText(requestReach({ contexts: { contexts: [global] } }, null), 'de')).toBe('kundenweit');
    // Without the structure a selector's count is unknown: nothing rather than a guess.
    expect(reachText(requestReach({ contexts: 'all_employees' }, null), 'en')).toBe('');
  });
});
