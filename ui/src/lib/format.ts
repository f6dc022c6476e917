// Formatting for people. Amounts arrive as exact decimal strings from the core
// (rust_decimal); they are never turned into floating-point numbers here: the
// locale only decides the symbols, separators and where the currency goes.
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
