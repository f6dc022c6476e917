import { describe, expect, it } from 'vitest';
import type { CatalogItemSummary, ItemKind } from './bindings';
import { itemTop, kindRuns, lastVisibleIndex, layout, scrollToShow, stickyGroup, visibleEntries } from './virtual-list';

function items(spec: [ItemKind, number][]): CatalogItemSummary[] {
  let id = 0;
  return spec.flatMap(([kind, n]) =>
    Array.from({ length: n }, () => ({
      id: ++id,
      kind,
      code: `C${id}`,
      name: `Item ${id}`,
      category: '',
      status: 'active' as const,
      manufacturer: null,
      part_number: null,
      ean: null,
      price: null,
    })),
  );
}

describe('kindRuns', () => {
  it('finds the runs of each kind in catalog order', () => {
    expect(kindRuns(items([['service', 3], ['add_on', 1], ['product', 5]]))).toEqual([
      { kind: 'service', start: 0, count: 3 },
      { kind: 'add_on', start: 3, count: 1 },
      { kind: 'product', start: 4, count: 5 },
    ]);
    expect(kindRuns([])).toEqual([]);
  });

  it('is cheap over a million items', () => {
    const many = items([['service', 10], ['product', 1_000_000]]);
    const started = performance.now();
    const runs = kindRuns(many);
    expect(performance.now() - started).toBeLessThan(20);
    expect(runs.map((r) => r.count)).toEqual([10, 1_000_000]);
  });
});

describe('layout and visible entries', () => {
  // Two groups: 3 services (header at 0, rows at 20, 60, 100), 100 products (header at 140, rows from 160).
  const l = layout(kindRuns(items([['service', 3], ['product', 100]])), 40, 20);

  it('places headers and rows', () => {
    expect(l.groups.map((g) => g.top)).toEqual([0, 140]);
    expect(l.height).toBe(140 + 20 + 100 * 40);
    expect(itemTop(l, 0)).toBe(20);
    expect(itemTop(l, 3)).toBe(160);
    expect(itemTop(l, 102)).toBe(160 + 99 * 40);
  });

  it('renders only what is in view plus overscan', () => {
    const entries = visibleEntries(l, 0, 200, 0);
    expect(entries[0]).toEqual({ type: 'header', group: 0, top: 0 });
    const indexes = entries.flatMap((e) => (e.type === 'item' ? [e.index] : []));
    expect(indexes[0]).toBe(0);
    expect(indexes.at(-1)).toBeLessThanOrEqual(4);
    expect(entries.some((e) => e.type === 'header' && e.group === 1)).toBe(true);
  });

  it('skips to the middle of a long group without rendering what is above', () => {
    const entries = visibleEntries(l, 2000, 400, 2);
    const indexes = entries.flatMap((e) => (e.type === 'item' ? [e.index] : []));
    expect(entries.some((e) => e.type === 'header')).toBe(false);
    expect(indexes.length).toBeLessThanOrEqual(400 / 40 + 2 * 2 + 2);
    for (const i of indexes) {
      const top = itemTop(l, i);
      expect(top + 40).toBeGreaterThan(2000 - 2 * 40);
      expect(top).toBeLessThan(2400 + 2 * 40 + 40);
    }
    expect(lastVisibleIndex(l, 2000, 400)).toBe(3 + Math.ceil((2400 - 160) / 40));
  });

  it('knows the sticky header and scrolls a row into view', () => {
    expect(stickyGroup(l, 0)).toBe(0);
    expect(stickyGroup(l, 500)).toBe(1);
    // Row 50 lies below a 400px view at 0: scroll so that it ends at the bottom.
    expect(scrollToShow(l, 50, 0, 400)).toBe(itemTop(l, 50) + 40 - 400);
    // Row 3 above the view: scroll up to it, leaving room for the sticky header.
    expect(scrollToShow(l, 3, 1000, 400)).toBe(140);
    // Already visible: no move.
    expect(scrollToShow(l, 1, 0, 400)).toBe(0);
  });
});
