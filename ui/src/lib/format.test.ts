import { describe, expect, it } from 'vitest';
import { formatDate, formatDecimal, formatMoney, formatPercent, humanize, months, resolveLocale, unitLabel } from './format';
import { localeOf } from './i18n';

describe('formatDecimal', () => {
  it('groups digits and keeps every decimal exactly', () => {
    expect(formatDecimal('1234567.5', 'en-US', 2)).toBe('1,234,567.50');
    expect(formatDecimal('1234567.5', 'de-DE', 2)).toBe('1.234.567,50');
    expect(formatDecimal('0.125', 'en-US', 2)).toBe('0.125');
    expect(formatDecimal('-42', 'en-US', 2)).toBe('-42.00');
  });

  it('does not lose precision where a float would', () => {
    expect(formatDecimal('9007199254740993.01', 'en-US', 2)).toBe('9,007,199,254,740,993.01');
  });

  it('leaves text that is not a decimal as it is', () => {
    expect(formatDecimal('n/a', 'en-US')).toBe('n/a');
  });
});

describe('formatMoney', () => {
  it('places the currency as the locale does', () => {
    expect(formatMoney('1234.56', 'EUR', 'en-US')).toBe('€1,234.56');
    expect(formatMoney('1234.56', 'EUR', 'de-DE')).toBe('1.234,56\u00a0€');
    expect(formatMoney('1299', 'EUR', 'de-DE')).toBe('1.299,00\u00a0€');
  });

  it('keeps the sign of negative amounts', () => {
    expect(formatMoney('-5.5', 'USD', 'en-US')).toBe('-$5.50');
  });
});

describe('small helpers', () => {
  it('humanizes stored names and counts months', () => {
    expect(humanize('per_employee')).toBe('per employee');
    expect(months(1, 'en')).toBe('1 month');
    expect(months(36, 'en')).toBe('36 months');
    expect(months(1, 'de')).toBe('1 Monat');
    expect(months(36, 'de')).toBe('36 Monate');
    expect(formatPercent('2.85', 'de-DE')).toBe('2,85 %');
  });
});

describe('money in the language\'s locale', () => {
  it('writes €1,234.56 in English and 1.234,56 € in German', () => {
    expect(formatMoney('1234.56', 'EUR', localeOf('en'))).toBe('€1,234.56');
    expect(formatMoney('1234.56', 'EUR', localeOf('de'))).toBe('1.234,56\u00a0€');
    expect(formatMoney('1249', 'EUR', localeOf('de'))).toBe('1.249,00\u00a0€');
  });

  it('keeps the sign of negative amounts in both', () => {
    expect(formatMoney('-1234.5', 'EUR', localeOf('en'))).toBe('-€1,234.50');
    expect(formatMoney('-1234.5', 'EUR', localeOf('de'))).toBe('-1.234,50\u00a0€');
  });

  it('keeps every decimal of an exact amount', () => {
    expect(formatMoney('1234567890123456.78', 'EUR', localeOf('de'))).toBe('1.234.567.890.123.456,78\u00a0€');
  });
});

describe('formatDate', () => {
  it('writes 23 Nov 2026 in English and 23.11.2026 in German', () => {
    expect(formatDate('2026-11-23', 'en')).toBe('23 Nov 2026');
    expect(formatDate('2026-11-23', 'de')).toBe('23.11.2026');
    expect(formatDate('2026-01-05', 'en')).toBe('5 Jan 2026');
    expect(formatDate('2026-01-05', 'de')).toBe('05.01.2026');
  });

  it('never moves the day, whatever the time or zone', () => {
    expect(formatDate('2026-12-31T23:30:00-05:00', 'en')).toBe('31 Dec 2026');
    expect(formatDate('2026-01-01T00:10:00+14:00', 'de')).toBe('01.01.2026');
    expect(formatDate('2026-03-01 00:00:00', 'en')).toBe('1 Mar 2026');
  });

  it('leaves text that is not a date as it is', () => {
    expect(formatDate('', 'en')).toBe('');
    expect(formatDate('soon', 'de')).toBe('soon');
    expect(formatDate('2026-13-01', 'en')).toBe('2026-13-01');
  });
});

describe('unitLabel', () => {
  it('words units in both languages', () => {
    expect(unitLabel('per_vm', 'en')).toBe('per VM');
    expect(unitLabel('per_employee', 'de')).toBe('pro Mitarbeiter');
    expect(unitLabel('flat', 'de')).toBe('pauschal');
    expect(unitLabel('per_rack', 'de')).toBe('per rack');
  });
});

describe('resolveLocale', () => {
  it('takes the first usable locale and skips the C locale', () => {
    expect(resolveLocale(['de-DE'])).toBe('de-DE');
    expect(resolveLocale(['c', 'en-GB'])).toBe('en-GB');
    expect(resolveLocale(['C'])).toBe('en-US');
    expect(resolveLocale(['', 'not a locale!'])).toBe('en-US');
  });
});
