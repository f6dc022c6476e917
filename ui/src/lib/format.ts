// Formatting for people. Amounts arrive as exact decimal strings from the core
// (rust_decimal); they are never turned into floating-point numbers here: the
// locale only decides the symbols, separators and where the currency goes.

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

export function months(count: number): string {
  return count === 1 ? '1 month' : `${count} months`;
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

const UNIT_LABELS: Record<string, string> = {
  per_employee: 'per employee',
  per_device: 'per device',
  per_location: 'per location',
  per_vm: 'per VM',
  per_workplace: 'per workplace',
  flat: 'flat',
};

/** How a service unit reads in a sentence: "priced per VM". */
export function unitLabel(unit: string): string {
  return UNIT_LABELS[unit] ?? humanize(unit);
}
