// The inventory as a contract list (issue 14, item 4): instances grouped under
// their place (a location with its employees and workplaces, a cloud container,
// the employees without a location, customer-wide) with the place's subtotal
// from the core, sorted by a column and filtered by status. Pure functions; the
// core decides places and sums, these only arrange what it sent.
import type { ContractDates, InstanceStatus, InstanceView, Place, PlaceCost } from './bindings';
import { fractionDigits, toScaled } from './booking';
import { translate, type Lang } from './i18n';

/** What the status filter shows: everything, what runs (ordered to active), or one status. */
export type StatusFilter = 'all' | 'running' | InstanceStatus;

/** The lifecycle in its order: statuses sort by it. */
export const STATUSES: readonly InstanceStatus[] = ['planned', 'ordered', 'provisioning', 'active', 'cancelled', 'retired'];

const RUNNING: readonly InstanceStatus[] = ['ordered', 'provisioning', 'active'];

/** The filter's choices in the order the menu lists them. */
export const FILTERS: readonly StatusFilter[] = ['all', 'running', ...STATUSES];

export function matchesFilter(status: InstanceStatus, filter: StatusFilter): boolean {
  if (filter === 'all') return true;
  if (filter === 'running') return RUNNING.includes(status);
  return status === filter;
}

/** How many instances each filter choice shows. */
export function filterCounts(instances: readonly Pick<InstanceView, 'status'>[]): Record<StatusFilter, number> {
  const counts = Object.fromEntries(FILTERS.map((f) => [f, 0])) as Record<StatusFilter, number>;
  for (const i of instances) for (const f of FILTERS) if (matchesFilter(i.status, f)) counts[f] += 1;
  return counts;
}

/** "All", "Running", "cancelled". */
export function filterName(filter: StatusFilter, lang: Lang): string {
  return filter === 'all' || filter === 'running' ? translate(lang, `inv.filter.${filter}`) : translate(lang, `status.${filter}`);
}

/** "All (12)", "Running (9)", "cancelled (2)". */
export function filterLabel(filter: StatusFilter, count: number, lang: Lang): string {
  return `${filterName(filter, lang)} (${count})`;
}

export type SortKey = 'item' | 'context' | 'status' | 'start' | 'monthly';

export interface Sort {
  key: SortKey;
  descending: boolean;
}

/** A click on a column's header: sort by it ascending, or reverse it when it already sorts. */
export function nextSort(current: Sort | null, key: SortKey): Sort {
  return current?.key === key ? { key, descending: !current.descending } : { key, descending: false };
}

/** The header's aria-sort value. */
export function ariaSort(current: Sort | null, key: SortKey): 'ascending' | 'descending' | 'none' {
  if (current?.key !== key) return 'none';
  return current.descending ? 'descending' : 'ascending';
}

