import { describe, expect, it } from 'vitest';
import type { CategoryRuleRecord } from './bindings';
import { blankRule, cleanRule, isDefaultRule, parseCategories, ruleMatches, sameRule, sourceLine, toggleContext } from './category-rules';

const rule = (patch: Partial<CategoryRuleRecord>): CategoryRuleRecord => ({ ...blankRule(), name: 'Notebooks', ...patch });

describe('category rules', () => {
  it('reads categories as typed: commas, semicolons or lines, blanks dropped, each once', () => {
    expect(parseCategories(' Notebook, Notebooks;Laptop\n\nnotebook , ,')).toEqual(['Notebook', 'Notebooks', 'Laptop']);
    expect(parseCategories('')).toEqual([]);
  });

  it('says what a rule matches, the default included', () => {
    expect(ruleMatches(rule({ categories: ['Notebook', 'Laptop'] }), 'en')).toBe('Notebook, Laptop');
    expect(ruleMatches(rule({ categories: ['Notebook'], manufacturer: 'Lenovo' }), 'en')).toBe('Notebook · only Lenovo');
    expect(ruleMatches(rule({ manufacturer: 'Lenovo' }), 'de')).toBe('jedes Produkt von Lenovo');
    expect(ruleMatches(rule({}), 'en')).toBe('every product no other rule matches');
    expect(isDefaultRule(rule({}))).toBe(true);
    expect(isDefaultRule(rule({ manufacturer: 'HP' }))).toBe(false);
  });

  it('sends names and categories without blanks; an empty manufacturer is any', () => {
    const cleaned = cleanRule(rule({ name: ' Notebooks ', categories: [' Laptop ', 'laptop'], manufacturer: '  ' }));
    expect(cleaned.name).toBe('Notebooks');
    expect(cleaned.categories).toEqual(['Laptop']);
    expect(cleaned.manufacturer).toBeNull();
    expect(sameRule(rule({ manufacturer: '' }), rule({ manufacturer: null }))).toBe(true);
    expect(sameRule(rule({ allowed_contexts: ['employee'] }), rule({ allowed_contexts: ['location'] }))).toBe(false);
  });

  it('keeps contexts in the domain order', () => {
    expect(toggleContext(['workplace'], 'employee', true)).toEqual(['employee', 'workplace']);
    expect(toggleContext(['employee', 'workplace'], 'employee', false)).toEqual(['workplace']);
  });

  it('writes a product source as a person reads it', () => {
    expect(sourceLine({ source: 'itscope', source_key: '10001039' }, 'en')).toBe('ITScope · 10001039');
    expect(sourceLine({ source: 'acme-distribution', source_key: 'A-1' }, 'de')).toBe('acme-distribution · A-1');
    expect(sourceLine({ source: 'custom', source_key: null }, 'de')).toBe('Von Hand angelegt');
    expect(sourceLine({ source: 'custom', source_key: null }, 'en')).toBe('Entered by hand');
  });
});
