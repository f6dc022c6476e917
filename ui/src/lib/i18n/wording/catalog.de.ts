// The catalog rules' sentences in German (src/error/wording/catalog.rs has the English).
import type { CatalogSays } from '../../bindings';

export const catalogDe: Record<CatalogSays, string> = {
  code_empty: 'Der Code ist leer.',
  name_empty: '{item}: Der Name ist leer.',
};
