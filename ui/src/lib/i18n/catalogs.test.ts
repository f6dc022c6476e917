import { describe, expect, it } from 'vitest';
import { en } from './en';
import { de } from './de';
import type { Catalog } from './catalog';

// Every key path down to the texts (a plural message adds `.one` / `.other`), with its text.
function leaves(catalog: object, prefix = ''): [string, unknown][] {
  return Object.entries(catalog).flatMap(([key, value]): [string, unknown][] =>
    value !== null && typeof value === 'object' ? leaves(value, `${prefix}${key}.`) : [[`${prefix}${key}`, value]],
  );
}

describe('the language files', () => {
  // A key only one language has would show the other language's text (or the raw key)
  // to a user, so both files must name exactly the same messages, plural forms included.
  it('have exactly the same keys, recursively', () => {
    const enKeys = leaves(en).map(([key]) => key).sort();
    const deKeys = leaves(de).map(([key]) => key).sort();
    expect(deKeys).toEqual(enKeys);
    expect(enKeys.length).toBeGreaterThan(100);
  });

  // An empty text renders as a blank button or label, which reads as a bug in either language.
  it('have no empty text in either language', () => {
    for (const [lang, catalog] of [['en', en], ['de', de]] as const) {
      for (const [key, text] of leaves(catalog)) {
        expect(typeof text, `${lang} ${key}`).toBe('string');
        expect((text as string).trim(), `${lang} ${key}`).not.toBe('');
      }
    }
  });

  // The type catches the same before any test runs: de.ts is typed by en.ts's keys.
  it('are forced by the type: a German catalog missing a key or with an extra one does not compile', () => {
    const { 'kind.service.one': _dropped, ...missing } = de;
    // @ts-expect-error: a key of en.ts is missing
    const short: Catalog = missing;
    // @ts-expect-error: not a key of en.ts
    const extra: Catalog = { ...de, 'no.such.key': 'x' };
    expect(Object.keys(short)).toHaveLength(Object.keys(de).length - 1);
    expect(extra).toHaveProperty(['no.such.key']);
  });
});
