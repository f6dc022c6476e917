// A wrong value the core refuses, said in German from its sentence and typed
// values (the shapes tests/input_wording.rs holds the core to): no English
// words, no raw codes, dates and numbers written the German way.
import { afterEach, describe, expect, it } from 'vitest';
import type { ErrorDetails, InputSays, Value } from './bindings';
import { CommandError, detailsText, errorMessage, setErrorLanguage } from './api';

function said(field: string, reason: string, says: InputSays, values: Record<string, Value>): Extract<ErrorDetails, { type: 'invalid_input' }> {
  return { type: 'invalid_input', field, reason, problem: { problem: 'said', wording: { said: { area: 'input', says }, values } } };
}

function refused(details: Extract<ErrorDetails, { type: 'invalid_input' }>): CommandError {
  return new CommandError({ kind: 'invalid_input', message: `${details.field}: ${details.reason}`, details });
}

const text = (value: string): Value => ({ type: 'text', value });
const number = (value: string): Value => ({ type: 'number', value });

/** English words the core's sentences use; none may be left in a German one. */
const ENGLISH = /\b(the|is|not|must|between|before|offered|negative|percent|line|file|cannot|read|price|offer|of|a|an|and)\b/;
/** A raw code: snake_case, an ISO date, a lower-case offer type or status, a template name left over. */
const RAW = /[a-z]+_[a-z]+|\d{4}-\d{2}-\d{2}|\b(leasing|rental|purchase|active|retired)\b|[{}]/;

function german(text: string | null): string {
  expect(text).not.toBeNull();
  expect(text!).not.toMatch(ENGLISH);
  expect(text!).not.toMatch(RAW);
  return text!;
}

afterEach(() => setErrorLanguage(() => 'en'));

describe('a wrong value, in German', () => {
  const notOffered = said('entries[0].offer_type', 'SVC-M365 BASIC is not offered as leasing', 'variant_not_offered', {
    service: text('SVC-M365'),
    variant: text('BASIC'),
    offer_type: { type: 'offer_type', value: 'leasing' },
  });
  const negative = said('entries[0].amount', '-5.50 is negative; a price is 0 or more', 'amount_negative', { amount: { type: 'amount', value: '-5.50' } });
  const validUntil = said('valid_until', '2026-05-19 is before the offer date 2026-05-20', 'valid_until_before_offer_date', {
    valid_until: { type: 'date', value: '2026-05-19' },
    offer_date: { type: 'date', value: '2026-05-20' },
  });
  const discount = said('approval.max_discount_percent', 'must be a percentage from 0 to 100, not 120', 'max_discount_not_percent', { percent: number('120') });
  const validity = said('default_validity_days', 'must be 1 to 365 days, not 400', 'validity_days_out_of_range', { days: number('400') });
  const tax = said('default_tax_rate', '150 is not a tax rate in percent (0 to 100)', 'not_tax_rate', { rate: number('150') });
  const noName = said(
    'file',
    'line 1: no name column (the header has: mail, site; expected name, email, department, location)',
    'no_name_column',
    { line: text('1'), found: text('mail, site') },
  );

  it('says a price list entry with the offer type and the amount in German (pricing)', () => {
    expect(german(detailsText(notOffered, 'de'))).toBe('SVC-M365 BASIC wird nicht als Leasing angeboten.');
    expect(german(detailsText(negative, 'de'))).toBe('-5,50 ist negativ; ein Preis ist 0 oder mehr.');
  });

  it('says an offer\'s dates the German way (offer)', () => {
    expect(german(detailsText(validUntil, 'de'))).toBe('Gültig bis 19.05.2026 liegt vor dem Angebotsdatum 20.05.2026.');
  });

  it('says which setting is wrong without the field\'s raw name (settings)', () => {
    expect(german(detailsText(discount, 'de'))).toBe('Die Rabattgrenze der Freigaberegeln ist ein Prozentsatz von 0 bis 100, nicht 120.');
    expect(german(detailsText(validity, 'de'))).toBe('Angebote gelten 1 bis 365 Tage, nicht 400.');
  });

  it('says an import\'s problem in German (import)', () => {
    expect(german(detailsText(tax, 'de'))).toBe('150 ist kein Steuersatz in Prozent (0 bis 100).');
    // The header's cells are the file's own words, shown as they are.
    expect(detailsText(noName, 'de')).toBe(
      'Zeile 1: keine Spalte für den Namen (die Kopfzeile hat: mail, site; erwartet: Name, E-Mail, Abteilung, Standort).',
    );
    // A file that cannot be read: the file and what the system said, as they are.
    const unreadable = said('file', '/tmp/feed.csv cannot be read: No such file or directory (os error 2)', 'file_unreadable', {
      file: text('/tmp/feed.csv'),
      error: text('No such file or directory (os error 2)'),
    });
    expect(detailsText(unreadable, 'de')).toBe('/tmp/feed.csv kann nicht gelesen werden: No such file or directory (os error 2)');
  });

  it('is what errorMessage shows next to a form field in German, and the core\'s English in English', () => {
    for (const details of [notOffered, negative, validUntil, discount, validity, tax]) {
      setErrorLanguage(() => 'de');
      const de = german(errorMessage(refused(details)));
      expect(de).not.toContain(details.field);
      setErrorLanguage(() => 'en');
      expect(errorMessage(refused(details))).toBe(`${details.field}: ${details.reason}`);
    }
  });
});
