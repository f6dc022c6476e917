// Keyset paging of the catalog list: pages are appended after the last item's
// cursor; a response that arrives after a newer request started is dropped.
import type { CatalogItemSummary, ListCursor } from './bindings';

export const PAGE_SIZE = 200;

/** The cursor of the page after `items` (null for an empty list: start at the beginning). */
export function cursorAfter(items: readonly CatalogItemSummary[]): ListCursor | null {
  const last = items[items.length - 1];
  return last ? { kind: last.kind, category: last.category, name: last.name, id: last.id } : null;
}

export interface Paged<T extends CatalogItemSummary = CatalogItemSummary> {
  items: T[];
  /** The server has nothing after the last item. */
  complete: boolean;
}

/**
 * Appends a page. A page shorter than the limit is the last one. Items already
 * present (a page asked twice) are not added again.
 */
export function mergePage<T extends CatalogItemSummary>(current: Paged<T>, page: readonly T[], limit: number): Paged<T> {
  const complete = page.length < limit;
  if (page.length === 0) return { items: current.items, complete };
  const tail = current.items.slice(-limit);
  const seen = new Set(tail.map((i) => i.id));
  const fresh = page.filter((i) => !seen.has(i.id));
  return { items: fresh.length ? current.items.concat(fresh) : current.items, complete };
}

/** Whether to ask for the next page: the view is within `threshold` rows of the end. */
export function needsMore(lastVisible: number, loaded: Paged, loading: boolean, threshold = 50): boolean {
  return !loaded.complete && !loading && lastVisible >= loaded.items.length - threshold;
}

/**
 * Hands out request tokens; only answers to the newest token count. A new
 * search calls `next()`, which makes every answer still on its way stale.
 */
export class LatestOnly {
  private current = 0;

  next(): number {
    this.current += 1;
    return this.current;
  }

  /** The token of the newest request (for follow-up pages of the same query). */
  latest(): number {
    return this.current;
  }

  isCurrent(token: number): boolean {
    return token === this.current;
  }
}

/** A count that may be a lower bound: "1,234" or "1,234+". */
export function countLabel(count: number, exact: boolean, locale: string): string {
  const n = count.toLocaleString(locale);
  return exact ? n : `${n}+`;
}

/**
 * Calls `run` once calls stop for `ms` milliseconds (search as you type);
 * `flush` runs a pending call now, `cancel` drops it.
 */
export function debounce<A extends unknown[]>(run: (...args: A) => void, ms: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: A | null = null;
  const call = (...args: A) => {
    pending = args;
    clearTimeout(timer);
    timer = setTimeout(() => {
      const a = pending;
      pending = null;
      if (a) run(...a);
    }, ms);
  };
  call.cancel = () => {
    clearTimeout(timer);
    pending = null;
  };
  return call;
}
