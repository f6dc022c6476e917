// Pure logic of the import wizard: mapping a file's columns to article fields,
// building the mapping profile and import options, progress and locations.
import type {
  ArticleField,
  ColumnMapping,
  DecimalMark,
  DiscontinueCheck,
  FeedEncoding,
  FeedPreview,
  FeedRowProblem,
  GuardReason,
  ImportOptions,
  ImportProgress,
  ImportReport,
  MappingProfile,
  Separator,
  SourceMissing,
} from './bindings';
import { translate, type Lang } from './i18n';

/** Every field a column can feed, in the order the wizard lists them. */
export const ARTICLE_FIELDS: readonly ArticleField[] = [
  'source_key',
  'name',
  'manufacturer',
  'manufacturer_part_number',
  'ean',
  'category',
  'short_description',
  'long_description',
  'cost_price',
  'list_price',
  'currency',
  'tax_rate',
  'stock_status',
  'stock_quantity',
  'supplier_sku',
];

export const SEPARATORS: readonly Separator[] = ['semicolon', 'comma', 'tab', 'pipe'];
export const ENCODINGS: readonly FeedEncoding[] = ['utf8', 'utf16_le', 'utf16_be', 'iso8859_1', 'iso8859_15', 'windows1252'];
/** The list entry for an encoding the backend names, if it is one we know. */
export function knownEncoding(value: string | null): FeedEncoding | null {
  if (value === null) return null;
  const bare = value.replaceAll('_', '');
  return ENCODINGS.find((e) => e.replaceAll('_', '') === bare) ?? null;
}

export const DECIMAL_MARKS: readonly DecimalMark[] = ['comma', 'point'];

/** Field → the file column that feeds it ('' for none). */
export type Mapping = Record<ArticleField, string>;

const norm = (s: string) => s.trim().toLowerCase();

export function emptyMapping(): Mapping {
  return Object.fromEntries(ARTICLE_FIELDS.map((f) => [f, ''])) as Mapping;
}

/** Every header text a profile's column may have (its name, then the others). */
const namesOf = (column: ColumnMapping) => [column.column, ...(column.also ?? [])];

/**
 * The mapping a profile gives for this header: each of the profile's columns
 * that the file has (ignoring case and blanks; by any of its names, the first
 * found), spelled as in the file.
 */
export function mappingFromProfile(profile: MappingProfile, header: readonly string[]): Mapping {
  const mapping = emptyMapping();
  for (const column of profile.columns) {
    let found: string | undefined;
    for (const name of namesOf(column)) {
      found ??= header.find((h) => norm(h) === norm(name));
    }
    if (found !== undefined && mapping[column.field] === '') mapping[column.field] = found;
  }
  return mapping;
}

/** The profile's columns this file lacks (the run would refuse required ones). */
export function missingColumns(profile: MappingProfile, header: readonly string[]): string[] {
  const have = new Set(header.map(norm));
  return profile.columns
    .filter((c) => c.required && !namesOf(c).some((name) => have.has(norm(name))))
    .map((c) => c.column);
}

export interface Overrides {
  separator: Separator | null;
  encoding: FeedEncoding | null;
  decimal_mark: DecimalMark | null;
  default_currency: string | null;
}

/** A profile from the wizard's mapping: the source key column is required, the others optional. */
export function profileFromMapping(name: string, mapping: Mapping, overrides: Overrides): MappingProfile {
  return {
    name: name.trim(),
    separator: overrides.separator,
    encoding: overrides.encoding,
    decimal_mark: overrides.decimal_mark,
    default_currency: overrides.default_currency?.trim() ? overrides.default_currency.trim().toUpperCase() : null,
    columns: ARTICLE_FIELDS.filter((f) => mapping[f] !== '').map((field) => ({
      column: mapping[field],
      field,
      required: field === 'source_key',
      also: [],
    })),
  };
}

/** A profile read with other settings (separator, encoding, decimal mark, default currency); its columns as they are. */
export function withOverrides(profile: MappingProfile, overrides: Overrides): MappingProfile {
  return {
    ...profile,
    separator: overrides.separator,
    encoding: overrides.encoding,
    decimal_mark: overrides.decimal_mark,
    default_currency: overrides.default_currency?.trim() ? overrides.default_currency.trim().toUpperCase() : null,
  };
}

/** What keeps the mapping from running: no source key, or a column feeding two fields. */
export function mappingProblems(mapping: Mapping): { noKey: boolean; noName: boolean; twice: string[] } {
  const used = new Map<string, number>();
  for (const f of ARTICLE_FIELDS) if (mapping[f]) used.set(mapping[f], (used.get(mapping[f]) ?? 0) + 1);
  return {
    noKey: mapping.source_key === '',
    noName: mapping.name === '' && mapping.short_description === '',
    twice: [...used].filter(([, n]) => n > 1).map(([c]) => c),
  };
}

