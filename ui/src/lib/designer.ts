// Pure logic of the service designer: blank records, the text of money and
// count inputs, preparing a draft for the core, matching rule violations to the
// fields that show them, and immutable list edits. No Svelte and no IPC here.
import type {
  BookingContext,
  CatalogItemSummary,
  ComponentRecord,
  ItemKind,
  ItemRecord,
  ItemStatus,
  LeasingTerms,
  LinkQuantity,
  LinkRecord,
  LinkWarning,
  OfferTerms,
  OptionChoiceRecord,
  OptionGroupRecord,
  PriceDeltas,
  PurchaseTerms,
  RentalTerms,
  RequirementRecord,
  RuleViolation,
  ServiceUnit,
  StockStatus,
  VariantRecord,
} from './bindings';
import { kindLabel } from './catalog';
import { translate, type Lang } from './i18n';
import { wordingText } from './wording';

export type ProductItem = Extract<ItemRecord, { type: 'product' }>;
export type ServiceItem = Extract<ItemRecord, { type: 'service' }>;
export type AddOnItem = Extract<ItemRecord, { type: 'add_on' }>;

export type OfferType = 'rental' | 'purchase' | 'leasing';
export const OFFER_TYPES: readonly OfferType[] = ['rental', 'purchase', 'leasing'];

/** Booking contexts in the order the portfolio format writes them. */
export const BOOKING_CONTEXTS: readonly BookingContext[] = ['employee', 'location', 'cloud_container', 'workplace', 'global'];
export const SERVICE_UNITS: readonly ServiceUnit[] = ['per_employee', 'per_device', 'per_location', 'per_vm', 'per_workplace', 'flat'];
export const STOCK_STATUSES: readonly StockStatus[] = ['in_stock', 'low_stock', 'out_of_stock', 'on_order', 'unknown'];

/** The statuses each record type may have (the core refuses the others). */
export function statusesFor(type: ItemRecord['type']): readonly ItemStatus[] {
  return type === 'product' ? ['active', 'discontinued'] : ['active', 'deprecated', 'retired'];
}

// ---------------------------------------------------------------------------
// Blank records

export function blankRental(): RentalTerms {
  return { monthly_price: '', minimum_term_months: 12, notice_period_months: 3, renewal_period_months: 12 };
}

export function blankPurchase(): PurchaseTerms {
  return { price: '' };
}

export function blankLeasing(): LeasingTerms {
  return { financed_amount: '', term_months: 36, leasing_factor_percent: '', residual_value_percent: '0' };
}

export function blankOffer(type: OfferType): RentalTerms | PurchaseTerms | LeasingTerms {
  if (type === 'rental') return blankRental();
  if (type === 'purchase') return blankPurchase();
  return blankLeasing();
}

/** A variant with an empty rental term: the common case for a managed service. */
export function blankVariant(): VariantRecord {
  return { code: '', name: '', description: '', setup_fee: null, offers: { rental: blankRental(), purchase: null, leasing: null } };
}

export function blankChoice(): OptionChoiceRecord {
  return { code: '', name: '', description: '', price_deltas: { rental_monthly: null, purchase: null, leasing_amount: null } };
}

export function blankOptionGroup(): OptionGroupRecord {
  return { code: '', name: '', selection: 'single', required: false, variants: [], choices: [blankChoice()] };
}

export function blankComponent(kind: ComponentRecord['kind'] = 'action'): ComponentRecord {
  if (kind === 'goods') return { kind: 'goods', product: '', quantity_per_unit: 1 };
  return { kind, description: '' };
}

/** Switches a component's kind, keeping the description between resource and action. */
export function changeComponentKind(component: ComponentRecord, kind: ComponentRecord['kind']): ComponentRecord {
  if (component.kind === kind) return component;
  if (kind !== 'goods' && component.kind !== 'goods') return { kind, description: component.description };
  return blankComponent(kind);
}

export function blankRequirement(): RequirementRecord {
  return { service: '', scope: 'customer' };
}

