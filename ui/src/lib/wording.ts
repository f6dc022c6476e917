// A sentence of the core (`Wording`: which sentence, and its typed values) said
// in the UI's language. English is the core's own language: its message is the
// same sentence, so only the other languages have tables here, each typed to
// hold every sentence (a missing one fails the type check; tests/wording.rs
// holds each to the values its English names).
import type { ItemKind, Value, Wording } from './bindings';
import { contextLabel, offerLabel, statusLabel } from './booking';
import { formatDate, formatDecimal } from './format';
import { localeOf, translate, type Lang } from './i18n';
import { catalogDe } from './i18n/wording/catalog.de';
import { inputDe } from './i18n/wording/input.de';
import { refusalDe } from './i18n/wording/refusal.de';

/** The sentence in `lang`, or null in English (the core's message says it). */
export function wordingText(wording: Wording, lang: Lang): string | null {
  if (lang === 'en') return null;
  const said = wording.said;
  const template = said.area === 'catalog' ? catalogDe[said.says] : said.area === 'input' ? inputDe[said.says] : refusalDe[said.says];
  return fill(template, wording.values, lang);
}

/** `{name}` replaced by the value of that name, written the way `lang` writes it. */
export function fill(template: string, values: Partial<Record<string, Value>>, lang: Lang): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    return value === undefined ? whole : valueText(value, lang);
  });
}

function valueText(value: Value, lang: Lang): string {
  const locale = localeOf(lang);
  switch (value.type) {
    case 'text':
      return value.value;
    case 'number':
      return formatDecimal(value.value, locale);
    case 'amount':
      return formatDecimal(value.value, locale, 2);
    case 'date':
      return formatDate(value.value, lang);
    case 'context':
      return contextLabel(value.value, lang);
    case 'contexts':
      return value.value.map((c) => contextLabel(c, lang)).join(', ');
    case 'item_status':
      return translate(lang, `itemStatus.${value.value}`);
    case 'instance_status':
      return statusLabel(value.value, lang);
    case 'offer_type':
      return offerLabel(value.value, lang);
    case 'item_kind':
      return lang === 'de' ? ITEM_KIND_DE[value.value] : ITEM_KIND_EN[value.value];
    case 'rule':
      return lang === 'de' ? `Kategorieregel ${value.value}` : `category rule ${value.value}`;
    case 'offer_status':
      return translate(lang, `of.status.${value.value}`);
    case 'place':
      return value.value ?? translate(lang, 'contexts.global');
    case 'instances':
      return value.value.map((i) => `${i.item} #${i.id} (${statusLabel(i.status, lang)})`).join(', ');
  }
}

// A kind of catalog item with its indefinite article, as a sentence names it
// (in German nominative: "{item} ist {kind}").
const ITEM_KIND_EN: Record<ItemKind, string> = { product: 'a product', service: 'a service', basic_service: 'a basic service', add_on: 'an add-on' };
const ITEM_KIND_DE: Record<ItemKind, string> = { product: 'ein Produkt', service: 'ein Service', basic_service: 'ein Basisdienst', add_on: 'eine Zusatzleistung' };
