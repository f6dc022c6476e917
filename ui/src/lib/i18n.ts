// The UI's languages: how a message is looked up and filled in. The messages are
// one file per language, i18n/en.ts and i18n/de.ts. Pure: the current language
// lives in lang.svelte.ts.
//
// A message is a string with `{name}` placeholders, or a plural pair chosen by the
// `count` parameter (`one` for exactly 1, `other` otherwise; English and German
// need no more than that). The German catalog must have every English key, with
// the same shape (string or plural): a missing or extra key is a type error.

import { en } from './i18n/en';
import { de } from './i18n/de';
import type { Catalog, MessageKey } from './i18n/catalog';
import type { Plural } from './i18n/plural';

export type { Catalog, MessageKey, Plural };

export type Lang = 'en' | 'de';
export const LANGS: readonly Lang[] = ['en', 'de'];

export type Params = Record<string, string | number>;

export const CATALOGS: Readonly<Record<Lang, Catalog>> = { en, de };

/** The message for `key` in `lang`, with `{name}` placeholders filled from `params`. */
export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const message: string | Plural = CATALOGS[lang][key] ?? CATALOGS.en[key] ?? key;
  const text = typeof message === 'string' ? message : pluralForm(message, params?.count);
  return interpolate(text, params);
}

/** `one` for exactly 1, else `other` (English and German agree on this). */
export function pluralForm(message: Plural, count: string | number | undefined): string {
  return Number(count) === 1 ? message.one : message.other;
}

/** Replaces `{name}` with `params.name`; unknown placeholders stay as they are. */
export function interpolate(text: string, params?: Params): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/**
 * The locale that numbers and money are formatted in: English as in the US
 * ("€1,234.56", which is also what the English UI showed before it had a
 * language switch), German as in Germany ("1.234,56 €").
 */
export function localeOf(lang: Lang): string {
  return lang === 'de' ? 'de-DE' : 'en-US';
}

/** The language for a list of browser languages: German for de*, else English. */
export function langFromLanguages(languages: readonly (string | undefined | null)[]): Lang {
  for (const language of languages) {
    if (!language) continue;
    return /^de\b/i.test(language) ? 'de' : 'en';
  }
  return 'en';
}

/** Whether a stored value is a language the UI knows. */
export function isLang(value: unknown): value is Lang {
  return value === 'en' || value === 'de';
}