export function blankLink(): LinkRecord {
  return { item: '', mode: 'optional', quantity: { per_parent_unit: 1 } };
}

/**
 * A new item of a kind, with defaults a person would pick most often: EUR, 19 %
 * VAT, active, and the booking contexts such items usually have. Money the
 * person must decide on is left empty.
 */
export function blankRecord(kind: ItemKind): ItemRecord {
  switch (kind) {
    case 'product':
      return {
        type: 'product',
        code: '',
        name: '',
        category: '',
        manufacturer: '',
        manufacturer_part_number: '',
        ean: null,
        description: '',
        cost_price: null,
        list_price: '',
        currency: 'EUR',
        tax_rate: '19',
        stock_status: 'unknown',
        source: 'custom',
        source_key: null,
        status: 'active',
        allowed_contexts: ['employee', 'workplace'],
        requires: [],
        links: [],
        successors: [],
      };
    case 'service':
    case 'basic_service': {
      const basic = kind === 'basic_service';
      return {
        type: 'service',
        code: '',
        name: '',
        kind: basic ? 'basic' : 'standard',
        category: '',
        description: '',
        unit: basic ? 'flat' : 'per_employee',
        currency: 'EUR',
        tax_rate: '19',
        status: 'active',
        allowed_contexts: basic ? ['global'] : ['employee'],
        variants: [blankVariant()],
        option_groups: [],
        components: [],
        requires: [],
        links: [],
        successors: [],
      };
    }
    case 'add_on':
      return {
        type: 'add_on',
        code: '',
        name: '',
        category: '',
        description: '',
        one_time_price: '',
        currency: 'EUR',
        tax_rate: '19',
        status: 'active',
        applies_to: [],
      };
  }
}

/** The catalog kind of a record (a service record is a basic or a standard service). */
export function recordKind(record: ItemRecord): ItemKind {
  if (record.type === 'service') return record.kind === 'basic' ? 'basic_service' : 'service';
  return record.type;
}

function completeDeltas(d: PriceDeltas | undefined): PriceDeltas {
  return { rental_monthly: d?.rental_monthly ?? null, purchase: d?.purchase ?? null, leasing_amount: d?.leasing_amount ?? null };
}

function completeOffers(o: OfferTerms): OfferTerms {
  return { rental: o.rental ?? null, purchase: o.purchase ?? null, leasing: o.leasing ?? null };
}

/**
 * A record as the core sends it, with every optional field present, so the form
 * always has a value to show and an unchanged record compares equal.
 */
export function completeRecord(record: ItemRecord): ItemRecord {
  switch (record.type) {
    case 'product':
      return {
        ...record,
        ean: record.ean ?? null,
        description: record.description ?? '',
        cost_price: record.cost_price ?? null,
        stock_status: record.stock_status ?? 'unknown',
        source: record.source ?? 'custom',
        source_key: record.source_key ?? null,
        status: record.status ?? 'active',
        requires: record.requires ?? [],
        links: record.links ?? [],
        successors: record.successors ?? [],
      };
    case 'service':
      return {
        ...record,
        description: record.description ?? '',
        status: record.status ?? 'active',
        variants: record.variants.map((v) => ({
          ...v,
          description: v.description ?? '',
          setup_fee: v.setup_fee ?? null,
          offers: completeOffers(v.offers),
        })),
        option_groups: (record.option_groups ?? []).map((g) => ({
          ...g,
          required: g.required ?? false,
          variants: g.variants ?? [],
          choices: g.choices.map((c) => ({ ...c, description: c.description ?? '', price_deltas: completeDeltas(c.price_deltas) })),
        })),
        components: record.components ?? [],
        requires: record.requires ?? [],
        links: record.links ?? [],
        successors: record.successors ?? [],
      };
    case 'add_on':
      return { ...record, description: record.description ?? '', status: record.status ?? 'active' };
  }
}

// ---------------------------------------------------------------------------
// Number inputs

/** The most significant digits an exact decimal of the core holds. */
const MAX_DIGITS = 28;

