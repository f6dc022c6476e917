import { describe, expect, it } from 'vitest';
import type { InstanceStatus, InstanceView, Place, PlaceCost } from './bindings';
import {
  ariaSort,
  arrangeRows,
  autoReason,
  compareAmounts,
  filterCounts,
  filterLabel,
  groupInventory,
  isNothing,
  matchesFilter,
  nextDate,
  nextSort,
  placeKey,
  placeName,
  type Sort,
} from './inventory';

type Row = Pick<InstanceView, 'id' | 'item_name' | 'context_label' | 'status' | 'dates' | 'monthly' | 'parent' | 'place' | 'place_label'>;

const HAMBURG: Place = { place: 'location', id: 1 };
const BERLIN: Place = { place: 'location', id: 2 };
const ERP: Place = { place: 'cloud_container', id: 7 };

function row(id: number, fields: Partial<Row> = {}): Row {
  return {
    id,
    item_name: `Item ${id}`,
    context_label: 'Anna',
    status: 'active',
    dates: { start: '2026-01-01', minimum_term_end: null, notice_deadline: null, next_renewal: null, end: null } as Row['dates'],
    monthly: '0',
    parent: null,
    place: HAMBURG,
    place_label: 'Hamburg',
    ...fields,
  };
}

const ids = (rows: { row: Row; depth: number }[]) => rows.map((r) => r.row.id);

describe('status filter', () => {
  it('running is ordered, provisioning and active; a status shows only itself', () => {
    const running: InstanceStatus[] = ['ordered', 'provisioning', 'active'];
    for (const s of ['planned', 'ordered', 'provisioning', 'active', 'cancelled', 'retired'] as InstanceStatus[]) {
      expect(matchesFilter(s, 'all')).toBe(true);
      expect(matchesFilter(s, 'running')).toBe(running.includes(s));
      expect(matchesFilter(s, s)).toBe(true);
    }
    expect(matchesFilter('cancelled', 'retired')).toBe(false);
  });
  it('counts what each choice shows, and labels it in the UI language', () => {
    const counts = filterCounts([{ status: 'active' }, { status: 'ordered' }, { status: 'cancelled' }, { status: 'planned' }]);
    expect(counts).toEqual({ all: 4, running: 2, planned: 1, ordered: 1, provisioning: 0, active: 1, cancelled: 1, retired: 0 });
    expect(filterLabel('running', 2, 'en')).toBe('Running (2)');
    expect(filterLabel('running', 2, 'de')).toBe('Laufend (2)');
    expect(filterLabel('cancelled', 1, 'de')).toBe('gekündigt (1)');
  });
});

describe('sorting', () => {
  it('a header sorts ascending, a second click reverses, another header starts ascending', () => {
    let sort: Sort | null = null;
    sort = nextSort(sort, 'item');
    expect(sort).toEqual({ key: 'item', descending: false });
    expect(ariaSort(sort, 'item')).toBe('ascending');
    sort = nextSort(sort, 'item');
    expect(sort).toEqual({ key: 'item', descending: true });
    expect(ariaSort(sort, 'item')).toBe('descending');
    expect(ariaSort(sort, 'start')).toBe('none');
    expect(nextSort(sort, 'monthly')).toEqual({ key: 'monthly', descending: false });
  });
  it('compares amounts exactly, whatever their decimals', () => {
    expect(compareAmounts('9.90', '10')).toBe(-1);
    expect(compareAmounts('10.00', '10')).toBe(0);
    expect(compareAmounts('1149.00', '59.005')).toBe(1);
  });
  it('sorts by item, context, status, start and monthly; no sort keeps the core order', () => {
    const rows = [
      row(1, { item_name: 'Workplace', context_label: 'Ben', status: 'cancelled', dates: { ...row(0).dates, start: '2026-03-01' }, monthly: '59.00' }),
      row(2, { item_name: 'backup', context_label: 'anna', status: 'ordered', dates: { ...row(0).dates, start: '2026-01-15' }, monthly: '6.90' }),
      row(3, { item_name: 'Managed365', context_label: 'Clara', status: 'planned', dates: { ...row(0).dates, start: '2025-12-01' }, monthly: '120.00' }),
    ];
    expect(ids(arrangeRows(rows, null))).toEqual([1, 2, 3]);
    expect(ids(arrangeRows(rows, { key: 'item', descending: false }))).toEqual([2, 3, 1]);
    expect(ids(arrangeRows(rows, { key: 'item', descending: true }))).toEqual([1, 3, 2]);
    expect(ids(arrangeRows(rows, { key: 'context', descending: false }))).toEqual([2, 1, 3]);
    expect(ids(arrangeRows(rows, { key: 'status', descending: false }))).toEqual([3, 2, 1]);
    expect(ids(arrangeRows(rows, { key: 'start', descending: false }))).toEqual([3, 2, 1]);
    expect(ids(arrangeRows(rows, { key: 'monthly', descending: true }))).toEqual([3, 1, 2]);
  });
  it('keeps a linked instance under its parent, sorted among its siblings; an orphan stands alone', () => {
    const rows = [
      row(1, { item_name: 'Workplace' }),
      row(2, { item_name: 'MDM', parent: 1 }),
      row(3, { item_name: 'Backup', parent: 1 }),
      row(4, { item_name: 'Antivirus' }),
      row(5, { item_name: 'Zebra', parent: 99 }),
    ];
    const arranged = arrangeRows(rows, { key: 'item', descending: false });
    expect(arranged.map((r) => [r.row.id, r.depth])).toEqual([
      [4, 0],
      [1, 0],
      [3, 1],
      [2, 1],
      [5, 0],
    ]);
  });
});

