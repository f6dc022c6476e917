import { describe, expect, it } from 'vitest';
import type { PickedItem, PickQuery } from './bindings';
import { choosable, KnownItems, moveActive, nearEnd, PICK_PAGE, pickQuery, PickResults, type PickState } from './item-picker';

const item = (id: number, name = `Item ${id}`): PickedItem => ({
  id,
  kind: 'product',
  code: `P${id}`,
  name,
  category: 'Docks',
  status: 'active',
  manufacturer: null,
  part_number: null,
  ean: null,
  price: null,
  fit: null,
});
const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => item(from + i));

/** A fetch whose answers the test releases by hand, in any order. */
function controlled() {
  const calls: { query: PickQuery; answer: (items: PickedItem[]) => void; fail: (e: Error) => void }[] = [];
  const fetch = (query: PickQuery) =>
    new Promise<PickedItem[]>((answer, fail) => {
      calls.push({ query, answer, fail });
    });
  return { calls, fetch };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('the picker query', () => {
  it('carries the caller’s filters, a page size and the cursor of the items shown', () => {
    // The core filters; the picker never filters a page itself (a page would shrink).
    expect(pickQuery(' note ', { kinds: ['service', 'product'], activeOnly: true, exclude: ['SVC-A'] })).toEqual({
      text: 'note',
      kinds: ['service', 'product'],
      active_only: true,
      exclude: ['SVC-A'],
      into: [],
      limit: PICK_PAGE,
      after: null,
    });
    // The booking dialog asks whether items fit the contexts it books into.
    expect(pickQuery('', { into: ['cloud_container'] }).into).toEqual(['cloud_container']);
    expect(pickQuery('', {}, range(1, 3)).after).toEqual({ kind: 'product', category: 'Docks', name: 'Item 3', id: 3 });
  });
});

describe('items that do not fit', () => {
  it('are listed but cannot be chosen; items without a fit can', () => {
    expect(choosable(item(1))).toBe(true);
    expect(choosable({ ...item(2), fit: { fits: true, booked_for: ['workplace'] } })).toBe(true);
    expect(choosable({ ...item(3), fit: { fits: false, booked_for: ['workplace'] } })).toBe(false);
    expect(choosable(undefined)).toBe(false);
  });

  it('stay on the page in list order, so paging goes on after them', async () => {
    const { calls, fetch } = controlled();
    const results = new PickResults(fetch, () => ({ into: ['cloud_container'] }), () => undefined);
    void results.search('');
    const page = range(1, PICK_PAGE).map((i, n) => ({ ...i, fit: { fits: n % 2 === 0, booked_for: [] } }));
    calls[0]!.answer(page);
    await tick();
    expect(results.current.items).toHaveLength(PICK_PAGE);
    expect(results.current.complete).toBe(false);
    void results.more();
    expect(calls[1]!.query.into).toEqual(['cloud_container']);
    expect(calls[1]!.query.after?.id).toBe(PICK_PAGE);
  });
});

describe('picker results', () => {
  it('ignores a slow answer to an older search', async () => {
    const { calls, fetch } = controlled();
    const states: PickState[] = [];
    const results = new PickResults(fetch, () => ({}), (s) => states.push(s));
    void results.search('no');
    void results.search('not');
    // "not" answers first, then the slow answer for "no" arrives: it must not win.
    calls[1]!.answer([item(2, 'Notebook')]);
    await tick();
    calls[0]!.answer([item(1, 'Nordic')]);
    await tick();
    expect(results.current.text).toBe('not');
    expect(results.current.items.map((i) => i.name)).toEqual(['Notebook']);
    expect(results.current.loading).toBe(false);
    expect(states.some((s) => s.items.some((i) => i.name === 'Nordic'))).toBe(false);
  });

  it('loads the next page after the last item, once, and knows the end', async () => {
    const { calls, fetch } = controlled();
    const results = new PickResults(fetch, () => ({ kinds: ['product'] }), () => undefined);
    void results.search('dock');
    calls[0]!.answer(range(1, PICK_PAGE));
    await tick();
    void results.more();
    void results.more(); // scrolling on while the page is on its way asks nothing more
    expect(calls).toHaveLength(2);
    expect(calls[1]!.query.after?.id).toBe(PICK_PAGE);
    expect(calls[1]!.query.kinds).toEqual(['product']);
    calls[1]!.answer(range(PICK_PAGE + 1, 3));
    await tick();
    expect(results.current.items).toHaveLength(PICK_PAGE + 3);
    expect(results.current.complete).toBe(true);
    void results.more();
    expect(calls).toHaveLength(2);
  });

  it('drops a page of an older search that arrives after a new search started', async () => {
    const { calls, fetch } = controlled();
    const results = new PickResults(fetch, () => ({}), () => undefined);
    void results.search('dock');
    calls[0]!.answer(range(1, PICK_PAGE));
    await tick();
    void results.more();
    void results.search('docking');
    calls[1]!.answer(range(100, PICK_PAGE));
    calls[2]!.answer([item(500)]);
    await tick();
    expect(results.current.text).toBe('docking');
    expect(results.current.items.map((i) => i.id)).toEqual([500]);
  });

  it('keeps showing the older answer, marked loading, until the new one comes', async () => {
    const { calls, fetch } = controlled();
    const results = new PickResults(fetch, () => ({}), () => undefined);
    void results.search('no');
    calls[0]!.answer([item(1, 'Nordic')]);
    await tick();
    void results.search('not');
    // Nothing flickers away while the new answer is on its way.
    expect(results.current).toMatchObject({ text: 'no', loading: true });
    expect(results.current.items.map((i) => i.name)).toEqual(['Nordic']);
    calls[1]!.answer([item(2, 'Notebook')]);
    await tick();
    expect(results.current).toMatchObject({ text: 'not', loading: false });
  });

  it('says when the search failed and keeps what it had', async () => {
    const { calls, fetch } = controlled();
    const results = new PickResults(fetch, () => ({}), () => undefined);
    void results.search('x');
    calls[0]!.fail(new Error('database is locked'));
    await tick();
    expect(results.current.error).toBe('database is locked');
    expect(results.current.loading).toBe(false);
  });
});

describe('the keyboard', () => {
  it('moves within the list and stops at its ends', () => {
    expect(moveActive(0, 'ArrowDown', 3)).toBe(1);
    expect(moveActive(2, 'ArrowDown', 3)).toBe(2);
    expect(moveActive(0, 'ArrowUp', 3)).toBe(0);
    expect(moveActive(5, 'PageUp', 50)).toBe(0);
    expect(moveActive(45, 'PageDown', 50)).toBe(49);
    expect(moveActive(0, 'Enter', 3)).toBeNull();
    expect(moveActive(0, 'ArrowDown', 0)).toBeNull();
  });

  it('asks for more when the list is scrolled near its end', () => {
    expect(nearEnd(0, 300, 2000, 30)).toBe(false);
    expect(nearEnd(1500, 300, 2000, 30)).toBe(true);
  });
});

describe('known items', () => {
  it('reads each code once, in one call for a form’s pickers, and skips unknown codes', async () => {
    const asked: string[][] = [];
    const known = new KnownItems(async (codes) => {
      asked.push(codes);
      return codes.filter((c) => c !== 'GONE').map((c) => ({ ...item(Number(c.slice(1)) || 0), code: c }));
    });
    const found = await known.many(['P1', 'P2', 'P1', 'GONE', '']);
    expect([...found.keys()]).toEqual(['P1', 'P2']);
    expect(await known.get('P2')).toMatchObject({ code: 'P2' });
    expect(await known.get('GONE')).toBeNull();
    expect(asked).toEqual([['P1', 'P2', 'GONE']]);
    known.remember({ ...item(9), code: 'P9' });
    expect(await known.get('P9')).toMatchObject({ code: 'P9' });
    expect(asked).toHaveLength(1);
  });

  it('asks again after a failed read', async () => {
    let fail = true;
    const known = new KnownItems(async (codes) => {
      if (fail) throw new Error('busy');
      return codes.map((c) => ({ ...item(1), code: c }));
    });
    await expect(known.get('P1')).rejects.toThrow('busy');
    fail = false;
    expect(await known.get('P1')).toMatchObject({ code: 'P1' });
  });
});
