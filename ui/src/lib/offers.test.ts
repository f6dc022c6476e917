import { describe, expect, it } from 'vitest';
import type { ContextRef, CustomerStructure, OfferLineView, RuleBreach } from './bindings';
import { formatMoney } from './format';
import { breachText, changeCells, chartBars, dueAmount, onceAndMonthly, costCoverage, eventText, eventTime, exportFileName, hasSubCents, isEditable, knownAmount, moveGroup, nextOfferStatuses, offerLineWhy, parseThreshold, reachText, requestReach, sameOrder, sendBlocked } from './offers';

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

describe('approvals', () => {
  const discount: RuleBreach = { rule: 'discount', figure: '20', threshold: '15', line: 2, line_description: 'Microsoft 365 tenant Standard', message: '' };
  const margin: RuleBreach = { rule: 'margin', figure: '16.01', threshold: '20', line: null, line_description: null, message: '' };
  const value: RuleBreach = { rule: 'contract_value', figure: '4146.96', threshold: '4000', line: null, line_description: null, message: '' };

  it('say which rule an offer breaks, its figure and the threshold, in both languages', () => {
    // What the offer view lists under "Needs approval".
    expect(breachText(discount, { lines_without_cost: 5 }, 'en', 'EUR', 'en-US')).toBe('discount 20 % > 15 % (line 2: Microsoft 365 tenant Standard)');
    expect(breachText(discount, { lines_without_cost: 5 }, 'de', 'EUR', 'de-DE')).toBe('Rabatt 20 % > 15 % (Position 2: Microsoft 365 tenant Standard)');
    // The margin says it was measured over the lines whose cost is known.
    expect(breachText(margin, { lines_without_cost: 5 }, 'de', 'EUR', 'de-DE')).toBe('Marge 16,01 % < 20 % (über die Positionen mit bekannten Kosten; 5 Positionen ohne)');
    expect(breachText(margin, { lines_without_cost: 0 }, 'en', 'EUR', 'en-US')).toBe('margin 16.01 % < 20 %');
    expect(breachText(value, { lines_without_cost: 0 }, 'en', 'EUR', 'en-US')).toBe(`contract value ${formatMoney('4146.96', 'EUR', 'en-US')} > ${formatMoney('4000', 'EUR', 'en-US')}`);
  });

  it('block sending a draft that needs an approval it does not have', () => {
    const approval = { breaches: [discount], approved: null, required: true, lines_without_cost: 0, lines_without_list_price: 0 };
    expect(sendBlocked({ status: 'draft', approval })).toBe(true);
    const approved = { ...approval, approved: { by: 'Maria Keller', at: '2026-12-02T13:05:00Z' }, required: false };
    expect(sendBlocked({ status: 'draft', approval: approved })).toBe(false);
    // A version sent before the rules existed is not held back afterwards.
    expect(sendBlocked({ status: 'sent', approval })).toBe(false);
  });

  it('read thresholds as typed: empty is no rule, a comma is a decimal point, text is refused', () => {
    expect(parseThreshold('  ')).toBeNull();
    expect(parseThreshold('15')).toBe('15');
    expect(parseThreshold(' 12,5 ')).toBe('12.5');
    expect(parseThreshold('15 %')).toBeUndefined();
    expect(parseThreshold('-3')).toBeUndefined();
  });

  it('name the events of the history with who where known', () => {
    expect(eventText({ version: 1, kind: 'approved', by: 'Maria Keller' }, 'de')).toBe('v1 · Freigegeben · Maria Keller');
    expect(eventText({ version: 2, kind: 'new_version', by: null }, 'en')).toBe('v2 · New version');
    expect(eventTime('not a time', 'en-US')).toBe('not a time');
  });
});

describe('offerLineWhy', () => {
  const line = (reason: OfferLineView['reason'], explanation = '') => ({ reason, explanation, context: { context: 'employee', id: 3 } as const });

  it('says why a line is there in German from its typed reason', () => {
    expect(offerLineWhy(line({ why: 'mandatory', with: 'Lenovo ThinkPad T14' }, 'mandatory with Lenovo ThinkPad T14'), 'Anna Schmidt', 'de')).toBe('verpflichtend mit Lenovo ThinkPad T14');
    expect(offerLineWhy(line({ why: 'prerequisite', of: 'Managed365', scope: 'same_context' }), 'Anna Schmidt', 'de')).toContain('Anna Schmidt');
    expect(offerLineWhy(line({ why: 'requested' }, 'requested'), 'Anna Schmidt', 'de')).toBeNull();
  });

  it('shows words no plan wrote only in their own language', () => {
    expect(offerLineWhy(line(null, 'typed by hand'), 'Anna Schmidt', 'en')).toBe('typed by hand');
    expect(offerLineWhy(line(null, 'typed by hand'), 'Anna Schmidt', 'de')).toBeNull();
  });
});

describe('amounts where nothing is due', () => {
  const money = (a: string) => formatMoney(a, 'EUR', 'de-DE');
  it('shows "–" for nothing due and only the parts that are due', () => {
    expect(dueAmount('0.00', money)).toBe('–');
    expect(dueAmount('15.90', money)).toBe(money('15.90'));
    expect(onceAndMonthly('0.00', '68.50', money, ' / Monat')).toBe(`${money('68.50')} / Monat`);
    expect(onceAndMonthly('1249.00', '0', money, ' / Monat')).toBe(money('1249.00'));
    expect(onceAndMonthly('1249.00', '68.50', money, ' / Monat')).toBe(`${money('1249.00')} · ${money('68.50')} / Monat`);
    expect(onceAndMonthly('0', '0.00', money, ' / Monat')).toBe('–');
  });
});
