import { describe, expect, it } from 'vitest';
import type { BlockingInstance, ContextRef, ErrorDetails } from './bindings';
import { deleteQuestion, deleteRefusal, deleteTarget, type DeleteTarget } from './structure-delete';

const aylin: DeleteTarget = { kind: 'employee', id: 7, name: 'Aylin Demir' };
const none = { employeesAt: [], templatesFor: [] };

function instance(id: number, item: string, status: BlockingInstance['status'], context: ContextRef): BlockingInstance {
  return { id, item, status, customer_id: 1, context };
}

function inUse(instances: BlockingInstance[]): ErrorDetails {
  return {
    type: 'in_use',
    why: {
      said: { area: 'refusal', says: 'employee_holds_instances' },
      values: { name: { type: 'text', value: 'Aylin Demir' }, count: { type: 'number', value: String(instances.length) }, instances: { type: 'instances', value: instances } },
    },
    instances,
  };
}

const three = [
  instance(12, 'Managed365', 'active', { context: 'employee', id: 7 }),
  instance(13, 'Lenovo ThinkPad T14', 'ordered', { context: 'workplace', id: 3 }),
  instance(14, 'Defender', 'retired', { context: 'employee', id: 7 }),
];
const names = (ref: ContextRef) => (ref.context === 'workplace' ? 'Notebook Aylin' : ref.context === 'employee' ? 'Aylin Demir' : null);

describe('deleting in the customer structure', () => {
  it('asks first, naming what is deleted and what goes with it', () => {
    expect(deleteQuestion(aylin, 'en')).toEqual({
      title: 'Delete employee Aylin Demir?',
      body: 'Their workplaces are deleted with them. This cannot be undone.',
    });
    expect(deleteQuestion(aylin, 'de').title).toBe('Mitarbeiter Aylin Demir löschen?');
    expect(deleteQuestion({ kind: 'cloud_container', id: 1, name: 'ERP' }, 'de').title).toBe('Cloud-Container ERP löschen?');
    expect(deleteQuestion({ kind: 'customer', id: 1, name: 'ACME' }, 'en').body).toContain('locations, employees');
    expect(deleteQuestion({ kind: 'template', id: 4, name: 'Sales' }, 'de')).toEqual({ title: 'Vorlage Sales löschen?', body: 'Das lässt sich nicht rückgängig machen.' });
    expect(deleteTarget({ context: 'global' }, 'x')).toBeNull();
    expect(deleteTarget({ context: 'workplace', id: 3 }, 'Notebook')).toEqual({ kind: 'workplace', id: 3, name: 'Notebook' });
  });

  it('says in one sentence what blocks a refused delete and what to do, the instances one click away', () => {
    const en = deleteRefusal(aylin, inUse(three), none, 'en', names);
    expect(en.sentence).toBe('Aylin Demir holds 3 services and cannot be deleted: to end them, cancel them in the inventory.');
    expect(en.show).toBe('Show the 3 services');
    expect(en.list).toEqual(['Managed365 #12 · active · Aylin Demir', 'Lenovo ThinkPad T14 #13 · ordered · Notebook Aylin', 'Defender #14 · retired · Aylin Demir']);

    const de = deleteRefusal(aylin, inUse(three), none, 'de', names);
    expect(de.sentence).toBe('Aylin Demir hat 3 Leistungen und kann nicht gelöscht werden: um sie zu beenden, kündigen Sie sie im Bestand.');
    expect(de.show).toBe('Die 3 Leistungen zeigen');
    expect(de.list[0]).toBe('Managed365 #12 · aktiv · Aylin Demir');
    // The name once, no English from the core's message.
    expect(de.sentence.split('Aylin Demir')).toHaveLength(2);
    expect(de.sentence).not.toMatch(/instance|holds|deleted/);
  });

  it('does not ask to cancel what is already cancelled or ended', () => {
    const ended = [instance(14, 'Defender', 'retired', { context: 'employee', id: 7 })];
    expect(deleteRefusal(aylin, inUse(ended), none, 'en').sentence).toBe('Aylin Demir has 1 cancelled or ended service, kept as its record, and cannot be deleted.');
    expect(deleteRefusal(aylin, inUse(ended), none, 'de').show).toBe('Die Leistung zeigen');
  });

  it('words a location held by its employees or templates from what the view knows', () => {
    const hamburg: DeleteTarget = { kind: 'location', id: 2, name: 'Hamburg HQ' };
    const noInstances = inUse([]);
    const byEmployees = deleteRefusal(hamburg, noInstances, { employeesAt: ['Aylin Demir', 'Jonas Berg'], templatesFor: ['Sales'] }, 'de');
    expect(byEmployees.sentence).toBe('Am Standort Hamburg HQ arbeiten 2 Mitarbeiter: ordnen Sie sie einem anderen Standort zu oder löschen Sie sie zuerst.');
    expect(byEmployees.list).toEqual(['Aylin Demir', 'Jonas Berg']);
    const byTemplates = deleteRefusal(hamburg, noInstances, { employeesAt: [], templatesFor: ['Sales'] }, 'en');
    expect(byTemplates.sentence).toBe('An onboarding template is for Hamburg HQ: delete it first.');
    expect(byTemplates.list).toEqual(['Sales']);
    const unknown = deleteRefusal(hamburg, null, none, 'de');
    expect(unknown).toEqual({ sentence: 'Hamburg HQ wird noch verwendet und kann nicht gelöscht werden.', show: null, list: [] });
  });
});