/**
 * Reads a decimal as a person types it. Accepted: an optional minus sign,
 * digits, and at most one decimal mark, a point or a comma ("12.50", "12,50",
 * "12", ",5"); surrounding spaces are ignored. Thousands separators are not
 * accepted ("1.234,50" and "1,234.50" are refused), because "1.234" could mean
 * either. Returns the canonical string the core reads ("12.50": a point, no
 * superfluous leading zeros, the fraction's digits kept as typed so the scale
 * stays), or null when the text is not such a number.
 */
export function parseDecimalInput(text: string): string | null {
  const match = /^(-?)(\d*)(?:[.,](\d*))?$/.exec(text.trim());
  if (!match) return null;
  const [, sign = '', integerDigits = '', fraction = ''] = match;
  if (integerDigits === '' && fraction === '') return null;
  const integer = integerDigits.replace(/^0+(?=\d)/, '') || '0';
  const significant = (integer === '0' ? '' : integer) + fraction;
  if (significant.length > MAX_DIGITS || fraction.length > MAX_DIGITS) return null;
  const zero = /^0*$/.test(integer + fraction);
  return `${zero ? '' : sign}${integer}${fraction ? `.${fraction}` : ''}`;
}

const U32_MAX = 4_294_967_295;

/** A whole number from 0 to 4294967295 (the core's counts), or null. */
export function parseIntegerInput(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,10}$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value <= U32_MAX ? value : null;
}


// ---------------------------------------------------------------------------
// Preparing the draft

export interface Prepared {
  /** The record to send: every amount canonical, or a stand-in where the input is invalid. */
  record: ItemRecord;
  /** Field path → why the text of that input cannot be sent. */
  errors: Record<string, string>;
}

/**
 * Turns the form's record (amounts as typed, counts possibly NaN) into one the
 * core can read. An invalid or empty amount gets an error at its path and is
 * not sent: a required one is replaced by "0" and an optional one left out, so
 * the rules can still be checked for everything else. Saving waits until
 * `errors` is empty.
 */
