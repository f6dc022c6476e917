import { describe, expect, it, vi } from 'vitest';
import type { CatalogItemSummary } from './bindings';
import { countLabel, cursorAfter, debounce, LatestOnly, mergePage, needsMore } from './paging';

const item = (id: number): CatalogItemSummary => ({
  id,
  kind: 'product',
  code: `P${id}`,
  name: `Product ${id}`,
  category: 'Docks',
  status: 'active',
  manufacturer: null,
  part_number: null,
  ean: null,
  price: null,
});
const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => item(from + i));

describe('keyset paging', () => {
  it('takes the cursor from the last item', () => {
    expect(cursorAfter([])).toBeNull();
    expect(cursorAfter(range(1, 3))).toEqual({ kind: 'product', category: 'Docks', name: 'Product 3', id: 3 });
  });

  it('appends pages and knows the last one', () => {
    let paged = mergePage({ items: [], complete: false }, range(1, 10), 10);
    expect(paged).toEqual({ items: range(1, 10), complete: false });
    paged = mergePage(paged, range(11, 4), 10);
    expect(paged.items.map((i) => i.id)).toEqual(range(1, 14).map((i) => i.id));
    expect(paged.complete).toBe(true);
  });

  it('does not add a page twice', () => {
    const paged = mergePage({ items: range(1, 10), complete: false }, range(6, 10), 10);
    expect(paged.items.map((i) => i.id)).toEqual(range(1, 15).map((i) => i.id));
  });

  it('asks for more near the end only', () => {
    const paged = { items: range(1, 200), complete: false };
    expect(needsMore(100, paged, false)).toBe(false);
    expect(needsMore(160, paged, false)).toBe(true);
    expect(needsMore(160, paged, true)).toBe(false);
    expect(needsMore(199, { ...paged, complete: true }, false)).toBe(false);
  });
});

describe('LatestOnly', () => {
  it('drops answers to older requests', async () => {
    const guard = new LatestOnly();
    const shown: string[] = [];
    const answer = (text: string, ms: number) => new Promise<string>((r) => setTimeout(() => r(text), ms));
    const search = async (text: string, ms: number) => {
      const token = guard.next();
      const result = await answer(text, ms);
      if (guard.isCurrent(token)) shown.push(result);
    };
    await Promise.all([search('t', 30), search('th', 5), search('thi', 15)]);
    expect(shown).toEqual(['thi']);
    expect(guard.isCurrent(guard.latest())).toBe(true);
  });
});

describe('debounce', () => {
  it('runs once after the typing stops', () => {
    vi.useFakeTimers();
    const run = vi.fn();
    const typed = debounce(run, 120);
    typed('t');
    vi.advanceTimersByTime(50);
    typed('th');
    vi.advanceTimersByTime(119);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(run).toHaveBeenCalledExactlyOnceWith('th');
    typed('x');
    typed.cancel();
    vi.advanceTimersByTime(500);
    expect(run).toHaveBeenCalledTimes(1);
    vi.useRealTimers();
  });
});

describe('countLabel', () => {
  it('marks a lower bound', () => {
    expect(countLabel(1200, true, 'en')).toBe('1,200');
    expect(countLabel(1200, false, 'de')).toBe('1.200+');
  });
});
