import { describe, expect, it } from 'vitest';
import type { Undone } from './bindings';
import { nothingToUndoIn, undoAction, undoneMessage, undoPlace, type UndoPlace } from './undo';

const undone = (undid: Undone['undid'], kind: Undone['kind'], name: string): Undone => ({
  description: 'the core’s English text, never shown',
  undid,
  kind,
  code: 'X',
  name,
  item: null,
});

describe('where Ctrl+Z acts', () => {
  it('undoes catalog edits only in the catalog browser and the designer', () => {
    const places: UndoPlace[] = ['catalog', 'designer', 'map', 'rules', 'customers', 'offers', 'renewals', 'import'];
    expect(places.map((p) => undoAction(p, false))).toEqual([
      'undo',
      'undo',
      'nothing-here',
      'nothing-here',
      'nothing-here',
      'nothing-here',
      'nothing-here',
      'nothing-here',
    ]);
  });

  it('asks to save or discard first when the designer has unsaved changes', () => {
    expect(undoAction('designer', true)).toBe('save-first');
    expect(undoAction('catalog', true)).toBe('undo');
  });

  it('takes the place from the view, the designer and the import wizard', () => {
    expect(undoPlace('customers', { importOpen: false, inDesigner: false })).toBe('customers');
    expect(undoPlace('map', { importOpen: false, inDesigner: true })).toBe('designer');
    expect(undoPlace('catalog', { importOpen: true, inDesigner: true })).toBe('import');
  });
});

describe('what the toast says', () => {
  it('names the undone edit, the kind and the item, in each language', () => {
    expect(undoneMessage(undone('created', 'service', 'Backup Plus'), 'en')).toBe('Undone: created service Backup Plus');
    expect(undoneMessage(undone('edited', 'basic_service', 'M365 tenant'), 'en')).toBe(
      'Undone: edited basic service M365 tenant',
    );
    expect(undoneMessage(undone('deleted', 'add_on', 'Reimaging'), 'en')).toBe('Undone: deleted add-on Reimaging');
    expect(undoneMessage(undone('created', 'service', 'Backup Plus'), 'de')).toBe(
      'Rückgängig gemacht: Service Backup Plus angelegt',
    );
    expect(undoneMessage(undone('deleted', 'product', 'Dock'), 'de')).toBe('Rückgängig gemacht: Produkt Dock gelöscht');
  });

  it('says there is nothing to undo in a view without an undo', () => {
    expect(nothingToUndoIn('customers', 'en')).toBe('Nothing to undo in Customers.');
    expect(nothingToUndoIn('offers', 'de')).toBe('In „Angebote“ gibt es nichts rückgängig zu machen.');
  });
});