export function prepareRecord(record: ItemRecord, lang: Lang): Prepared {
  const errors: Record<string, string> = {};
  const REQUIRED_AMOUNT = translate(lang, 'designer.requiredAmount');
  const DECIMAL_HINT = translate(lang, 'designer.decimalHint');
  const WHOLE_NUMBER = translate(lang, 'designer.wholeNumber');

  const required = (path: string, text: string): string => {
    if (text.trim() === '') {
      errors[path] = REQUIRED_AMOUNT;
      return '0';
    }
    const value = parseDecimalInput(text);
    if (value === null) {
      errors[path] = DECIMAL_HINT;
      return '0';
    }
    return value;
  };
  const optional = (path: string, text: string | null | undefined): string | null => {
    if (text === null || text === undefined || text.trim() === '') return null;
    const value = parseDecimalInput(text);
    if (value === null) errors[path] = DECIMAL_HINT;
    return value;
  };
  const count = (path: string, value: number): number => {
    if (!Number.isInteger(value) || value < 0 || value > U32_MAX) {
      errors[path] = WHOLE_NUMBER;
      return 0;
    }
    return value;
  };
  const links = (list: LinkRecord[] | undefined): LinkRecord[] =>
    (list ?? []).map((l, i) => {
      const path = `links[${i}].quantity`;
      const quantity: LinkQuantity =
        'per_parent_unit' in l.quantity
          ? { per_parent_unit: count(path, l.quantity.per_parent_unit) }
          : { fixed: count(path, l.quantity.fixed) };
      return { ...l, quantity };
    });

  switch (record.type) {
    case 'product':
      return {
        record: {
          ...record,
          ean: record.ean === undefined || record.ean === null || record.ean.trim() === '' ? null : record.ean.trim(),
          source_key: record.source_key === undefined || record.source_key === null || record.source_key === '' ? null : record.source_key,
          cost_price: optional('cost_price', record.cost_price),
          // Empty: no price yet (the product is listed, never booked or offered).
          list_price: optional('list_price', record.list_price),
          tax_rate: required('tax_rate', record.tax_rate),
          links: links(record.links),
        },
        errors,
      };
    case 'add_on':
      return {
        record: {
          ...record,
          one_time_price: required('one_time_price', record.one_time_price),
          tax_rate: required('tax_rate', record.tax_rate),
        },
        errors,
      };
    case 'service':
      return {
        record: {
          ...record,
          tax_rate: required('tax_rate', record.tax_rate),
          variants: record.variants.map((v, i) => {
            const base = `variants[${i}]`;
            const offers: OfferTerms = {};
            const { rental, purchase, leasing } = v.offers;
            offers.rental = rental
              ? {
                  monthly_price: required(`${base}.offers.rental.monthly_price`, rental.monthly_price),
                  minimum_term_months: count(`${base}.offers.rental.minimum_term_months`, rental.minimum_term_months),
                  notice_period_months: count(`${base}.offers.rental.notice_period_months`, rental.notice_period_months),
                  renewal_period_months: count(`${base}.offers.rental.renewal_period_months`, rental.renewal_period_months),
                }
              : null;
            offers.purchase = purchase ? { price: required(`${base}.offers.purchase.price`, purchase.price) } : null;
            offers.leasing = leasing
              ? {
                  financed_amount: required(`${base}.offers.leasing.financed_amount`, leasing.financed_amount),
                  term_months: count(`${base}.offers.leasing.term_months`, leasing.term_months),
                  leasing_factor_percent: required(`${base}.offers.leasing.leasing_factor_percent`, leasing.leasing_factor_percent),
                  residual_value_percent: required(`${base}.offers.leasing.residual_value_percent`, leasing.residual_value_percent),
                }
              : null;
            return { ...v, setup_fee: optional(`${base}.setup_fee`, v.setup_fee), offers };
          }),
          option_groups: (record.option_groups ?? []).map((g, gi) => ({
            ...g,
            choices: g.choices.map((c, ci) => {
              const base = `option_groups[${gi}].choices[${ci}].price_deltas`;
              const d = c.price_deltas ?? {};
              return {
                ...c,
                price_deltas: {
                  rental_monthly: optional(`${base}.rental_monthly`, d.rental_monthly),
                  purchase: optional(`${base}.purchase`, d.purchase),
                  leasing_amount: optional(`${base}.leasing_amount`, d.leasing_amount),
                },
              };
            }),
          })),
          components: (record.components ?? []).map((c, i) =>
            c.kind === 'goods' ? { ...c, quantity_per_unit: count(`components[${i}].quantity_per_unit`, c.quantity_per_unit) } : c,
          ),
          links: links(record.links),
        },
        errors,
      };
  }
}

// ---------------------------------------------------------------------------
// Rule violations and the fields that show them

/** The violations of the item `itemCode` on exactly `field`. */
export function violationsFor(violations: readonly RuleViolation[], itemCode: string, field: string): RuleViolation[] {
  return violations.filter((v) => v.item === itemCode && v.field === field);
}

/**
 * What is said next to a link the draft may be saved with (a warning, not a
 * violation): the texts of the warnings on exactly `field`, in `lang`.
 */
export function warningsFor(warnings: readonly LinkWarning[], field: string, lang: Lang): string[] {
  return warnings.filter((w) => w.field === field).map((w) => linkWarningText(w, lang));
}

/** A warning about a link, in `lang`. */
export function linkWarningText(warning: LinkWarning, lang: Lang): string {
  switch (warning.kind) {
    case 'unpriced':
      return translate(lang, 'ds.linkUnpriced', { name: warning.name });
  }
}

/** The violations of the item on `prefix` or anything inside it (`variants[0]` → `variants[0].offers.rental.monthly_price`). */
export function violationsUnder(violations: readonly RuleViolation[], itemCode: string, prefix: string): RuleViolation[] {
  return violations.filter(
    (v) => v.item === itemCode && (v.field === prefix || v.field.startsWith(`${prefix}.`) || v.field.startsWith(`${prefix}[`)),
  );
}

