import { describe, expect, it } from 'vitest';
import type { FeedPreview, MappingProfile } from './bindings';
import {
  BMECAT_DEFAULTS,
  formatBytes,
  hasType,
  importOptions,
  mappingFromProfile,
  mappingProblems,
  missingColumns,
  profileFromMapping,
  progressFraction,
  slug,
  toggleType,
  unchosenTypes,
} from './import-wizard';

const itscope: MappingProfile = {
  name: 'ITScope',
  separator: 'semicolon',
  encoding: null,
  decimal_mark: 'comma',
  default_currency: null,
  columns: [
    { column: 'puid', field: 'source_key', required: true },
    { column: 'productName', field: 'name', required: true },
    { column: 'price', field: 'cost_price', required: false },
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
      { column: 'PUID', field: 'source_key', required: true },
      { column: ' productName ', field: 'name', required: false },
      { column: 'ean', field: 'ean', required: false },
    ]);
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
    expect(o).toEqual({ source: null, format: 'csv', full: true, profile });
    const b = importOptions(
      { ...csv, format: 'bmecat', header: [] },
      { source: 'acme', full: false, profile, bmecat: { ...BMECAT_DEFAULTS, languages: 'eng,deu' } },
    );
    expect(b.profile).toBeUndefined();
    expect(b.bmecat?.languages).toEqual(['eng', 'deu']);
    expect(b.bmecat?.list_price_types).toEqual(['nrp', 'gros_list', 'net_list', 'net_customer']);
    expect(b.source).toBe('acme');
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
