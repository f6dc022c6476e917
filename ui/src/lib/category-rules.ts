// Category rules in the UI (docs/category-rules.md): what a rule matches, in
// words; the categories field as the person types it; a rule as it is sent
// (names and categories trimmed, an empty manufacturer meaning "any").
import type { BookingContext, CategoryRuleRecord, ProductDetail } from './bindings';
import { translate, type Lang } from './i18n';

/** Categories as typed: separated by commas, semicolons or lines; blanks at
 * the ends dropped; the same name twice (ignoring case) kept once. */
export function parseCategories(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of text.split(/[,;\n]/)) {
    const name = part.trim();
    const key = name.toLowerCase();
    if (name === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(name);
  }
  return out;
}

/** The categories field's text for a rule. */
export function categoriesText(categories: readonly string[]): string {
  return categories.join(', ');
}

export function isDefaultRule(record: Pick<CategoryRuleRecord, 'categories' | 'manufacturer'>): boolean {
  return (record.categories?.length ?? 0) === 0 && !record.manufacturer;
}

/** What a rule matches: "Notebook, Notebooks · Lenovo", "every product of Lenovo",
 * "every product no other rule matches". */
export function ruleMatches(record: CategoryRuleRecord, lang: Lang): string {
  const categories = record.categories ?? [];
  const maker = record.manufacturer ?? null;
  if (categories.length === 0 && !maker) return translate(lang, 'cr.matchesDefault');
  if (categories.length === 0) return translate(lang, 'cr.matchesManufacturer', { manufacturer: maker ?? '' });
  const list = categories.join(', ');
  return maker ? translate(lang, 'cr.matchesBoth', { categories: list, manufacturer: maker }) : list;
}

/** A rule as it is saved: name, categories and manufacturer without blanks at
 * their ends; an empty manufacturer is "any manufacturer". */
export function cleanRule(record: CategoryRuleRecord): CategoryRuleRecord {
  const manufacturer = record.manufacturer?.trim() ?? '';
  return {
    name: record.name.trim(),
    categories: parseCategories((record.categories ?? []).join('\n')),
    manufacturer: manufacturer === '' ? null : manufacturer,
    allowed_contexts: [...record.allowed_contexts],
    links: (record.links ?? []).map((l) => ({ ...l, item: l.item.trim() })),
  };
}

/** A new rule: bookable for an employee and in a workplace, nothing linked. */
export function blankRule(): CategoryRuleRecord {
  return { name: '', categories: [], manufacturer: null, allowed_contexts: ['employee', 'workplace'], links: [] };
}

/** Toggles a context, keeping the domain's order. */
export function toggleContext(contexts: readonly BookingContext[], context: BookingContext, on: boolean): BookingContext[] {
  const order: BookingContext[] = ['employee', 'location', 'cloud_container', 'workplace', 'global'];
  const set = new Set(contexts);
  if (on) set.add(context);
  else set.delete(context);
  return order.filter((c) => set.has(c));
}

/** Whether two rules say the same (so Save has nothing to do). */
export function sameRule(a: CategoryRuleRecord, b: CategoryRuleRecord): boolean {
  return JSON.stringify(cleanRule(a)) === JSON.stringify(cleanRule(b));
}

/** A product's source line: "ITScope · 10001039", "Entered by hand". */
export function sourceLine(product: Pick<ProductDetail, 'source' | 'source_key'>, lang: Lang): string {
  const known: Record<string, string> = { itscope: 'ITScope', synaxon: 'SYNAXON', icecat: 'Icecat' };
  if (product.source === 'custom') return translate(lang, 'detail.sourceCustom');
  const name = known[product.source.toLowerCase()] ?? product.source;
  return product.source_key ? `${name} · ${product.source_key}` : name;
}