/**
 * The violations the form cannot show at a field: those of other items (a cycle
 * reported on the item at its other end, say), those on the item as a whole
 * (empty field), and those whose field the form does not render.
 */
export function otherViolations(
  violations: readonly RuleViolation[],
  itemCode: string,
  renderedFields: ReadonlySet<string>,
): RuleViolation[] {
  return violations.filter((v) => v.item !== itemCode || v.field === '' || !renderedFields.has(v.field));
}

function relationPaths(paths: string[], record: { requires?: RequirementRecord[]; links?: LinkRecord[]; successors?: string[] }) {
  (record.requires ?? []).forEach((_, i) => paths.push(`requires[${i}].service`, `requires[${i}].scope`));
  (record.links ?? []).forEach((_, i) => paths.push(`links[${i}].item`, `links[${i}].mode`, `links[${i}].quantity`));
  (record.successors ?? []).forEach((_, i) => paths.push(`successors[${i}]`));
}

/**
 * The kinds an item's successor may be: its own (a service's customers move to
 * a service, a notebook's to a notebook); an add-on has no successors.
 */
export function successorKinds(record: ItemRecord): ItemKind[] {
  return record.type === 'add_on' ? [] : [recordKind(record)];
}

/** Every field path at which the designer shows messages for this record. */
export function fieldPaths(record: ItemRecord): Set<string> {
  const paths = ['code', 'name', 'category', 'description', 'currency', 'tax_rate', 'status'];
  switch (record.type) {
    case 'product':
      paths.push('manufacturer', 'manufacturer_part_number', 'ean', 'cost_price', 'list_price', 'stock_status', 'source', 'source_key', 'allowed_contexts');
      relationPaths(paths, record);
      break;
    case 'add_on':
      paths.push('one_time_price', 'applies_to');
      record.applies_to.forEach((_, j) => paths.push(`applies_to[${j}]`));
      break;
    case 'service': {
      paths.push('kind', 'unit', 'allowed_contexts', 'variants');
      const codes = new Set(record.variants.map((v) => v.code));
      record.variants.forEach((v, i) => {
        const base = `variants[${i}]`;
        paths.push(`${base}.code`, `${base}.name`, `${base}.description`, `${base}.setup_fee`, `${base}.offers`);
        for (const type of OFFER_TYPES) paths.push(`${base}.offers.${type}`);
        if (v.offers.rental) {
          for (const f of ['monthly_price', 'minimum_term_months', 'notice_period_months', 'renewal_period_months']) {
            paths.push(`${base}.offers.rental.${f}`);
          }
        }
        if (v.offers.purchase) paths.push(`${base}.offers.purchase.price`);
        if (v.offers.leasing) {
          for (const f of ['financed_amount', 'term_months', 'leasing_factor_percent', 'residual_value_percent']) {
            paths.push(`${base}.offers.leasing.${f}`);
          }
        }
      });
      (record.option_groups ?? []).forEach((g, gi) => {
        const base = `option_groups[${gi}]`;
        paths.push(`${base}.code`, `${base}.name`, `${base}.selection`, `${base}.required`, `${base}.variants`, `${base}.choices`);
        (g.variants ?? []).forEach((code, v) => {
          if (!codes.has(code)) paths.push(`${base}.variants[${v}]`);
        });
        g.choices.forEach((_, ci) => {
          const c = `${base}.choices[${ci}]`;
          paths.push(`${c}.code`, `${c}.name`, `${c}.description`);
          for (const f of ['rental_monthly', 'purchase', 'leasing_amount']) paths.push(`${c}.price_deltas.${f}`);
        });
      });
      (record.components ?? []).forEach((c, i) => {
        const base = `components[${i}]`;
        paths.push(`${base}.kind`);
        if (c.kind === 'goods') paths.push(`${base}.product`, `${base}.quantity_per_unit`);
        else paths.push(`${base}.description`);
      });
      relationPaths(paths, record);
      break;
    }
  }
  return new Set(paths);
}