type Row = Pick<InstanceView, 'id' | 'item_name' | 'context_label' | 'status' | 'dates' | 'monthly' | 'parent'>;

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Exact comparison of two decimal strings from the core. */
export function compareAmounts(a: string, b: string): number {
  const scale = Math.max(fractionDigits(a), fractionDigits(b));
  const x = toScaled(a, scale);
  const y = toScaled(b, scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

function compareBy(key: SortKey, a: Row, b: Row): number {
  switch (key) {
    case 'item':
      return collator.compare(a.item_name, b.item_name);
    case 'context':
      return collator.compare(a.context_label, b.context_label);
    case 'status':
      return STATUSES.indexOf(a.status) - STATUSES.indexOf(b.status);
    case 'start':
      return a.dates.start < b.dates.start ? -1 : a.dates.start > b.dates.start ? 1 : 0;
    case 'monthly':
      return compareAmounts(a.monthly, b.monthly);
  }
}

/**
 * Rows in the order shown: sorted by `sort` (ties, and no sort, keep the core's
 * order), each linked instance right below its parent when the parent is shown
 * too (depth 1), sorted the same way among its siblings.
 */
export function arrangeRows<R extends Row>(rows: readonly R[], sort: Sort | null): { row: R; depth: number }[] {
  const order = new Map(rows.map((r, at) => [r.id, at]));
  const cmp = (a: R, b: R) => {
    const by = sort ? compareBy(sort.key, a, b) : 0;
    return (sort?.descending ? -by : by) || (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0);
  };
  const shown = new Set(rows.map((r) => r.id));
  const children = new Map<number, R[]>();
  const tops: R[] = [];
  for (const r of rows) {
    if (r.parent !== null && shown.has(r.parent)) {
      const list = children.get(r.parent) ?? [];
      list.push(r);
      children.set(r.parent, list);
    } else {
      tops.push(r);
    }
  }
  const out: { row: R; depth: number }[] = [];
  const visit = (r: R, depth: number, seen: Set<number>) => {
    if (seen.has(r.id)) return;
    seen.add(r.id);
    out.push({ row: r, depth: Math.min(depth, 1) });
    for (const c of [...(children.get(r.id) ?? [])].sort(cmp)) visit(c, depth + 1, seen);
  };
  const seen = new Set<number>();
  for (const r of [...tops].sort(cmp)) visit(r, 0, seen);
  // A cycle of parents (never written by the core) would leave rows out: show them anyway.
  for (const r of rows) if (!seen.has(r.id)) visit(r, 0, seen);
  return out;
}

/** A stable key for a place ("location:3", "no_location"). */
export function placeKey(place: Place): string {
  return 'id' in place ? `${place.place}:${place.id}` : place.place;
}

const PLACE_RANK: Record<Place['place'], number> = { location: 0, cloud_container: 1, no_location: 2, customer_wide: 3 };

/** A place's heading: the location's or container's name, or "No location" / "Customer-wide" in `lang`. */
export function placeName(place: Place, label: string, lang: Lang): string {
  if (place.place === 'no_location') return translate(lang, 'inv.place.noLocation');
  if (place.place === 'customer_wide') return translate(lang, 'inv.place.customerWide');
  return label;
}

/** What kind of place it is, in `lang` ("Location", "Cloud container"); none for the two named ones. */
export function placeKind(place: Place, lang: Lang): string | null {
  if (place.place === 'location') return translate(lang, 'context.location');
  if (place.place === 'cloud_container') return translate(lang, 'context.cloud_container');
  return null;
}

export interface PlaceGroup<R> {
  place: Place;
  key: string;
  /** The core's name for it (empty for no location and customer-wide). */
  label: string;
  /** The core's subtotal (instances whose costs count); null when none of its instances count. */
  subtotal: PlaceCost | null;
  rows: { row: R; depth: number }[];
}

type Placed = Row & Pick<InstanceView, 'place' | 'place_label'>;

/**
 * The inventory as shown: one group per place that holds an instance the filter
 * lets through, in the core's order of places (`per_place`: locations and cloud
 * containers as the structure lists them, then no location, customer-wide); a
 * place holding only instances whose costs do not count (planned, retired)
 * comes after the counted ones of its kind, by name.
 */
export function groupInventory<R extends Placed>(
  inventory: { instances: readonly R[]; per_place: readonly PlaceCost[] },
  filter: StatusFilter,
  sort: Sort | null,
): PlaceGroup<R>[] {
  const subtotals = new Map(inventory.per_place.map((p, at) => [placeKey(p.place), { cost: p, at }]));
  const byPlace = new Map<string, { place: Place; label: string; rows: R[] }>();
  for (const row of inventory.instances) {
    if (!matchesFilter(row.status, filter)) continue;
    const key = placeKey(row.place);
    const group = byPlace.get(key) ?? { place: row.place, label: row.place_label, rows: [] };
    group.rows.push(row);
    byPlace.set(key, group);
  }
  const groups = [...byPlace.entries()].map(([key, g]) => ({
    place: g.place,
    key,
    label: g.label,
    subtotal: subtotals.get(key)?.cost ?? null,
    rows: arrangeRows(g.rows, sort),
  }));
  const position = (g: PlaceGroup<R>) => subtotals.get(g.key)?.at ?? Number.MAX_SAFE_INTEGER;
  return groups.sort(
    (a, b) =>
      PLACE_RANK[a.place.place] - PLACE_RANK[b.place.place] || position(a) - position(b) || collator.compare(a.label, b.label),
  );
}

/** True when an amount is zero: nothing is due, and the cell stays empty. */
export function isNothing(amount: string): boolean {
  return /^\s*-?0*(\.0*)?\s*$/.test(amount);
}

/**
 * The date a contract list shows under the start: when it ends, else by when
 * notice must be given, else when the minimum term ends; null when none applies.
 */
export function nextDate(dates: ContractDates): { label: 'ends' | 'noticeBy' | 'minTerm'; date: string } | null {
  if (dates.end) return { label: 'ends', date: dates.end };
  if (dates.notice_deadline) return { label: 'noticeBy', date: dates.notice_deadline };
  if (dates.minimum_term_end) return { label: 'minTerm', date: dates.minimum_term_end };
  return null;
}

/**
 * Why an instance that was not asked for is there, in `lang`: added with its
 * parent (a linked item), or as a basic service other bookings need. The core
 * stores that reason as English text; it is not parsed, the row's parent says
 * which it is. Null for an instance that was asked for.
 */
export function autoReason(row: Pick<InstanceView, 'reason' | 'parent'>, parentName: string | null, lang: Lang): string | null {
  if (!row.reason || row.reason === 'requested') return null;
  if (row.parent !== null && parentName) return translate(lang, 'inv.autoLinked', { name: parentName });
  return translate(lang, 'inv.autoRequired');
}
