// The sentences of a wrong value in German (src/error/wording/input.rs has the English).
import type { InputSays } from '../../bindings';

export const inputDe: Record<InputSays, string> = {
  template_books_nothing: 'Eine Vorlage bucht mindestens einen Artikel.',
};