/**
 * A rule message as shown. The core writes the item's code into its messages;
 * while a new item has no code yet that leaves "service : variant 1 has no
 * code", ": the name is empty" and " links ...", which read better without the gap.
 */
export function tidyMessage(message: string, itemCode: string): string {
  if (itemCode !== '') return message;
  return message.replace(/^: /, '').replace(/ : /g, ': ').trim();
}

/**
 * Whether the messages at `path` are shown yet. A new form does not greet its
 * author with problems: a field's messages show once the person has touched it
 * (changed it or left it), or a touched field lies inside it (a variant's code
 * inside `variants`), or once a save was tried (`all`).
 */
export function problemShown(path: string, touched: ReadonlySet<string>, all: boolean): boolean {
  if (all || touched.has(path)) return true;
  if (path === '') return touched.size > 0;
  for (const t of touched) if (t.startsWith(`${path}.`) || t.startsWith(`${path}[`)) return true;
  return false;
}

/** The last name in a field path: `variants[0].code` → `code`, `name` → `name`. */
function lastField(path: string): string {
  const dot = path.lastIndexOf('.');
  return (dot === -1 ? path : path.slice(dot + 1)).replace(/\[\d+\]$/, '');
}

const ENTER_KEYS: Record<string, 'ds.enterCode' | 'ds.enterName' | 'ds.enterCategory' | 'ds.enterDescription' | 'ds.enterManufacturer'> = {
  code: 'ds.enterCode',
  name: 'ds.enterName',
  category: 'ds.enterCategory',
  description: 'ds.enterDescription',
  manufacturer: 'ds.enterManufacturer',
};

/** The sentences of a text with blanks at its ends (the designer asks to remove them). */
const SPACES_SAYS: ReadonlySet<string> = new Set(['code_spaces', 'name_spaces', 'manufacturer_spaces', 'category_spaces']);

/**
 * A rule message as the designer shows it next to a field of the edited item:
 * an empty required text says what to do, in the UI's language ("Enter a
 * name", "Geben Sie einen Namen ein"), instead of the core's report
 * ("SVC-X: the name is empty"). Other messages are the core's sentence in the
 * UI's language (its English message in English), tidied.
 */
export function violationMessage(v: RuleViolation, itemCode: string, lang: Lang): string {
  if (v.rule === 'required' && v.item === itemCode && v.field !== '') {
    if (v.wording.said.area === 'catalog' && SPACES_SAYS.has(v.wording.said.says)) return translate(lang, 'ds.noSpacesAtEnds');
    const key = ENTER_KEYS[lastField(v.field)];
    if (key) return translate(lang, key);
  }
  return tidyMessage(wordingText(v.wording, lang) ?? v.message, v.item);
}

// ---------------------------------------------------------------------------
// Immutable list edits

export function replaceAt<T>(list: readonly T[], index: number, value: T): T[] {
  if (index < 0 || index >= list.length) return [...list];
  return list.map((item, i) => (i === index ? value : item));
}

export function removeAt<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}

export function append<T>(list: readonly T[], value: T): T[] {
  return [...list, value];
}

/** Moves the entry at `from` to `to`; out-of-range moves change nothing. */
export function moveEntry<T>(list: readonly T[], from: number, to: number): T[] {
  const copy = [...list];
  if (from < 0 || from >= list.length || to < 0 || to >= list.length || from === to) return copy;
  const [entry] = copy.splice(from, 1) as [T];
  copy.splice(to, 0, entry);
  return copy;
}

/**
 * Adds or removes `value` in a set-like list; additions keep the order of
 * `order` when given (booking contexts, a service's variants), else go last.
 */
export function toggleMember<T>(list: readonly T[], value: T, on: boolean, order?: readonly T[]): T[] {
  const without = list.filter((v) => v !== value);
  if (!on) return without;
  const added = [...without, value];
  if (!order) return list.includes(value) ? [...list] : added;
  const rank = (v: T) => {
    const i = order.indexOf(v);
    return i === -1 ? order.length : i;
  };
  return added
    .map((v, i) => ({ v, i }))
    .sort((a, b) => rank(a.v) - rank(b.v) || a.i - b.i)
    .map((e) => e.v);
}