/** The source name the backend derives from a profile or supplier name: `ITScope` → `itscope`. */
export function slug(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

export interface BmecatChoice {
  languages: string;
  costPriceTypes: string;
  listPriceTypes: string;
}

export const BMECAT_DEFAULTS: BmecatChoice = {
  languages: 'deu, eng',
  costPriceTypes: 'net_customer, net_list',
  listPriceTypes: 'nrp, gros_list, net_list, net_customer',
};

const list = (s: string) =>
  s
    .split(/[,\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);

/** Whether a list of price types ("net_customer, net_list") names `type` (ignoring case, as the import does). */
export function hasType(types: string, type: string): boolean {
  return list(types).some((t) => t.toLowerCase() === type.toLowerCase());
}

/** The list with `type` added at the end (least preferred) or taken out. */
export function toggleType(types: string, type: string, on: boolean): string {
  const without = list(types).filter((t) => t.toLowerCase() !== type.toLowerCase());
  return (on ? [...without, type] : without).join(', ');
}

/**
 * The price types of the preview that neither list names: an article whose
 * prices are all of such types is rejected (with the types it has).
 */
export function unchosenTypes(preview: FeedPreview, choice: BmecatChoice): string[] {
  return preview.price_types
    .map((t) => t.price_type)
    .filter((t) => !hasType(choice.costPriceTypes, t) && !hasType(choice.listPriceTypes, t));
}

/**
 * The answer to "discontinue them?" when a full feed stopped to ask: import and
 * discontinue, or import without discontinuing anything (not full).
 */
export type DiscontinueAnswer = 'allow' | 'not_full';

/**
 * The options of a run. An unticked "full feed" leaves it to the file (a BMEcat
 * T_NEW_CATALOG is full); the answer to the question overrides.
 */
export function importOptions(
  preview: FeedPreview,
  choice: { source: string; full: boolean; profile: MappingProfile | null; bmecat: BmecatChoice },
  answer: DiscontinueAnswer | null = null,
): ImportOptions {
  const options: ImportOptions = {
    source: choice.source.trim() || null,
    format: preview.format,
    full: answer === 'not_full' ? false : choice.full ? true : null,
    allow_discontinue: answer === 'allow',
  };
  if (preview.format === 'bmecat') {
    options.bmecat = {
      languages: list(choice.bmecat.languages),
      cost_price_types: list(choice.bmecat.costPriceTypes),
      list_price_types: list(choice.bmecat.listPriceTypes),
      currency: null,
    };
  } else {
    options.profile = choice.profile;
  }
  return options;
}

/** Why the import cannot tell whose articles a file brings, and what to do. */
export function sourceRequiredText(why: SourceMissing, file: string, lang: Lang): string {
  return translate(lang, why === 'no_supplier_name' ? 'import.sourceRequired.noSupplier' : 'import.sourceRequired.unsavedMapping', { file });
}

/** One reason a full feed stopped to ask, as a sentence. */
export function guardReasonText(reason: GuardReason, lang: Lang): string {
  switch (reason.kind) {
    case 'more_than_a_tenth':
      return translate(lang, 'import.guard.moreThanATenth');
    case 'last_line_cut':
      return translate(lang, 'import.guard.lastLineCut', { line: reason.line, fields: reason.fields, header: reason.header_fields });
    case 'open_quote':
      return translate(lang, 'import.guard.openQuote', { line: reason.line });
    case 'fewer_rows':
      return translate(lang, 'import.guard.fewerRows', { rows: reason.rows, last: reason.last_full_rows });
  }
}

/** The question a full feed asks before it discontinues what looks like too much. */
export function discontinueQuestion(check: DiscontinueCheck, lang: Lang): { title: string; summary: string; reasons: string[] } {
  return {
    title: translate(lang, 'import.guard.title', { count: check.would_discontinue }),
    summary: translate(lang, 'import.guard.summary', {
      file: check.file_name,
      count: check.would_discontinue,
      active: check.active,
      source: check.source,
      catalog: check.catalog,
    }),
    reasons: check.reasons.map((r) => guardReasonText(r, lang)),
  };
}

/** What a report says about discontinuing: what went and why, or why nothing did. */
export function discontinuationNote(report: ImportReport, lang: Lang): { note: string; allowed: string[] } | null {
  const d = report.discontinuation;
  if (d === null) return null;
  switch (d.kind) {
    case 'not_full':
      return { note: translate(lang, 'import.disc.notFull'), allowed: [] };
    case 'rows_without_key':
      return { note: translate(lang, 'import.disc.rowsWithoutKey', { count: d.rows }), allowed: [] };
    case 'full_feed':
      return {
        note:
          d.missing === 0
            ? translate(lang, 'import.disc.noneMissing')
            : translate(lang, 'import.disc.missing', { count: d.missing, active: d.active }),
        allowed: d.allowed.map((r) => guardReasonText(r, lang)),
      };
  }
}

/** 0..1 of the file read, or null when the size is unknown. */
export function progressFraction(p: ImportProgress | null): number | null {
  if (!p || p.total_bytes <= 0) return null;
  return Math.min(1, p.bytes / p.total_bytes);
}

/** "1.5 MB" style sizes. */
export function formatBytes(bytes: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value.toLocaleString(locale, { maximumFractionDigits: unit === 0 ? 0 : 1 })} ${units[unit]}`;
}

/** Where a rejected row is: "line 12" for tables, the XML element path for BMEcat. */
export function problemWhere(problem: FeedRowProblem): { line: number | null; element: string | null } {
  return {
    line: problem.location.line > 0 ? problem.location.line : null,
    element: problem.location.element,
  };
}

/** A report's timestamp (RFC 3339) in the UI's locale; the text itself if it does not parse. */
export function formatWhen(iso: string, locale: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}
