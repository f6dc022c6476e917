// Pure logic of the catalog browser: kinds, grouping, keyboard movement, highlighting.
import type { CatalogItemSummary, ItemKind } from './bindings';
import { translate, type Lang } from './i18n';

export const KIND_ORDER: ItemKind[] = ['service', 'basic_service', 'add_on', 'product'];

/** "Service" / "Services" ("Basisdienst" / "Basisdienste" in German). */
export function kindLabel(kind: ItemKind, lang: Lang, form: 'one' | 'many' = 'one'): string {
  return translate(lang, `kind.${kind}.${form}`);
}

export type KindFilter = ItemKind | 'all';

export interface Group {
  kind: ItemKind;
  items: CatalogItemSummary[];
}

/** Items of the chosen kind, in groups by kind in catalog order. */
export function groupByKind(items: CatalogItemSummary[], filter: KindFilter): Group[] {
  return KIND_ORDER.filter((kind) => filter === 'all' || filter === kind)
    .map((kind) => ({ kind, items: items.filter((item) => item.kind === kind) }))
    .filter((group) => group.items.length > 0);
}

/** How many items of each kind (and in all) the current search finds. */
export function countByKind(items: CatalogItemSummary[]): Record<KindFilter, number> {
  const counts: Record<KindFilter, number> = { all: items.length, service: 0, basic_service: 0, add_on: 0, product: 0 };
  for (const item of items) counts[item.kind] += 1;
  return counts;
}

export type Move = 'up' | 'down' | 'page_up' | 'page_down' | 'first' | 'last';

/** The index selected after a key press in a list of `count` rows (-1: none selected). */
export function moveIndex(count: number, current: number, move: Move, pageSize = 10): number {
  if (count === 0) return -1;
  switch (move) {
    case 'up':
      return current <= 0 ? 0 : current - 1;
    case 'down':
      return current < 0 ? 0 : Math.min(count - 1, current + 1);
    case 'page_up':
      return Math.max(0, current - pageSize);
    case 'page_down':
      return Math.min(count - 1, Math.max(0, current) + pageSize);
    case 'first':
      return 0;
    case 'last':
      return count - 1;
  }
}

/** The id selected after a key press in a list of ids (visible order). */
export function moveSelection(ids: number[], selected: number | null, move: Move, pageSize = 10): number | null {
  const next = moveIndex(ids.length, selected === null ? -1 : ids.indexOf(selected), move, pageSize);
  return ids[next] ?? null;
}

export interface KindCount {
  n: number;
  /** False when more items of this kind may follow in pages not loaded yet. */
  exact: boolean;
}

/**
 * Counts per kind (and in all) of a list loaded in catalog order, from its kind
 * runs. While pages are missing, the kind of the last loaded item and the kinds
 * after it may have more: their counts are lower bounds.
 */
export function countsOfRuns(runs: { kind: ItemKind; count: number }[], complete: boolean): Record<KindFilter, KindCount> {
  const lastRank = runs.length ? KIND_ORDER.indexOf(runs[runs.length - 1]!.kind) : -1;
  const counts = { all: { n: 0, exact: complete } } as Record<KindFilter, KindCount>;
  for (const kind of KIND_ORDER) counts[kind] = { n: 0, exact: complete || KIND_ORDER.indexOf(kind) < lastRank };
  for (const run of runs) {
    counts[run.kind].n += run.count;
    counts.all.n += run.count;
  }
  return counts;
}

export function keyToMove(key: string): Move | null {
  switch (key) {
    case 'ArrowUp':
      return 'up';
    case 'ArrowDown':
      return 'down';
    case 'PageUp':
      return 'page_up';
    case 'PageDown':
      return 'page_down';
    case 'Home':
      return 'first';
    case 'End':
      return 'last';
    default:
      return null;
  }
}

export interface Segment {
  text: string;
  match: boolean;
}

/** Splits text into plain and matching parts for every search word (case-insensitive). */
export function highlight(text: string, search: string): Segment[] {
  const words = search
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .map((w) => w.toLowerCase());
  if (words.length === 0 || text.length === 0) return [{ text, match: false }];
  const lower = text.toLowerCase();
  const marked = new Array<boolean>(text.length).fill(false);
  for (const word of words) {
    let from = lower.indexOf(word);
    while (from !== -1) {
      marked.fill(true, from, from + word.length);
      from = lower.indexOf(word, from + 1);
    }
  }
  const segments: Segment[] = [];
  for (let i = 0; i < text.length; i++) {
    const last = segments[segments.length - 1];
    if (last && last.match === marked[i]) last.text += text[i];
    else segments.push({ text: text[i] ?? '', match: marked[i] ?? false });
  }
  return segments;
}