// ---------------------------------------------------------------------------
// Service edits that keep references consistent

/**
 * Gives variant `index` a new code; option groups limited to the old code follow
 * the rename, unless another variant still has the old code.
 */
export function renameVariant(service: ServiceItem, index: number, code: string): ServiceItem {
  const variant = service.variants[index];
  if (!variant) return service;
  const old = variant.code;
  const shared = service.variants.some((v, i) => i !== index && v.code === old);
  const follow = old !== '' && !shared;
  return {
    ...service,
    variants: replaceAt(service.variants, index, { ...variant, code }),
    option_groups: (service.option_groups ?? []).map((g) =>
      follow && (g.variants ?? []).includes(old) ? { ...g, variants: (g.variants ?? []).map((c) => (c === old ? code : c)) } : g,
    ),
  };
}

/** Switches an offer type of a variant on (with blank terms) or off. */
export function setOffer(variant: VariantRecord, type: OfferType, on: boolean): VariantRecord {
  const offers: OfferTerms = { ...variant.offers };
  if (type === 'rental') offers.rental = on ? (variant.offers.rental ?? blankRental()) : null;
  else if (type === 'purchase') offers.purchase = on ? (variant.offers.purchase ?? blankPurchase()) : null;
  else offers.leasing = on ? (variant.offers.leasing ?? blankLeasing()) : null;
  return { ...variant, offers };
}

/** A link quantity with the other basis, keeping the count. */
export function setQuantityBasis(quantity: LinkQuantity, basis: 'per_parent_unit' | 'fixed'): LinkQuantity {
  const n = quantityCount(quantity);
  return basis === 'fixed' ? { fixed: n } : { per_parent_unit: n };
}

export function quantityBasis(quantity: LinkQuantity): 'per_parent_unit' | 'fixed' {
  return 'per_parent_unit' in quantity ? 'per_parent_unit' : 'fixed';
}

export function quantityCount(quantity: LinkQuantity): number {
  return 'per_parent_unit' in quantity ? quantity.per_parent_unit : quantity.fixed;
}

export function withQuantityCount(quantity: LinkQuantity, n: number): LinkQuantity {
  return 'per_parent_unit' in quantity ? { per_parent_unit: n } : { fixed: n };
}

// ---------------------------------------------------------------------------
// Pickers

export interface PickerOption {
  code: string;
  name: string;
  status: ItemStatus;
}

export interface PickerGroup {
  kind: ItemKind;
  label: string;
  options: PickerOption[];
}

const PICKER_ORDER: readonly ItemKind[] = ['service', 'basic_service', 'product', 'add_on'];

/**
 * The catalog items of the given kinds for a picker, grouped by kind and sorted
 * by name, leaving out the item being edited.
 */
export function pickerGroups(
  items: readonly CatalogItemSummary[],
  kinds: readonly ItemKind[],
  lang: Lang,
  exclude: readonly (string | null)[] = [],
): PickerGroup[] {
  return PICKER_ORDER.filter((k) => kinds.includes(k))
    .map((kind) => ({
      kind,
      label: kindLabel(kind, lang, 'many'),
      options: items
        .filter((i) => i.kind === kind && !exclude.includes(i.code))
        .map((i) => ({ code: i.code, name: i.name, status: i.status }))
        .sort((a, b) => a.name.localeCompare(b.name) || a.code.localeCompare(b.code)),
    }))
    .filter((g) => g.options.length > 0);
}

/** Whether `code` is one of the picker's options. */
export function pickerHas(groups: readonly PickerGroup[], code: string): boolean {
  return groups.some((g) => g.options.some((o) => o.code === code));
}

/** "New service", or the name typed so far. */
export function displayName(record: ItemRecord, lang: Lang): string {
  const name = record.name.trim();
  return name || translate(lang, `designer.new.${recordKind(record)}`);
}
