// Ctrl+Z acts on the view it was pressed in. Only the catalog browser and the
// designer have an undo (the catalog edits of the session); everywhere else the
// key undoes nothing and says so, instead of taking back a catalog edit the
// person cannot see.
import type { Undone } from './bindings';
import { kindLabel } from './catalog';
import { translate, type Lang } from './i18n';

/** Where Ctrl+Z was pressed. */
export type UndoPlace = 'catalog' | 'designer' | 'map' | 'rules' | 'customers' | 'offers' | 'renewals' | 'import';

export type AppView = 'catalog' | 'map' | 'rules' | 'customers' | 'offers' | 'renewals';

/**
 * The place of a Ctrl+Z: the import wizard while it is open (it covers the
 * window), the designer when the key came from inside it, else the view.
 */
export function undoPlace(view: AppView, opts: { importOpen: boolean; inDesigner: boolean }): UndoPlace {
  if (opts.importOpen) return 'import';
  if (opts.inDesigner) return 'designer';
  return view;
}

/** What Ctrl+Z does there. */
export type UndoAction =
  /** Undo the newest catalog edit of the session. */
  | 'undo'
  /** The designer holds unsaved changes: undoing a saved edit under them would lose track. */
  | 'save-first'
  /** This place has no undo of its own. */
  | 'nothing-here';

export function undoAction(place: UndoPlace, designerDirty: boolean): UndoAction {
  switch (place) {
    case 'catalog':
      return 'undo';
    case 'designer':
      return designerDirty ? 'save-first' : 'undo';
    default:
      return 'nothing-here';
  }
}

/** The name of a place as the sidebar and the headings show it. */
export function placeName(place: UndoPlace, lang: Lang): string {
  switch (place) {
    case 'catalog':
      return translate(lang, 'app.catalog');
    case 'designer':
      return translate(lang, 'app.designer');
    case 'map':
      return translate(lang, 'app.modelMap');
    case 'rules':
      return translate(lang, 'app.categoryRules');
    case 'customers':
      return translate(lang, 'app.customers');
    case 'offers':
      return translate(lang, 'app.offers');
    case 'renewals':
      return translate(lang, 'app.renewals');
    case 'import':
      return translate(lang, 'import.title');
  }
}

/** "Undone: created service Backup Plus", in the UI's language, from the core's fields. */
export function undoneMessage(undone: Undone, lang: Lang): string {
  const kind = kindLabel(undone.kind, lang);
  const params = { kind: lang === 'en' ? kind.toLowerCase() : kind, name: undone.name };
  switch (undone.undid) {
    case 'created':
      return translate(lang, 'undo.created', params);
    case 'edited':
      return translate(lang, 'undo.edited', params);
    case 'deleted':
      return translate(lang, 'undo.deleted', params);
  }
}

/** "Nothing to undo in Customers." */
export function nothingToUndoIn(place: UndoPlace, lang: Lang): string {
  return translate(lang, 'undo.nothingIn', { place: placeName(place, lang) });
}
