// Pure geometry of the virtualised catalog list: fixed-height rows in at most a
// few kind groups, each with a header. Only the rows in view (plus overscan) are
// rendered, so the DOM stays small however many items are loaded.
import type { CatalogItemSummary, ItemKind } from './bindings';
import { KIND_ORDER } from './catalog';

/** A contiguous run of items of one kind in the loaded list. */
export interface Run {
  kind: ItemKind;
  /** Index of its first item in the flat list. */
  start: number;
  count: number;
}

const rank = (kind: ItemKind) => KIND_ORDER.indexOf(kind);

/**
 * The kind runs of a list in catalog order (sorted by kind first), found by
 * binary search: O(kinds · log n), cheap for a million items.
 */
export function kindRuns(items: readonly CatalogItemSummary[]): Run[] {
  const runs: Run[] = [];
  let start = 0;
  while (start < items.length) {
    const kind = items[start]!.kind;
    const r = rank(kind);
    // First index in [start, n) whose kind ranks after `kind`.
    let lo = start + 1;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (rank(items[mid]!.kind) <= r) lo = mid + 1;
      else hi = mid;
    }
    runs.push({ kind, start, count: lo - start });
    start = lo;
  }
  return runs;
}

export interface Layout {
  rowHeight: number;
  headerHeight: number;
  /** Each run with the pixel top of its header. */
  groups: (Run & { top: number })[];
  height: number;
}

export function layout(runs: readonly Run[], rowHeight: number, headerHeight: number): Layout {
  let top = 0;
  const groups = runs.map((run) => {
    const group = { ...run, top };
    top += headerHeight + run.count * rowHeight;
    return group;
  });
  return { rowHeight, headerHeight, groups, height: top };
}

export type Entry =
  | { type: 'header'; group: number; top: number }
  | { type: 'item'; group: number; index: number; top: number };

/** The group holding the item at `index`, or -1. */
export function groupOf(l: Layout, index: number): number {
  return l.groups.findIndex((g) => index >= g.start && index < g.start + g.count);
}

/** Pixel top of the item at `index` (0 for an unknown index). */
export function itemTop(l: Layout, index: number): number {
  const g = l.groups[groupOf(l, index)];
  if (!g) return 0;
  return g.top + l.headerHeight + (index - g.start) * l.rowHeight;
}

/** Headers and items that intersect [scrollTop, scrollTop + viewport], widened by `overscan` rows each way. */
export function visibleEntries(l: Layout, scrollTop: number, viewport: number, overscan = 6): Entry[] {
  const from = Math.max(0, scrollTop - overscan * l.rowHeight);
  const to = scrollTop + viewport + overscan * l.rowHeight;
  const entries: Entry[] = [];
  l.groups.forEach((g, group) => {
    const bodyTop = g.top + l.headerHeight;
    const bottom = bodyTop + g.count * l.rowHeight;
    if (bottom <= from || g.top >= to) return;
    if (g.top + l.headerHeight > from) entries.push({ type: 'header', group, top: g.top });
    const first = Math.max(0, Math.floor((from - bodyTop) / l.rowHeight));
    const last = Math.min(g.count - 1, Math.ceil((to - bodyTop) / l.rowHeight));
    for (let i = first; i <= last; i++) {
      entries.push({ type: 'item', group, index: g.start + i, top: bodyTop + i * l.rowHeight });
    }
  });
  return entries;
}

/** The group whose header belongs on top (sticky) at this scroll position, or -1. */
export function stickyGroup(l: Layout, scrollTop: number): number {
  let found = -1;
  l.groups.forEach((g, i) => {
    if (g.top <= scrollTop) found = i;
  });
  return found;
}

/** The scrollTop that brings item `index` fully into view (moving as little as possible). */
export function scrollToShow(l: Layout, index: number, scrollTop: number, viewport: number): number {
  const top = itemTop(l, index);
  // Leave room for the sticky header above the row.
  const minTop = top - l.headerHeight;
  if (minTop < scrollTop) return Math.max(0, minTop);
  if (top + l.rowHeight > scrollTop + viewport) return top + l.rowHeight - viewport;
  return scrollTop;
}

/** The index of the last item in view (for "load more near the end"). */
export function lastVisibleIndex(l: Layout, scrollTop: number, viewport: number): number {
  const entries = visibleEntries(l, scrollTop, viewport, 0);
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i]!;
    if (e.type === 'item') return e.index;
  }
  return -1;
}
