import { describe, expect, it } from 'vitest';
import type { FeedPreview, MappingProfile } from './bindings';
import {
  BMECAT_DEFAULTS,
  formatBytes,
  importOptions,
  mappingFromProfile,
  mappingProblems,
  missingColumns,
  profileFromMapping,
  progressFraction,
  slug,
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
