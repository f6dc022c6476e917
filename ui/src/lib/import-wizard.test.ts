import { describe, expect, it } from 'vitest';
import type { DiscontinueCheck, FeedPreview, ImportReport, MappingProfile } from './bindings';
import {
  BMECAT_DEFAULTS,
  discontinuationNote,
  discontinueQuestion,
  formatBytes,
  hasType,
  guardReasonText,
  importOptions,
  mappingFromProfile,
  mappingProblems,
  missingColumns,
  profileFromMapping,
  progressFraction,
  slug,
  toggleType,
  unchosenTypes,
  sourceRequiredText,
  withOverrides,
} from './import-wizard';

const itscope: MappingProfile = {
  name: 'ITScope',
  separator: 'semicolon',
  encoding: null,
  decimal_mark: 'comma',
  default_currency: null,
  columns: [
    { column: 'puid', field: 'source_key', required: true, also: [] },
    { column: 'productName', field: 'name', required: true, also: ['ProductName'] },
    { column: 'price', field: 'cost_price', required: false, also: [] },
  ],
};

const csv: FeedPreview = {
  format: 'csv',
  encoding: 'utf8',
  separator: 'semicolon',
  decimal_mark: 'comma',
  header: ['PUID', ' productName ', 'ean'],
  rows: [['1', 'Dock', '4006381333931']],
  price_types: [],
  price_types_from: 0,
};

describe('mapping', () => {
  it('takes a profile’s columns as the file spells them', () => {
    const m = mappingFromProfile(itscope, csv.header);
    expect(m.source_key).toBe('PUID');
    expect(m.name).toBe(' productName ');
    expect(m.cost_price).toBe('');
    expect(missingColumns(itscope, csv.header)).toEqual([]);
    expect(missingColumns(itscope, ['a', 'b'])).toEqual(['puid', 'productName']);
  });

  it('builds a profile with a required source key', () => {
    const m = mappingFromProfile(itscope, csv.header);
    m.ean = 'ean';
    const p = profileFromMapping(' Mine ', m, { separator: 'comma', encoding: null, decimal_mark: 'point', default_currency: 'eur' });
    expect(p.name).toBe('Mine');
    expect(p.separator).toBe('comma');
    expect(p.default_currency).toBe('EUR');
    expect(p.columns).toEqual([
      { column: 'PUID', field: 'source_key', required: true, also: [] },
      { column: ' productName ', field: 'name', required: false, also: [] },
      { column: 'ean', field: 'ean', required: false, also: [] },
    ]);
  });

  it('finds a column by another name an export gives it', () => {
    // ITScope's small export says ProductName where the profile says productName.
    const small = ['Puid', 'ProductName'];
    const m = mappingFromProfile({ ...itscope, columns: [itscope.columns[0]!, { ...itscope.columns[1]!, column: 'productNameWithManufacturer' }] }, small);
    expect(m.name).toBe('ProductName');
    expect(missingColumns({ ...itscope, columns: [{ ...itscope.columns[1]!, column: 'productNameWithManufacturer' }] }, small)).toEqual([]);
  });

  it('names what keeps a mapping from running', () => {
    const m = mappingFromProfile(itscope, csv.header);
    expect(mappingProblems(m)).toEqual({ noKey: false, noName: false, twice: [] });
    m.ean = 'PUID';
    m.source_key = '';
    expect(mappingProblems(m)).toEqual({ noKey: true, noName: false, twice: [] });
    m.source_key = 'PUID';
    expect(mappingProblems(m).twice).toEqual(['PUID']);
  });
});

