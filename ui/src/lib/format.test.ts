import { describe, expect, it } from 'vitest';
import { conversionText, formatDate, parseDate, formatDecimal, formatMoney, formatPercent, humanize, months, resolveLocale, salesUnitText, unitLabel, unitName } from './format';
import type { PriceConversion } from './bindings';
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

describe('sales units and price conversions', () => {
  it('name known unit codes in the language and keep others as written', () => {
    expect(unitName('PK', 'en')).toBe('pack (PK)');
    expect(unitName('C62', 'de', 10)).toBe('Stück (C62)');
    expect(unitName('MTR', 'en', '2.5')).toBe('metres (MTR)');
    expect(unitName('Packung', 'de')).toBe('Packung');
    expect(unitName('Packung', 'en')).toBe('pack (Packung)');
    expect(unitName('XYZ', 'en')).toBe('XYZ');
  });

  it('say what one sales unit holds', () => {
    const pack = { unit: 'PK', content: '10', content_unit: 'C62' };
    expect(salesUnitText(pack, 'en', 'en-US')).toBe('pack (PK) of 10 pieces (C62)');
    expect(salesUnitText(pack, 'de', 'de-DE')).toBe('Packung (PK) à 10 Stück (C62)');
    expect(salesUnitText({ unit: 'MTR' }, 'en', 'en-US')).toBe('metre (MTR)');
    expect(salesUnitText({ unit: 'Rolle', content: '2.5', content_unit: null }, 'de', 'de-DE')).toBe('Rolle à 2,5');
  });

  it('describe how a stated price became the price per order unit', () => {
    const c: PriceConversion = {
      price_type: 'net_list',
      amount: '10.50',
      currency: 'EUR',
      factor: '1',
      lower_bound: '1',
      tiers: 1,
      quantity_min: null,
      price_quantity: '100',
      base: null,
      units_per_order_unit: null,
      order_unit: 'C62',
      unit_price: '0.105',
    };
    expect(conversionText(c, 'en', 'en-US')).toBe('net_list €10.50 for 100 pieces (C62) → €0.105 per piece (C62)');
    const tiered = { ...c, price_quantity: '1', factor: '0.8', lower_bound: '10', tiers: 3, quantity_min: '10', unit_price: '14.40', amount: '18.00' };
    // German puts a no-break space before the euro sign.
    expect(conversionText(tiered, 'de', 'de-DE')).toBe('net_list 18,00\u00a0€ × Faktor 0,8 Staffel ab 10 von 3 Mindestbestellmenge 10 → 14,40\u00a0€ je Stück (C62)');
    const base = { ...c, price_quantity: '1', base: { value: '100', unit: 'MTR', factor: '50' }, units_per_order_unit: '50', order_unit: 'RO', amount: '80', unit_price: '40' };
    expect(conversionText(base, 'en', 'en-US')).toBe('net_list €80.00 for 100 metres (MTR) (50 metres (MTR) in one roll (RO)) → €40.00 per roll (RO)');
  });
});

describe('parseDate', () => {
  it('reads German dates as TT.MM.JJJJ, never in US order', () => {
    expect(parseDate('02.12.2026', 'de')).toBe('2026-12-02');
    expect(parseDate(' 2.1.2027 ', 'de')).toBe('2027-01-02');
    expect(parseDate('12/02/2026', 'de')).toBeNull();
    expect(parseDate('2026-12-02', 'de')).toBe('2026-12-02');
  });

  it('reads English dates as formatDate writes them, and ISO', () => {
    expect(parseDate('2 Dec 2026', 'en')).toBe('2026-12-02');
    expect(parseDate('2 december 2026', 'en')).toBe('2026-12-02');
    expect(parseDate('2026-12-02', 'en')).toBe('2026-12-02');
    expect(parseDate('12/02/2026', 'en')).toBeNull();
    expect(parseDate('02.12.2026', 'en')).toBeNull();
  });

  it('refuses days that do not exist and round-trips formatDate', () => {
    expect(parseDate('31.04.2026', 'de')).toBeNull();
    expect(parseDate('29.02.2026', 'de')).toBeNull();
    expect(parseDate('29.02.2028', 'de')).toBe('2028-02-29');
    expect(parseDate('0.1.2026', 'de')).toBeNull();
    expect(parseDate('', 'de')).toBeNull();
    expect(parseDate('morgen', 'de')).toBeNull();
    for (const iso of ['2026-01-01', '2026-03-15', '2027-12-31']) {
      expect(parseDate(formatDate(iso, 'de'), 'de')).toBe(iso);
      expect(parseDate(formatDate(iso, 'en'), 'en')).toBe(iso);
    }
  });
});
