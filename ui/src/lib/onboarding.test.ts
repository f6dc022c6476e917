import { describe, expect, it } from 'vitest';
import type { BookingRequest, TemplateRecord } from './bindings';
import { appliesTo, scopeChoices, scopeKey, scopeLabel, stepFromRequest, stepLabel, withStep } from './onboarding';

const request: BookingRequest = {
  customer_id: 1,
  item: 'SVC-WAAS',
  variant: 'OFFICE',
  options: [{ group: 'SUPPORT', choice: '8X5' }],
  offer_type: 'rental',
  contexts: { contexts: [{ context: 'employee', id: 7 }] },
  quantity: 1,
  start_date: '2027-01-01',
  include_optional: ['SVC-BACKUP'],
};

describe('onboarding templates', () => {
  it('turns a request into a step without its contexts or date', () => {
    expect(stepFromRequest(request)).toEqual({
      item: 'SVC-WAAS',
      variant: 'OFFICE',
      options: [{ group: 'SUPPORT', choice: '8X5' }],
      offer_type: 'rental',
      quantity: 1,
      include_optional: ['SVC-BACKUP'],
    });
  });

  it('adds a step, and replaces the step for the same item and variant', () => {
    const record: TemplateRecord = { name: 'Sales', scope: { department: 'Sales' }, steps: [] };
    const one = withStep(record, stepFromRequest(request));
    expect(one.steps).toHaveLength(1);
    const phone = withStep(one, { ...stepFromRequest(request), item: 'PHONE', variant: null, options: [] });
    expect(phone.steps.map((s) => s.item)).toEqual(['SVC-WAAS', 'PHONE']);
    const twice = withStep(phone, { ...stepFromRequest(request), quantity: 2 });
    expect(twice.steps.map((s) => [s.item, s.quantity])).toEqual([
      ['SVC-WAAS', 2],
      ['PHONE', 1],
    ]);
    const other = withStep(twice, { ...stepFromRequest(request), variant: 'DEV' });
    expect(other.steps).toHaveLength(3);
    expect(record.steps).toHaveLength(0);
  });

  it('knows which templates apply to an employee', () => {
    const sales = { scope: { department: 'Sales' } };
    const berlin = { scope: { location: 3 } };
    expect(appliesTo(sales, { department: 'Sales', location_id: null })).toBe(true);
    expect(appliesTo(sales, { department: 'IT', location_id: 3 })).toBe(false);
    expect(appliesTo(berlin, { department: 'IT', location_id: 3 })).toBe(true);
    expect(appliesTo(berlin, { department: 'IT', location_id: null })).toBe(false);
    expect(appliesTo(berlin, { department: 'IT' })).toBe(false);
  });

  it('offers the distinct departments, then the locations, as scopes', () => {
    const structure = {
      locations: [{ id: 3, name: 'Berlin', customer_id: 1 }],
      employees: [
        { id: 1, customer_id: 1, name: 'A', department: 'Sales' },
        { id: 2, customer_id: 1, name: 'B', department: 'IT' },
        { id: 3, customer_id: 1, name: 'C', department: 'Sales' },
        { id: 4, customer_id: 1, name: 'D', department: ' ' },
      ],
    };
    const choices = scopeChoices(structure, 'en');
    expect(choices.map((c) => c.label)).toEqual(['Department IT', 'Department Sales', 'Location Berlin']);
    expect(choices.map((c) => c.key)).toEqual(choices.map((c) => scopeKey(c.scope)));
    expect(scopeLabel({ location: 3 }, structure, 'en')).toBe('Location Berlin');
    expect(scopeLabel({ location: 9 }, structure, 'en')).toBe('Location #9');
    expect(scopeChoices(structure, 'de').map((c) => c.label)).toEqual(['Abteilung IT', 'Abteilung Sales', 'Standort Berlin']);
    expect(scopeLabel({ department: 'IT' }, structure, 'de')).toBe('Abteilung IT');
  });

  it('labels a step with the item name', () => {
    const names = new Map([['SVC-WAAS', 'Workplace as a Service']]);
    expect(stepLabel(stepFromRequest(request), names)).toBe('Workplace as a Service · OFFICE ×1');
    expect(stepLabel({ item: 'X', offer_type: 'purchase', quantity: 3 }, names)).toBe('X ×3');
  });
});