describe('options', () => {
  it('sends the profile for tables and the BMEcat choices for BMEcat', () => {
    const profile = profileFromMapping('X', mappingFromProfile(itscope, csv.header), {
      separator: null,
      encoding: null,
      decimal_mark: null,
      default_currency: null,
    });
    const o = importOptions(csv, { source: ' ', full: true, profile, bmecat: BMECAT_DEFAULTS });
    expect(o).toEqual({ source: null, format: 'csv', full: true, allow_discontinue: false, profile });
    const b = importOptions(
      { ...csv, format: 'bmecat', header: [] },
      { source: 'acme', full: false, profile, bmecat: { ...BMECAT_DEFAULTS, languages: 'eng,deu' } },
    );
    expect(b.profile).toBeUndefined();
    expect(b.bmecat?.languages).toEqual(['eng', 'deu']);
    expect(b.bmecat?.list_price_types).toEqual(['nrp', 'gros_list', 'net_list', 'net_customer']);
    expect(b.source).toBe('acme');
  });

  it('leaves fullness to the file unless ticked, and answers the question', () => {
    const choice = { source: 'acme', full: false, profile: null, bmecat: BMECAT_DEFAULTS };
    const bmecatFile: FeedPreview = { ...csv, format: 'bmecat', header: [] };
    // Unticked: the file says (a BMEcat T_NEW_CATALOG is full).
    expect(importOptions(bmecatFile, choice)).toMatchObject({ full: null, allow_discontinue: false });
    expect(importOptions(bmecatFile, { ...choice, full: true })).toMatchObject({ full: true, allow_discontinue: false });
    // "Import and discontinue" keeps the choice and allows it.
    expect(importOptions(bmecatFile, { ...choice, full: true }, 'allow')).toMatchObject({ full: true, allow_discontinue: true });
    // "Import without discontinuing" overrides what the file says.
    expect(importOptions(bmecatFile, choice, 'not_full')).toMatchObject({ full: false, allow_discontinue: false });
    expect(importOptions(csv, { ...choice, full: true }, 'not_full')).toMatchObject({ full: false });
  });

  it('keeps a profile\'s columns when only its reading settings change', () => {
    const read = withOverrides(itscope, { separator: 'comma', encoding: 'windows1252', decimal_mark: 'point', default_currency: ' chf ' });
    expect(read.columns).toBe(itscope.columns);
    expect(read.name).toBe('ITScope');
    expect(read).toMatchObject({ separator: 'comma', encoding: 'windows1252', decimal_mark: 'point', default_currency: 'CHF' });
  });

  it('slugs a source name like the backend', () => {
    expect(slug('ITScope')).toBe('itscope');
    expect(slug(' Ingram Micro DE ')).toBe('ingram-micro-de');
  });
});

describe('progress', () => {
  it('reads the fraction of bytes and formats sizes', () => {
    expect(progressFraction(null)).toBeNull();
    expect(progressFraction({ rows: 1, bytes: 10, total_bytes: 0 })).toBeNull();
    expect(progressFraction({ rows: 1, bytes: 50, total_bytes: 200 })).toBe(0.25);
    expect(formatBytes(512, 'en')).toBe('512 B');
    expect(formatBytes(1_500_000, 'de')).toBe('1,5 MB');
  });
});

describe('formatWhen', async () => {
  const { formatWhen } = await import('./import-wizard');
  it('formats RFC 3339 and keeps anything else as it is', () => {
    expect(formatWhen('2025-03-04T10:05:00Z', 'de')).toMatch(/04\.03\.2025/);
    expect(formatWhen('yesterday', 'en')).toBe('yesterday');
  });
});

describe('knownEncoding', async () => {
  const { knownEncoding } = await import('./import-wizard');
  it('reads the encoding as serde writes it and as the type spells it', () => {
    expect(knownEncoding('utf8')).toBe('utf8');
    expect(knownEncoding('iso8859_15')).toBe('iso8859_15');
    expect(knownEncoding('windows1252')).toBe('windows1252');
    expect(knownEncoding('ebcdic')).toBeNull();
    expect(knownEncoding(null)).toBeNull();
  });
});

describe('price types', () => {
  const bmecat: FeedPreview = {
    ...csv,
    format: 'bmecat',
    header: [],
    price_types: [
      { price_type: 'UVP', articles: 12, as_cost: 0, as_list: 0 },
      { price_type: 'EK_ohne_MWST', articles: 12, as_cost: 0, as_list: 0 },
      { price_type: 'net_list', articles: 3, as_cost: 3, as_list: 0 },
    ],
    price_types_from: 12,
  };

  it('are picked for a role by adding them to its list, ignoring case, and taken out again', () => {
    expect(hasType('net_customer, net_list', 'NET_LIST')).toBe(true);
    expect(hasType('net_customer', 'net')).toBe(false);
    expect(toggleType('net_customer, net_list', 'EK_ohne_MWST', true)).toBe('net_customer, net_list, EK_ohne_MWST');
    expect(toggleType('net_customer,EK_ohne_MWST', 'ek_ohne_mwst', false)).toBe('net_customer');
    expect(toggleType('', 'UVP', true)).toBe('UVP');
    // Adding twice keeps one.
    expect(toggleType('UVP', 'uvp', true)).toBe('uvp');
  });

  it('found in the file but chosen for neither role are named', () => {
    expect(unchosenTypes(bmecat, BMECAT_DEFAULTS)).toEqual(['UVP', 'EK_ohne_MWST']);
    const choice = { ...BMECAT_DEFAULTS, costPriceTypes: toggleType(BMECAT_DEFAULTS.costPriceTypes, 'EK_ohne_MWST', true) };
    expect(unchosenTypes(bmecat, choice)).toEqual(['UVP']);
    const options = importOptions(bmecat, { source: '', full: false, profile: null, bmecat: choice });
    expect(options.bmecat?.cost_price_types).toEqual(['net_customer', 'net_list', 'EK_ohne_MWST']);
  });
});

