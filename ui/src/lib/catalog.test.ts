import { describe, expect, it } from 'vitest';
import type { CatalogItemSummary, ItemKind } from './bindings';
import { countByKind, groupByKind, highlight, keyToMove, kindLabel, moveSelection } from './catalog';

function item(id: number, kind: ItemKind, name = `Item ${id}`): CatalogItemSummary {
  return {
    id,
    kind,
    code: `C${id}`,
    name,
    category: 'Test',
    status: 'active',
    manufacturer: null,
    part_number: null,
    ean: null,
    price: null,
  };
}

const items = [item(1, 'product'), item(2, 'service'), item(3, 'add_on'), item(4, 'product'), item(5, 'basic_service')];

describe('groupByKind', () => {
  it('groups in catalog order: services, basic services, add-ons, products', () => {
    const groups = groupByKind(items, 'all');
    expect(groups.map((g) => g.kind)).toEqual(['service', 'basic_service', 'add_on', 'product']);
    expect(groups[3]?.items.map((i) => i.id)).toEqual([1, 4]);
  });

  it('keeps only the chosen kind and drops empty groups', () => {
    expect(groupByKind(items, 'product').map((g) => g.kind)).toEqual(['product']);
    expect(groupByKind([item(1, 'product')], 'service')).toEqual([]);
  });
});

describe('countByKind', () => {
  it('counts every kind and the total', () => {
    expect(countByKind(items)).toEqual({ all: 5, service: 1, basic_service: 1, add_on: 1, product: 2 });
  });
});

describe('moveSelection', () => {
  const ids = [10, 20, 30, 40];
  it('moves within bounds', () => {
    expect(moveSelection(ids, null, 'down')).toBe(10);
    expect(moveSelection(ids, 10, 'down')).toBe(20);
    expect(moveSelection(ids, 40, 'down')).toBe(40);
    expect(moveSelection(ids, 10, 'up')).toBe(10);
    expect(moveSelection(ids, 30, 'up')).toBe(20);
    expect(moveSelection(ids, 20, 'last')).toBe(40);
    expect(moveSelection(ids, 40, 'first')).toBe(10);
    expect(moveSelection(ids, 10, 'page_down', 2)).toBe(30);
    expect(moveSelection(ids, 20, 'page_up', 5)).toBe(10);
  });

  it('starts from the top when the selection left the list', () => {
    expect(moveSelection(ids, 99, 'down')).toBe(10);
    expect(moveSelection([], 10, 'down')).toBeNull();
  });

  it('maps keys to moves', () => {
    expect(keyToMove('ArrowDown')).toBe('down');
    expect(keyToMove('End')).toBe('last');
    expect(keyToMove('a')).toBeNull();
  });
});

describe('highlight', () => {
  it('marks every occurrence of every word, case-insensitively', () => {
    expect(highlight('Lenovo ThinkPad T14', 'think t14')).toEqual([
      { text: 'Lenovo ', match: false },
      { text: 'Think', match: true },
      { text: 'Pad ', match: false },
      { text: 'T14', match: true },
    ]);
  });

  it('returns the text whole without a search', () => {
    expect(highlight('Dock', '  ')).toEqual([{ text: 'Dock', match: false }]);
  });
});

describe('kindLabel', () => {
  it('names kinds in both languages, one and many', () => {
    expect(kindLabel('basic_service', 'en')).toBe('Basic service');
    expect(kindLabel('basic_service', 'en', 'many')).toBe('Basic services');
    expect(kindLabel('add_on', 'en', 'many')).toBe('Add-ons');
    expect(kindLabel('basic_service', 'de')).toBe('Basisdienst');
    expect(kindLabel('add_on', 'de', 'many')).toBe('Zusatzleistungen');
    expect(kindLabel('product', 'de', 'many')).toBe('Produkte');
  });
});

describe('moveIndex and countsOfRuns', () => {
  it('moves by index without an id list', async () => {
    const { moveIndex } = await import('./catalog');
    expect(moveIndex(0, -1, 'down')).toBe(-1);
    expect(moveIndex(1_000_000, -1, 'down')).toBe(0);
    expect(moveIndex(1_000_000, 5, 'page_down', 20)).toBe(25);
    expect(moveIndex(30, 25, 'page_down', 20)).toBe(29);
    expect(moveIndex(30, 25, 'last')).toBe(29);
    expect(moveIndex(30, 3, 'page_up', 20)).toBe(0);
  });

  it('counts kinds, marking lower bounds while pages are missing', async () => {
    const { countsOfRuns } = await import('./catalog');
    const runs = [
      { kind: 'service' as const, count: 10 },
      { kind: 'product' as const, count: 190 },
    ];
    const partial = countsOfRuns(runs, false);
    expect(partial.service).toEqual({ n: 10, exact: true });
    expect(partial.add_on).toEqual({ n: 0, exact: true });
    expect(partial.product).toEqual({ n: 190, exact: false });
    expect(partial.all).toEqual({ n: 200, exact: false });
    expect(countsOfRuns(runs, true).product).toEqual({ n: 190, exact: true });
  });
});
