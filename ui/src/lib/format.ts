// Formatting for people. Amounts arrive as exact decimal strings from the core
// (rust_decimal); they are never turned into floating-point numbers here: the
// locale only decides the symbols, separators and where the currency goes.
import type { PriceConversion, SalesUnit } from './bindings';
import { translate, type Lang } from './i18n';

export interface NumberSymbols {
  group: string;
  decimal: string;
}

const symbolCache = new Map<string, NumberSymbols>();

export function numberSymbols(locale: string): NumberSymbols {
  let symbols = symbolCache.get(locale);
  if (!symbols) {
    const parts = new Intl.NumberFormat(locale).formatToParts(1234567.5);
    symbols = {
      group: parts.find((p) => p.type === 'group')?.value ?? ',',
      decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
    };
    symbolCache.set(locale, symbols);
  }
  return symbols;
}

/** "1234567.5" → "1,234,567.50" (en) or "1.234.567,50" (de), exactly. */
export function formatDecimal(amount: string, locale: string, minFraction = 0): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(amount.trim());
  if (!match) return amount;
  const [, sign = '', integer = '0', fraction = ''] = match;
  const { group, decimal } = numberSymbols(locale);
  const grouped = integer.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const paddedFraction = fraction.padEnd(minFraction, '0');
  return `${sign}${grouped}${paddedFraction ? decimal + paddedFraction : ''}`;
}

/** An exact amount with its currency placed as the locale places it. */
export function formatMoney(amount: string, currency: string, locale: string): string {
  const digits = currencyDigits(currency, locale);
  const formattedNumber = formatDecimal(amount, locale, digits);
  const negative = formattedNumber.startsWith('-');
  const magnitude = negative ? formattedNumber.slice(1) : formattedNumber;
  // Take the pattern (symbol, spacing, sign position) from Intl, fill in our digits.
  const parts = new Intl.NumberFormat(locale, { style: 'currency', currency }).formatToParts(
    negative ? -1 : 1,
  );
  let out = '';
  let numberWritten = false;
  for (const part of parts) {
    if (part.type === 'integer' || part.type === 'decimal' || part.type === 'fraction' || part.type === 'group') {
      if (!numberWritten) {
        out += magnitude;
        numberWritten = true;
      }
    } else {
      out += part.value;
    }
  }
  return out;
}

function currencyDigits(currency: string, locale: string): number {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).resolvedOptions()
    .maximumFractionDigits ?? 2;
}

export function formatPercent(value: string, locale: string): string {
  return `${formatDecimal(value, locale)} %`;
}

/** "per_employee" → "per employee" */
export function humanize(name: string): string {
  return name.replace(/_/g, ' ');
}

/** "1 month", "36 months" ("1 Monat", "36 Monate"). */
export function months(count: number, lang: Lang): string {
  return translate(lang, 'months', { count });
}

const MONTHS: Record<Lang, readonly string[]> = {
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  de: ['Jan.', 'Feb.', 'März', 'Apr.', 'Mai', 'Juni', 'Juli', 'Aug.', 'Sep.', 'Okt.', 'Nov.', 'Dez.'],
};

/**
 * A calendar date ("2026-11-23", or a timestamp starting with one) as people read
 * it: "23 Nov 2026" in English, "23.11.2026" in German. Only the text is
 * rearranged, so no time zone can move the day. Text that is not such a date is
 * returned as it is.
 */
export function formatDate(iso: string, lang: Lang): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/.exec(iso.trim());
  if (!match) return iso;
  const [, year = '', month = '', day = ''] = match;
  const monthIndex = Number(month) - 1;
  const name = MONTHS[lang][monthIndex];
  if (name === undefined || Number(day) < 1 || Number(day) > 31) return iso;
  return lang === 'de' ? `${day}.${month}.${year}` : `${Number(day)} ${name} ${year}`;
}

/** A real calendar day (no 31 April, 29 February only in leap years) as "YYYY-MM-DD", else null. */
function isoDay(year: number, month: number, day: number): string | null {
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > days) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * A date as a person types it, back to "YYYY-MM-DD"; null when it is no date.
 * German: TT.MM.JJJJ (also T.M.JJJJ); English: "23 Nov 2026" as `formatDate`
 * writes it; both: the ISO form. Slashes are refused in either language: 12/02
 * means December in one country and February in the other.
 */