describe('discontinuing', () => {
  const check: DiscontinueCheck = {
    file_name: 'cut.csv',
    source: 'acme',
    catalog: 'csv',
    would_discontinue: 1,
    active: 20,
    rows_read: 19,
    reasons: [
      { kind: 'more_than_a_tenth' },
      { kind: 'last_line_cut', line: 20, fields: 5, header_fields: 15 },
      { kind: 'open_quote', line: 7 },
      { kind: 'fewer_rows', rows: 9, last_full_rows: 40 },
    ],
  };

  it('asks with the numbers and every reason, in both languages', () => {
    const en = discontinueQuestion(check, 'en');
    expect(en.title).toBe('Discontinue 1 offer?');
    expect(en.summary).toBe(
      'cut.csv lacks 1 of the 20 active offers that source acme (catalog csv) delivered before. As a full feed it would discontinue it.',
    );
    expect(en.reasons).toEqual([
      'That is more than a tenth of them.',
      'The file looks cut off: its last line (20) has no line end and only 5 of 15 fields.',
      'The file looks cut off: it ends inside a quoted field that starts on line 7.',
      'It has 9 rows, less than half of the 40 rows of the last full import of this catalog.',
    ]);
    const de = discontinueQuestion({ ...check, would_discontinue: 12 }, 'de');
    expect(de.title).toBe('12 Angebote auslisten?');
    expect(de.summary).toContain('In cut.csv fehlen 12 der 20 aktiven Angebote');
    expect(de.reasons[1]).toBe('Die Datei wirkt abgeschnitten: Ihre letzte Zeile (20) hat kein Zeilenende und nur 5 von 15 Feldern.');
    expect(guardReasonText({ kind: 'more_than_a_tenth' }, 'de')).toBe('Das ist mehr als ein Zehntel davon.');
  });

  it('says why nothing was discontinued, or what was and what was allowed', () => {
    const base = { discontinuation: null } as unknown as ImportReport;
    expect(discontinuationNote(base, 'en')).toBeNull();
    const note = (d: ImportReport['discontinuation'], lang: 'en' | 'de' = 'en') => discontinuationNote({ ...base, discontinuation: d }, lang);
    expect(note({ kind: 'not_full' })?.note).toBe('Not a full feed: articles missing from it were left as they are.');
    expect(note({ kind: 'rows_without_key', rows: 3 })?.note).toContain('3 rejected rows have no readable key');
    expect(note({ kind: 'full_feed', active: 20, missing: 0, allowed: [] })?.note).toContain('nothing was discontinued');
    expect(note({ kind: 'full_feed', active: 20, missing: 1, allowed: [] })?.note).toBe(
      'Full feed: 1 of the catalog’s 20 active offers was not in the file and was discontinued.',
    );
    const allowed = note({ kind: 'full_feed', active: 20, missing: 15, allowed: [{ kind: 'more_than_a_tenth' }] }, 'de');
    expect(allowed?.note).toContain('15 der 20 aktiven Angebote');
    expect(allowed?.allowed).toEqual(['Das ist mehr als ein Zehntel davon.']);
  });

  it('says what to do when a file names no source', () => {
    expect(sourceRequiredText('no_supplier_name', 'maker.xml', 'en')).toContain('maker.xml names no supplier');
    expect(sourceRequiredText('unsaved_mapping', 'x.csv', 'de')).toContain('nicht als Profil gespeichert');
  });
});
