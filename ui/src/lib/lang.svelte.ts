// The current UI language as rune state. Components call `t()` in their markup or
// in `$derived`; since `t` reads the state, they re-render when it changes.
import { isLang, langFromLanguages, localeOf, translate, type Lang, type MessageKey, type Params } from './i18n';

export const LANG_STORAGE_KEY = 'servicefolio.lang';

function storedLang(): Lang | null {
  try {
    const value = globalThis.localStorage?.getItem(LANG_STORAGE_KEY);
    return isLang(value) ? value : null;
  } catch {
    return null; // storage unavailable
  }
}

function initialLang(): Lang {
  const stored = storedLang();
  if (stored) return stored;
  const nav = globalThis.navigator;
  return langFromLanguages([...(nav?.languages ?? []), nav?.language]);
}

const current = $state<{ lang: Lang }>({ lang: initialLang() });

/** The language the UI is shown in. */
export function lang(): Lang {
  return current.lang;
}

/** Switches the UI language and remembers it for the next start. */
export function setLang(next: Lang): void {
  current.lang = next;
  try {
    globalThis.localStorage?.setItem(LANG_STORAGE_KEY, next);
  } catch {
    // not remembered; the switch still applies to this session
  }
}

/** The locale money, numbers and dates are formatted in for the current language. */
export function locale(): string {
  return localeOf(current.lang);
}

/** A message in the current language. */
export function t(key: MessageKey, params?: Params): string {
  return translate(current.lang, key, params);
}