describe('places', () => {
  const cost = (place: Place, label: string, monthly: string): PlaceCost => ({ place, label, instances: 1, one_time: '0', monthly });
  it('groups rows under their place in the core order, places without counted costs after their kind', () => {
    const instances = [
      row(1, { place: { place: 'customer_wide' }, place_label: '', status: 'active' }),
      row(2, { place: HAMBURG, status: 'active' }),
      row(3, { place: BERLIN, place_label: 'Berlin', status: 'active' }),
      row(4, { place: ERP, place_label: 'ERP', status: 'planned' }),
      row(5, { place: { place: 'no_location' }, place_label: '', status: 'ordered' }),
      row(6, { place: { place: 'location', id: 3 }, place_label: 'Aachen', status: 'planned' }),
      row(7, { place: HAMBURG, status: 'cancelled' }),
    ];
    const per_place = [
      cost(BERLIN, 'Berlin', '7.90'),
      cost(HAMBURG, 'Hamburg', '74.80'),
      cost({ place: 'no_location' }, '', '7.90'),
      cost({ place: 'customer_wide' }, '', '49.00'),
    ];
    const groups = groupInventory({ instances, per_place }, 'all', null);
    expect(groups.map((g) => g.key)).toEqual(['location:2', 'location:1', 'location:3', 'cloud_container:7', 'no_location', 'customer_wide']);
    expect(groups[1]?.subtotal?.monthly).toBe('74.80');
    expect(ids(groups[1]?.rows ?? [])).toEqual([2, 7]);
    expect(groups[2]?.subtotal).toBeNull();

    const running = groupInventory({ instances, per_place }, 'running', null);
    expect(running.map((g) => g.key)).toEqual(['location:2', 'location:1', 'no_location', 'customer_wide']);
    expect(ids(running[1]?.rows ?? [])).toEqual([2]);
    expect(groupInventory({ instances, per_place }, 'retired', null)).toEqual([]);
  });
  it('names the places without a name in the UI language', () => {
    expect(placeName({ place: 'no_location' }, '', 'en')).toBe('Employees without a location');
    expect(placeName({ place: 'no_location' }, '', 'de')).toBe('Mitarbeiter ohne Standort');
    expect(placeName({ place: 'customer_wide' }, '', 'de')).toBe('Kundenweit');
    expect(placeName(HAMBURG, 'Hamburg', 'de')).toBe('Hamburg');
    expect(placeKey(ERP)).toBe('cloud_container:7');
  });
});

describe('cells', () => {
  it('nothing due is zero in any spelling', () => {
    for (const zero of ['0', '0.00', '0.0000', '-0.00', '']) expect(isNothing(zero)).toBe(true);
    for (const some of ['0.01', '7.90', '-1.00', '100']) expect(isNothing(some)).toBe(false);
  });
  it('under the start: the end, else the notice deadline, else the minimum term', () => {
    const d = row(0).dates;
    expect(nextDate(d)).toBeNull();
    expect(nextDate({ ...d, minimum_term_end: '2027-01-01' })).toEqual({ label: 'minTerm', date: '2027-01-01' });
    expect(nextDate({ ...d, minimum_term_end: '2027-01-01', notice_deadline: '2026-10-01' })).toEqual({ label: 'noticeBy', date: '2026-10-01' });
    expect(nextDate({ ...d, notice_deadline: '2026-10-01', end: '2026-12-02' })).toEqual({ label: 'ends', date: '2026-12-02' });
  });
});

describe('why an instance was added', () => {
  it('says it in the UI language from the parent, never from the stored English text', () => {
    expect(autoReason({ reason: 'requested', parent: null }, null, 'de')).toBeNull();
    expect(autoReason({ reason: 'mandatory with Lenovo ThinkPad T14 Gen 5', parent: 4 }, 'Lenovo ThinkPad T14 Gen 5', 'de')).toBe('Mit Lenovo ThinkPad T14 Gen 5 hinzugefügt');
    expect(autoReason({ reason: 'required by Managed365 (customer-wide)', parent: null }, null, 'de')).toBe('Als Basisdienst hinzugefügt, den andere Buchungen brauchen');
    expect(autoReason({ reason: 'required by Managed365 (customer-wide)', parent: null }, null, 'en')).toBe('Added as a basic service that other bookings need');
  });
});
