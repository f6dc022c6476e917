import { describe, expect, it } from 'vitest';
import type { Wording } from './bindings';
import { fill, wordingText } from './wording';

describe('wordingText', () => {
  it('says a core sentence in German from its typed values', () => {
    const wording: Wording = { said: { area: 'catalog', says: 'name_empty' }, values: { item: { type: 'text', value: 'SVC-1' } } };
    expect(wordingText(wording, 'de')).toBe('SVC-1: Der Name ist leer.');
    expect(wordingText(wording, 'en')).toBeNull();
  });

  it('writes each kind of value the German way', () => {
    const text = fill('{d} {n} {a} {c} {cs} {s} {i} {o} {missing}', {
      d: { type: 'date', value: '2026-02-01' },
      n: { type: 'number', value: '1234.5' },
      a: { type: 'amount', value: '9.9' },
      c: { type: 'context', value: 'cloud_container' },
      cs: { type: 'contexts', value: ['employee', 'global'] },
      s: { type: 'item_status', value: 'deprecated' },
      i: { type: 'instance_status', value: 'provisioning' },
      o: { type: 'offer_type', value: 'rental' },
    }, 'de');
    expect(text).toBe('01.02.2026 1.234,5 9,90 Cloud-Container Mitarbeiter, Kundenweit abgekündigt in Bereitstellung Miete {missing}');
    expect(text).not.toMatch(/cloud_container|provisioning|rental/);
  });
});
