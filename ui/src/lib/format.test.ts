import { describe, expect, it } from 'vitest';
import { formatDecimal, formatMoney, formatPercent, humanize, months, resolveLocale } from './format';

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
    expect(months(1)).toBe('1 month');
    expect(months(36)).toBe('36 months');
    expect(formatPercent('2.85', 'de-DE')).toBe('2,85 %');
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