export function parseDate(text: string, lang: Lang): string | null {
  const trimmed = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(trimmed);
  if (iso) return isoDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  if (lang === 'de') {
    const de = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(trimmed);
    return de ? isoDay(Number(de[3]), Number(de[2]), Number(de[1])) : null;
  }
  const en = /^(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?\s+(\d{4})$/.exec(trimmed);
  if (!en) return null;
  const month = MONTHS.en.findIndex((m) => m.toLowerCase() === (en[2] ?? '').toLowerCase());
  return month < 0 ? null : isoDay(Number(en[3]), month + 1, Number(en[1]));
}

/**
 * The locale to format for. WebKit reports the process locale, which can be
 * "C" or "c" on a bare Linux session; Intl throws on that, so fall back.
 */
export function resolveLocale(candidates: readonly string[], fallback = 'en-US'): string {
  for (const candidate of candidates) {
    try {
      const [canonical] = Intl.getCanonicalLocales(candidate);
      if (canonical && canonical.length >= 2 && Intl.NumberFormat.supportedLocalesOf(canonical).length > 0) {
        return canonical;
      }
    } catch {
      // not a BCP 47 tag: try the next one
    }
  }
  return fallback;
}

const UNITS = ['per_employee', 'per_device', 'per_location', 'per_vm', 'per_workplace', 'flat'] as const;

/** How a service unit reads in a sentence: "priced per VM" ("pro VM"). */
export function unitLabel(unit: string, lang: Lang): string {
  const known = UNITS.find((u) => u === unit);
  return known ? translate(lang, `unit.${known}`) : humanize(unit);
}

/** Unit codes suppliers write (UN/CEFACT, and common German ones), by what they name. */
const UNIT_CODES: Record<string, 'piece' | 'pack' | 'box' | 'carton' | 'metre' | 'kilogram' | 'litre' | 'set' | 'pair' | 'roll'> = {
  c62: 'piece', pce: 'piece', h87: 'piece', ea: 'piece', st: 'piece', stk: 'piece', stück: 'piece', stueck: 'piece', pc: 'piece', pcs: 'piece', piece: 'piece',
  pk: 'pack', pa: 'pack', pak: 'pack', packung: 'pack', pack: 'pack',
  bx: 'box', box: 'box',
  ct: 'carton', karton: 'carton',
  mtr: 'metre', m: 'metre',
  kgm: 'kilogram', kg: 'kilogram',
  ltr: 'litre', l: 'litre',
  set: 'set',
  pr: 'pair', paar: 'pair',
  ro: 'roll', rolle: 'roll',
};

/**
 * A unit code as people read it: "pack (PK)", "metres (MTR)"; a word the
 * supplier wrote that names a known unit in this language stays as it is
 * ("Packung"); an unknown code is shown as written.
 */
export function unitName(code: string, lang: Lang, count: string | number = 1): string {
  const written = code.trim();
  const known = UNIT_CODES[written.toLowerCase()];
  if (!known) return written;
  const name = translate(lang, `salesUnit.${known}`, { count });
  return name.toLowerCase() === written.toLowerCase() ? name : `${name} (${written})`;
}

/** "pack (PK) of 10 pieces (C62)" ("Packung (PK) à 10 Stück (C62)"). */
export function salesUnitText(unit: SalesUnit, lang: Lang, locale: string): string {
  const name = unitName(unit.unit, lang);
  if (unit.content === null || unit.content === undefined) return name;
  const amount = formatDecimal(unit.content, locale);
  const content = unit.content_unit ? `${amount} ${unitName(unit.content_unit, lang, unit.content)}` : amount;
  return translate(lang, 'detail.salesUnitOf', { unit: name, content });
}

/**
 * How a supplier's price became the stored price per order unit, in words:
 * "UVP 10.50 € for 100 pieces (C62) → 0.105 € per piece (C62)".
 */
export function conversionText(c: PriceConversion, lang: Lang, locale: string): string {
  const currency = c.currency ?? '';
  const money = (amount: string) => (currency ? formatMoney(amount, currency, locale) : formatDecimal(amount, locale));
  const orderUnit = c.order_unit ?? '';
  const parts = [`${c.price_type} ${money(c.amount)}`];
  if (c.factor !== '1') parts.push(translate(lang, 'import.conv.factorStep', { factor: formatDecimal(c.factor, locale) }));
  if (c.base) {
    const unit = c.base.unit ?? orderUnit;
    parts.push(translate(lang, 'import.conv.for', { quantity: formatDecimal(c.base.value, locale), unit: unitName(unit, lang, c.base.value) }));
    if (c.units_per_order_unit !== null && c.units_per_order_unit !== '1') {
      parts.push(
        translate(lang, 'import.conv.holds', {
          per: `${formatDecimal(c.units_per_order_unit, locale)} ${unitName(unit, lang, c.units_per_order_unit)}`,
          unit: unitName(orderUnit, lang),
        }),
      );
    }
  } else if (c.price_quantity !== '1') {
    parts.push(translate(lang, 'import.conv.for', { quantity: formatDecimal(c.price_quantity, locale), unit: unitName(orderUnit, lang, c.price_quantity) }));
  }
  if (c.tiers > 1 || Number(c.lower_bound) > 1) {
    parts.push(translate(lang, 'import.conv.tierStep', { from: formatDecimal(c.lower_bound, locale), tiers: c.tiers }));
    if (c.quantity_min !== null) parts.push(translate(lang, 'import.conv.minimum', { minimum: formatDecimal(c.quantity_min, locale) }));
  }
  parts.push(translate(lang, 'import.conv.result', { price: money(c.unit_price), unit: orderUnit ? unitName(orderUnit, lang) : translate(lang, 'salesUnit.piece', { count: 1 }) }));
  return parts.join(' ');
}
