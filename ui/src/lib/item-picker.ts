// The item picker's logic: a search over the catalog list's ranked search
// (`catalog_pick`), a page at a time, newest search wins; the keyboard; and
// the chosen item's summary read by code (never the whole catalog).
import type { BookingContext, CatalogItemSummary, ItemKind, PickedItem, PickQuery } from './bindings';
import { errorMessage } from './api';
import { cursorAfter, LatestOnly, mergePage, type Paged } from './paging';

/** Items per page: a screenful and some, the rest on scroll. */
export const PICK_PAGE = 50;

/**
 * What a caller offers: these kinds (none: all), only bookable items, never
 * these codes; with `into`, each item says whether it can be booked into
 * contexts of those kinds (those that cannot are shown, not chosen).
 */
export interface PickFilter {
  kinds?: readonly ItemKind[];
  activeOnly?: boolean;
  exclude?: readonly string[];
  into?: readonly BookingContext[];
}

export type PickFetch = (query: PickQuery) => Promise<PickedItem[]>;

/** Whether a listed item can be chosen: everything, but what does not fit the contexts asked for. */
export function choosable(item: PickedItem | undefined): boolean {
  return item != null && (item.fit == null || item.fit.fits);
}

/** The query for one page of `text` after `items` (the pages already shown). */
export function pickQuery(text: string, filter: PickFilter, items: readonly CatalogItemSummary[] = []): PickQuery {
  return {
    text: text.trim(),
    kinds: [...(filter.kinds ?? [])],
    active_only: filter.activeOnly ?? false,
    exclude: [...(filter.exclude ?? [])],
    into: [...(filter.into ?? [])],
    limit: PICK_PAGE,
    after: cursorAfter(items),
  };
}

export interface PickState extends Paged<PickedItem> {
  /** The text the items answer (while `loading`, a newer search is on its way). */
  text: string;
  loading: boolean;
  error: string | null;
}

export const EMPTY: PickState = { text: '', items: [], complete: false, loading: false, error: null };

/**
 * The results of a picker's search. `search` starts a new one (every answer
 * still on its way to an older one is dropped: a slow answer for "no" never
 * overwrites the answer for "not"); `more` asks for the next page of the
 * current one. Each change is handed to `onchange`.
 */
export class PickResults {
  private state: PickState = EMPTY;
  private readonly latest = new LatestOnly();

  constructor(
    private readonly fetch: PickFetch,
    private readonly filter: () => PickFilter,
    private readonly onchange: (state: PickState) => void,
  ) {}

  get current(): PickState {
    return this.state;
  }

  private set(next: PickState) {
    this.state = next;
    this.onchange(next);
  }

  /** A new search; what the old one found stays shown (marked loading) until its answer comes. */
  async search(text: string): Promise<void> {
    const token = this.latest.next();
    this.set({ ...this.state, loading: true, error: null });
    await this.load(token, text, []);
  }

  /** The next page, unless the list is complete or a page is on its way. */
  async more(): Promise<void> {
    const { complete, loading, text, items } = this.state;
    if (complete || loading) return;
    const token = this.latest.latest();
    this.set({ ...this.state, loading: true });
    await this.load(token, text, items);
  }

  private async load(token: number, text: string, items: PickedItem[]) {
    try {
      const page = await this.fetch(pickQuery(text, this.filter(), items));
      if (!this.latest.isCurrent(token)) return;
      const merged = mergePage({ items, complete: false }, page, PICK_PAGE);
      this.set({ text, ...merged, loading: false, error: null });
    } catch (error) {
      if (!this.latest.isCurrent(token)) return;
      // A refused search (a page too large, too many left out) in the UI's language.
      this.set({ ...this.state, loading: false, error: errorMessage(error) });
    }
  }
}

/** The highlighted row after a key: arrows move (stopping at the ends), Home/End jump. `null`: not a moving key. */
export function moveActive(active: number, key: string, count: number): number | null {
  if (count === 0) return null;
  switch (key) {
    case 'ArrowDown':
      return Math.min(active + 1, count - 1);
    case 'ArrowUp':
      return Math.max(active - 1, 0);
    case 'PageDown':
      return Math.min(active + 10, count - 1);
    case 'PageUp':
      return Math.max(active - 10, 0);
    default:
      return null;
  }
}

/** Whether the list is scrolled to within `rows` rows of its end (time for the next page). */
export function nearEnd(scrollTop: number, clientHeight: number, scrollHeight: number, rowHeight: number, rows = 10): boolean {
  return scrollTop + clientHeight >= scrollHeight - rows * rowHeight;
}

/**
 * Summaries of items by code, read once per code (many pickers in a form name
 * the same items). A code the catalog does not have answers `null`.
 */
export class KnownItems {
  private readonly found = new Map<string, Promise<CatalogItemSummary | null>>();

  constructor(private readonly read: (codes: string[]) => Promise<CatalogItemSummary[]>) {}

  /** Remembers an item the user picked (its summary is known). */
  remember(item: CatalogItemSummary): void {
    this.found.set(item.code, Promise.resolve(item));
  }

  /** Forgets everything (after a catalog edit renamed or removed items). */
  clear(): void {
    this.found.clear();
  }

  get(code: string): Promise<CatalogItemSummary | null> {
    return this.many([code]).then((items) => items.get(code) ?? null);
  }

  /** The summaries of `codes` that exist, read in one call for those not read yet. */
  async many(codes: readonly string[]): Promise<Map<string, CatalogItemSummary>> {
    const missing = [...new Set(codes.filter((c) => c !== '' && !this.found.has(c)))];
    if (missing.length > 0) {
      const reading = this.read(missing).then(
        (items) => new Map(items.map((i) => [i.code, i])),
        (error: unknown) => {
          // Not remembered: the next look-up asks again.
          for (const code of missing) this.found.delete(code);
          throw error;
        },
      );
      for (const code of missing) this.found.set(code, reading.then((m) => m.get(code) ?? null));
    }
    const result = new Map<string, CatalogItemSummary>();
    for (const code of new Set(codes)) {
      const item = await this.found.get(code);
      if (item) result.set(code, item);
    }
    return result;
  }
}
