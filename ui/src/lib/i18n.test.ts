import { describe, expect, expectTypeOf, it } from 'vitest';
import { CATALOGS, LANGS, interpolate, isLang, langFromLanguages, localeOf, pluralForm, translate, type MessageKey } from './i18n';
import { formatMoney } from './format';

describe('catalogs', () => {
  it('have the same keys in English and German', () => {
    const en = Object.keys(CATALOGS.en).sort();
    const de = Object.keys(CATALOGS.de).sort();
    expect(de).toEqual(en);
    expect(en.length).toBeGreaterThan(100);
  });

  it('have the same shape (text or plural) and the same placeholders per key', () => {
    const placeholders = (m: unknown) => {
      const text = typeof m === 'string' ? m : `${(m as { one: string }).one} ${(m as { other: string }).other}`;
      return [...new Set(text.match(/\{\w+\}/g) ?? [])].filter((p) => p !== '{count}').sort();
    };
    for (const key of Object.keys(CATALOGS.en) as MessageKey[]) {
      const en = CATALOGS.en[key];
      const de = CATALOGS.de[key];
      expect(typeof de, key).toBe(typeof en);
      expect(placeholders(de), key).toEqual(placeholders(en));
      if (typeof de === 'string') expect(de.trim(), key).not.toBe('');
    }
  });

  it('translate every text: a German text equal to the English one is a word both languages share', () => {
    // A key copied into de.ts in English would pass the checks above and still
    // show English in the German UI ("mo", "customer-wide", "mandatory with…").
    // These are the same in both languages on purpose; a new one is added here
    // only after a German speaker said so.
    const shared = new Set([
      'kind.service.one',
      'kind.service.many',
      'pl.name',
      'pl.service',
      'offer.leasing',
      'edge.optional',
      'err.feed.malformed',
      'app.designer',
      'cr.name',
      'detail.ean',
      'detail.leasing',
      'link.optional',
      'import.step.run',
      'import.feedFiles',
      'import.format',
      'import.formatName.csv',
      'import.formatName.bmecat',
      'import.enc.utf8',
      'import.enc.utf16_le',
      'import.enc.utf16_be',
      'import.enc.iso8859_1',
      'import.enc.iso8859_15',
      'import.enc.windows1252',
      'import.fieldName.ean',
      'import.fieldName.name',
      'inv.moved',
      'inv.status',
      'inv.auto',
      'cv.name',
      'imp.name',
      'bk.thisTarget',
      'bk.plan',
      'bk.refusal.onboarding_step',
      'bk.auto',
      'bk.optional',
      'ds.code',
      'ds.name',
      'ds.status',
      'ds.ean',
      'ds.modeOptional',
    ]);
    const untranslated = (Object.keys(CATALOGS.en) as MessageKey[]).filter((key) => {
      const words = (m: unknown) => JSON.stringify(m).replace(/\{\w+\}/g, '');
      return words(CATALOGS.de[key]) === words(CATALOGS.en[key]) && /[a-z]{2}/i.test(words(CATALOGS.en[key])) && !shared.has(key);
    });
    expect(untranslated).toEqual([]);
  });

  it('are typed: a key that does not exist is refused at compile time', () => {
    expectTypeOf<'kind.service.one'>().toExtend<MessageKey>();
    expectTypeOf<'no.such.key'>().not.toExtend<MessageKey>();
    // @ts-expect-error: not a message key
    expect(translate('en', 'no.such.key')).toBe('no.such.key');
  });
});

describe('translate', () => {
  it('looks up messages per language', () => {
    expect(translate('en', 'kind.basic_service.one')).toBe('Basic service');
    expect(translate('de', 'kind.basic_service.one')).toBe('Basisdienst');
    expect(translate('de', 'offer.rental')).toBe('Miete');
  });

  it('fills in {name} placeholders', () => {
    expect(translate('en', 'scope.department', { name: 'Sales' })).toBe('Department Sales');
    expect(translate('de', 'scope.location', { name: 'Berlin' })).toBe('Standort Berlin');
    expect(interpolate('{a} and {b} and {a}', { a: 1, b: 'x' })).toBe('1 and x and 1');
    expect(interpolate('{missing} stays', { other: 1 })).toBe('{missing} stays');
    expect(interpolate('no params {x}')).toBe('no params {x}');
  });

  it('picks the plural form by count', () => {
    expect(translate('en', 'months', { count: 1 })).toBe('1 month');
    expect(translate('en', 'months', { count: 2 })).toBe('2 months');
    expect(translate('en', 'months', { count: 0 })).toBe('0 months');
    expect(translate('de', 'months', { count: 1 })).toBe('1 Monat');
    expect(translate('de', 'months', { count: 12 })).toBe('12 Monate');
    expect(translate('en', 'count.instances', { count: 1 })).toBe('1 instance');
    expect(translate('en', 'count.instances', { count: 2 })).toBe('2 instances');
    expect(translate('de', 'count.instances', { count: 1 })).toBe('1 Instanz');
    expect(translate('de', 'count.instances', { count: 2 })).toBe('2 Instanzen');
    expect(pluralForm({ one: 'a', other: 'b' }, '1')).toBe('a');
    expect(pluralForm({ one: 'a', other: 'b' }, undefined)).toBe('b');
  });
});

describe('languages and locales', () => {
  it('formats money as €1,234.56 in English and 1.234,56 € in German', () => {
    expect(formatMoney('1234.56', 'EUR', localeOf('en'))).toBe('€1,234.56');
    expect(formatMoney('1234.56', 'EUR', localeOf('de'))).toBe('1.234,56\u00a0€');
    expect(formatMoney('-1234.56', 'EUR', localeOf('en'))).toBe('-€1,234.56');
    expect(formatMoney('-1234.56', 'EUR', localeOf('de'))).toBe('-1.234,56\u00a0€');
  });

  it('takes German for de* browser languages, else English', () => {
    expect(langFromLanguages(['de-DE', 'en-US'])).toBe('de');
    expect(langFromLanguages(['de'])).toBe('de');
    expect(langFromLanguages(['DE-at'])).toBe('de');
    expect(langFromLanguages(['en-US', 'de-DE'])).toBe('en');
    expect(langFromLanguages(['fr-FR'])).toBe('en');
    expect(langFromLanguages([undefined, '', 'de-CH'])).toBe('de');
    expect(langFromLanguages([])).toBe('en');
    expect(langFromLanguages(['dev'])).toBe('en');
  });

  it('knows its languages', () => {
    expect(LANGS).toEqual(['en', 'de']);
    expect(isLang('de')).toBe(true);
    expect(isLang('fr')).toBe(false);
    expect(isLang(null)).toBe(false);
  });
});
