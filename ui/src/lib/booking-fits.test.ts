import { describe, expect, it } from 'vitest';
import type { ContextRef, CustomerStructure, RequestProblem } from './bindings';
import { bookingInto, fitReason, planContextName, withChosenWorkplaces, workplaceQuestions } from './booking-fits';

const structure = {
  customer: { id: 1, name: 'ACME', currency: 'EUR' },
  locations: [
    { id: 10, customer_id: 1, name: 'Hamburg HQ' },
    { id: 11, customer_id: 1, name: 'Berlin' },
  ],
  employees: [
    { id: 1, customer_id: 1, name: 'Anna Schmidt', location_id: 10, department: 'Sales' },
    { id: 2, customer_id: 1, name: 'Tom Berger', location_id: 10, department: 'IT' },
    { id: 3, customer_id: 1, name: 'Jana Petersen', location_id: 11, department: 'Sales' },
  ],
  cloud_containers: [{ id: 20, customer_id: 1, name: 'ERP' }],
  workplaces: [
    { id: 100, employee_id: 1, name: 'Desk' },
    { id: 101, employee_id: 1, name: 'Home office' },
    { id: 102, employee_id: 3, name: 'Workplace' },
  ],
} as unknown as CustomerStructure;

describe('what the booking goes into', () => {
  it('is the target for this context, employees for a group of them', () => {
    const container: ContextRef = { context: 'cloud_container', id: 20 };
    expect(bookingInto('this', container)).toEqual(['cloud_container']);
    expect(bookingInto('this', { context: 'location', id: 10 })).toEqual(['location']);
    expect(bookingInto('location', { context: 'location', id: 10 })).toEqual(['employee']);
    expect(bookingInto('all', { context: 'employee', id: 1 })).toEqual(['employee']);
  });
});

describe('the reason an item does not fit', () => {
  it('names where it is booked, in the language', () => {
    const fit = { fits: false, booked_for: ['employee' as const, 'workplace' as const] };
    expect(fitReason(fit, 'en')).toBe('booked for: employees, workplaces');
    expect(fitReason(fit, 'de')).toBe('gebucht für: Mitarbeiter, Arbeitsplätze');
    expect(fitReason({ fits: false, booked_for: ['cloud_container'] }, 'de')).toBe('gebucht für: Cloud-Container');
  });
  it('says a product without contexts cannot be booked yet', () => {
    expect(fitReason({ fits: false, booked_for: [] }, 'en')).toBe('cannot be booked yet: no category rule matches it');
    expect(fitReason({ fits: false, booked_for: [] }, 'de')).toBe('noch nicht buchbar: keine Kategorieregel passt');
  });
  it('is none for what fits or was not checked', () => {
    expect(fitReason({ fits: true, booked_for: ['workplace'] }, 'en')).toBeNull();
    expect(fitReason(null, 'en')).toBeNull();
  });
});

describe('the context of a plan line', () => {
  it('reads a workplace the plan creates from the employee, in the language', () => {
    expect(planContextName({ context: 'workplace', id: -2 }, 'new workplace (Tom Berger)', structure, 'de')).toBe('Neuer Arbeitsplatz (Tom Berger)');
    expect(planContextName({ context: 'workplace', id: -2 }, 'new workplace (Tom Berger)', structure, 'en')).toBe('New workplace (Tom Berger)');
  });
  it('translates customer-wide and keeps the names of stored contexts', () => {
    expect(planContextName({ context: 'global' }, 'customer-wide', structure, 'de')).toBe('Kundenweit');
    expect(planContextName({ context: 'workplace', id: 102 }, 'Workplace (Jana Petersen)', structure, 'de')).toBe('Workplace (Jana Petersen)');
    expect(planContextName({ context: 'employee', id: 1 }, 'Anna Schmidt', structure, 'en')).toBe('Anna Schmidt');
  });
});

describe('which workplace', () => {
  const asked = (employee_id: number, employee: string): RequestProblem => ({
    refusal: { reason: 'which_workplace', item: 'Workplace as a Service', employee, employee_id, workplaces: 2 },
    through: null,
    part: null,
    text: '',
  });

  it('offers the workplaces of each employee asked about, once', () => {
    const other: RequestProblem = { refusal: { reason: 'no_employee' }, through: null, part: null, text: '' };
    expect(workplaceQuestions([asked(1, 'Anna Schmidt'), other, asked(1, 'Anna Schmidt')], structure)).toEqual([
      {
        employeeId: 1,
        employee: 'Anna Schmidt',
        workplaces: [
          { id: 100, name: 'Desk' },
          { id: 101, name: 'Home office' },
        ],
      },
    ]);
  });

  it('names the chosen workplace and every other employee of the group one by one', () => {
    expect(withChosenWorkplaces({ employees_of_location: 10 }, structure, { 1: 101 })).toEqual({
      contexts: [
        { context: 'workplace', id: 101 },
        { context: 'employee', id: 2 },
      ],
    });
    expect(withChosenWorkplaces('all_employees', structure, { 1: 100 })).toEqual({
      contexts: [
        { context: 'workplace', id: 100 },
        { context: 'employee', id: 2 },
        { context: 'employee', id: 3 },
      ],
    });
    expect(withChosenWorkplaces({ employees_of_department: 'Sales' }, structure, { 1: 100 })).toEqual({
      contexts: [
        { context: 'workplace', id: 100 },
        { context: 'employee', id: 3 },
      ],
    });
    expect(withChosenWorkplaces({ contexts: [{ context: 'employee', id: 1 }] }, structure, { 1: 101 })).toEqual({
      contexts: [{ context: 'workplace', id: 101 }],
    });
  });

  it('leaves the request as it was without a choice that concerns it', () => {
    expect(withChosenWorkplaces({ employees_of_location: 11 }, structure, { 1: 101 })).toEqual({ employees_of_location: 11 });
    expect(withChosenWorkplaces('all_employees', structure, {})).toBe('all_employees');
    // A workplace that is not the employee's is never named for them.
    expect(withChosenWorkplaces({ contexts: [{ context: 'employee', id: 2 }] }, structure, { 2: 100 })).toEqual({
      contexts: [{ context: 'employee', id: 2 }],
    });
  });
});
