import { describe, expect, it } from 'vitest';
import type { CatalogItemSummary, CatalogSays, ItemKind, ItemRecord, LinkWarning, RuleViolation, Value, Wording } from './bindings';
import {
  append,
  blankComponent,
  blankLink,
  blankRecord,
  blankVariant,
  changeComponentKind,
  completeRecord,
  displayName,
  fieldPaths,
  moveEntry,
  otherViolations,
  parseDecimalInput,
  parseIntegerInput,
  pickerGroups,
  pickerHas,
  prepareRecord,
  problemShown,
  quantityBasis,
  quantityCount,
  recordKind,
  removeAt,
  renameVariant,
  replaceAt,
  setOffer,
  setQuantityBasis,
  successorKinds,
  tidyMessage,
  statusesFor,
  toggleMember,
  violationMessage,
  violationsFor,
  violationsUnder,
  warningsFor,
  withQuantityCount,
  type ServiceItem,
  type ProductItem,
} from './designer';
import { translate } from './i18n';

const DECIMAL_HINT = translate('en', 'designer.decimalHint');
const REQUIRED_AMOUNT = translate('en', 'designer.requiredAmount');
const WHOLE_NUMBER = translate('en', 'designer.wholeNumber');

function service(): ServiceItem {
  const r = blankRecord('service');
  if (r.type !== 'service') throw new Error('a service record');
  return r;
}

/** A catalog sentence with its values. */
function said(says: CatalogSays, values: Record<string, Value> = {}): Wording {
  return { said: { area: 'catalog', says }, values };
}

function violation(item: string, field: string, message = `${item} ${field}`): RuleViolation {
  return { item, item_name: '', field, rule: 'required', message, wording: said('name_empty', { item: { type: 'text', value: item } }) };
}

function summary(code: string, kind: ItemKind, name: string): CatalogItemSummary {
  return { id: code.length, kind, code, name, category: 'Test', status: 'active', manufacturer: null, part_number: null, ean: null, price: null };
}

describe('blankRecord', () => {
  it('makes a standard service with one variant and an empty rental term', () => {
    const r = blankRecord('service');
    expect(r.type).toBe('service');
    if (r.type !== 'service') return;
    expect(r.kind).toBe('standard');
    expect(r.currency).toBe('EUR');
    expect(r.tax_rate).toBe('19');
    expect(r.status).toBe('active');
    expect(r.allowed_contexts).toEqual(['employee']);
    expect(r.variants).toHaveLength(1);
    expect(r.variants[0]?.offers.rental).toEqual({
      monthly_price: '',
      minimum_term_months: 12,
      notice_period_months: 3,
      renewal_period_months: 12,
    });
    expect(r.variants[0]?.offers.purchase).toBeNull();
    expect(r.variants[0]?.offers.leasing).toBeNull();
    expect(r.requires).toEqual([]);
    expect(r.links).toEqual([]);
  });

  it('makes a basic service flat and bookable globally', () => {
    const r = blankRecord('basic_service');
    if (r.type !== 'service') throw new Error('a service record');
    expect(r.kind).toBe('basic');
    expect(r.unit).toBe('flat');
    expect(r.allowed_contexts).toEqual(['global']);
    expect(recordKind(r)).toBe('basic_service');
  });

  it('makes a product bookable for employees and workplaces, with no EAN or cost price', () => {
    const r = blankRecord('product');
    if (r.type !== 'product') throw new Error('a product record');
    expect(r.allowed_contexts).toEqual(['employee', 'workplace']);
    expect(r.ean).toBeNull();
    expect(r.cost_price).toBeNull();
    expect(r.stock_status).toBe('unknown');
    expect(r.source).toBe('custom');
    expect(r.currency).toBe('EUR');
  });

  it('makes an add-on that applies to nothing yet', () => {
    const r = blankRecord('add_on');
    if (r.type !== 'add_on') throw new Error('an add-on record');
    expect(r.applies_to).toEqual([]);
    expect(r.one_time_price).toBe('');
    expect(recordKind(r)).toBe('add_on');
  });

  it('gives fresh objects every time', () => {
    const a = service();
    const b = service();
    expect(a).toEqual(b);
    expect(a.variants).not.toBe(b.variants);
  });
});

describe('completeRecord', () => {
  it('fills the optional fields the core leaves out', () => {
    const sparse: ItemRecord = {
      type: 'service',
      code: 'SVC-X',
      name: 'X',
      kind: 'standard',
      category: 'C',
      unit: 'flat',
      currency: 'EUR',
      tax_rate: '19',
      allowed_contexts: ['global'],
      variants: [{ code: 'A', name: 'A', offers: { purchase: { price: '5.00' } } }],
      option_groups: [{ code: 'G', name: 'G', selection: 'single', variants: [], choices: [{ code: 'C', name: 'C' }] }],
      components: [],
      requires: [],
      links: [],
      successors: [],
    };
    const full = completeRecord(sparse);
    if (full.type !== 'service') throw new Error('a service record');
    expect(full.description).toBe('');
    expect(full.status).toBe('active');
    expect(full.variants[0]).toEqual({
      code: 'A',
      name: 'A',
      description: '',
      setup_fee: null,
      offers: { rental: null, purchase: { price: '5.00' }, leasing: null },
    });
    expect(full.option_groups[0]?.required).toBe(false);
    expect(full.option_groups[0]?.choices[0]).toEqual({
      code: 'C',
      name: 'C',
      description: '',
      price_deltas: { rental_monthly: null, purchase: null, leasing_amount: null },
    });
  });

  it('reads a record the core sent without successors as having none', () => {
    // The core leaves an empty successor list out of the record, as it does links.
    const { successors: _left, ...sent } = { ...blankRecord('product'), code: 'NB-1' } as ProductItem;
    const full = completeRecord(sent as ItemRecord);
    if (full.type !== 'product') throw new Error('a product record');
    expect(full.successors).toEqual([]);
  });

  it('offers successors of the item’s own kind and shows their messages at each entry', () => {
    // A service moves to a service, a basic service to a basic service, a
    // notebook to a product; an add-on is never held, so it has none.
    expect(successorKinds(blankRecord('service'))).toEqual(['service']);
    expect(successorKinds(blankRecord('basic_service'))).toEqual(['basic_service']);
    expect(successorKinds(blankRecord('product'))).toEqual(['product']);
    expect(successorKinds(blankRecord('add_on'))).toEqual([]);
    const notebook = { ...blankRecord('product'), successors: ['NB-2', 'NB-3'] } as ProductItem;
    const paths = fieldPaths(notebook);
    expect(paths.has('successors[0]')).toBe(true);
    expect(paths.has('successors[1]')).toBe(true);
    expect(paths.has('successors[2]')).toBe(false);
  });

  it('leaves a complete record as it is', () => {
    const r = blankRecord('product');
    expect(completeRecord(r)).toEqual(r);
  });
});

describe('parseDecimalInput', () => {
  it('accepts a point or a comma as the decimal mark', () => {
    expect(parseDecimalInput('12.50')).toBe('12.50');
    expect(parseDecimalInput('12,50')).toBe('12.50');
    expect(parseDecimalInput('  7,9 ')).toBe('7.9');
    expect(parseDecimalInput('1299')).toBe('1299');
  });

  it('keeps the scale as typed', () => {
    expect(parseDecimalInput('7.90')).toBe('7.90');
    expect(parseDecimalInput('0.000')).toBe('0.000');
  });

  it('completes a bare decimal mark and drops leading zeros', () => {
    expect(parseDecimalInput(',5')).toBe('0.5');
    expect(parseDecimalInput('12.')).toBe('12');
    expect(parseDecimalInput('007.50')).toBe('7.50');
    expect(parseDecimalInput('0')).toBe('0');
  });

  it('keeps a minus sign (discounts), but not on zero', () => {
    expect(parseDecimalInput('-2.50')).toBe('-2.50');
    expect(parseDecimalInput('-,5')).toBe('-0.5');
    expect(parseDecimalInput('-0.00')).toBe('0.00');
  });

  it('refuses thousands separators, words and empty text', () => {
    expect(parseDecimalInput('1.234,50')).toBeNull();
    expect(parseDecimalInput('1,234.50')).toBeNull();
    expect(parseDecimalInput('1 234')).toBeNull();
    expect(parseDecimalInput('12.5.0')).toBeNull();
    expect(parseDecimalInput('abc')).toBeNull();
    expect(parseDecimalInput('12 EUR')).toBeNull();
    expect(parseDecimalInput('+5')).toBeNull();
    expect(parseDecimalInput('1e3')).toBeNull();
    expect(parseDecimalInput('')).toBeNull();
    expect(parseDecimalInput('  ')).toBeNull();
    expect(parseDecimalInput('-')).toBeNull();
    expect(parseDecimalInput('.')).toBeNull();
  });

  it('refuses more digits than an exact decimal holds', () => {
    expect(parseDecimalInput('1'.repeat(28))).toBe('1'.repeat(28));
    expect(parseDecimalInput('1'.repeat(29))).toBeNull();
    expect(parseDecimalInput(`0.${'1'.repeat(29)}`)).toBeNull();
  });
});

describe('parseIntegerInput', () => {
  it('reads whole numbers from 0 to the largest count', () => {
    expect(parseIntegerInput('12')).toBe(12);
    expect(parseIntegerInput(' 0 ')).toBe(0);
    expect(parseIntegerInput('007')).toBe(7);
    expect(parseIntegerInput('4294967295')).toBe(4294967295);
  });

  it('refuses anything else', () => {
    expect(parseIntegerInput('')).toBeNull();
    expect(parseIntegerInput('-1')).toBeNull();
    expect(parseIntegerInput('1.5')).toBeNull();
    expect(parseIntegerInput('1,0')).toBeNull();
    expect(parseIntegerInput('12a')).toBeNull();
    expect(parseIntegerInput('4294967296')).toBeNull();
    expect(parseIntegerInput('99999999999')).toBeNull();
  });
});

describe('prepareRecord', () => {
  it('sends canonical amounts and reports nothing when every input is valid', () => {
    const s = service();
    const variant = s.variants[0];
    if (!variant?.offers.rental) throw new Error('a rental term');
    const record: ServiceItem = {
      ...s,
      tax_rate: '19,0',
      variants: [{ ...variant, setup_fee: '49,00', offers: { ...variant.offers, rental: { ...variant.offers.rental, monthly_price: '14,90' } } }],
    };
    const { record: wire, errors } = prepareRecord(record, 'en');
    expect(errors).toEqual({});
    if (wire.type !== 'service') throw new Error('a service record');
    expect(wire.tax_rate).toBe('19.0');
    expect(wire.variants[0]?.setup_fee).toBe('49.00');
    expect(wire.variants[0]?.offers.rental?.monthly_price).toBe('14.90');
  });

  it('reports an empty required amount at its path and sends a stand-in', () => {
    const { record: wire, errors } = prepareRecord(service(), 'en');
    expect(errors).toEqual({ 'variants[0].offers.rental.monthly_price': REQUIRED_AMOUNT });
    if (wire.type !== 'service') throw new Error('a service record');
    expect(wire.variants[0]?.offers.rental?.monthly_price).toBe('0');
  });

  it('reports an invalid optional amount and leaves it out', () => {
    const s = service();
    const variant = s.variants[0];
    if (!variant) throw new Error('a variant');
    const { record: wire, errors } = prepareRecord({ ...s, variants: [{ ...variant, setup_fee: '1.234,00', offers: { rental: null, purchase: { price: '5' }, leasing: null } }] }, 'en');
    expect(errors).toEqual({ 'variants[0].setup_fee': DECIMAL_HINT });
    if (wire.type !== 'service') throw new Error('a service record');
    expect(wire.variants[0]?.setup_fee).toBeNull();
    expect(wire.variants[0]?.offers.purchase?.price).toBe('5');
  });

  it('treats an empty optional amount as absent', () => {
    const p = blankRecord('product');
    if (p.type !== 'product') throw new Error('a product record');
    const { record: wire, errors } = prepareRecord({ ...p, list_price: '99', cost_price: '  ', ean: '', source_key: '' }, 'en');
    expect(errors).toEqual({});
    if (wire.type !== 'product') throw new Error('a product record');
    expect(wire.cost_price).toBeNull();
    expect(wire.ean).toBeNull();
    expect(wire.source_key).toBeNull();
    expect(wire.list_price).toBe('99');
  });

  it('leaves a product without a list price unpriced (listed, never booked) rather than at zero', () => {
    const p = blankRecord('product');
    if (p.type !== 'product') throw new Error('a product record');
    const { record: wire, errors } = prepareRecord({ ...p, list_price: ' ' }, 'en');
    expect(errors).toEqual({});
    if (wire.type !== 'product') throw new Error('a product record');
    expect(wire.list_price).toBeNull();
    const bad = prepareRecord({ ...p, list_price: '12.3.4' }, 'en');
    expect(Object.keys(bad.errors)).toEqual(['list_price']);
  });

  it('checks the counts of terms, goods and links', () => {
    const s = service();
    const variant = setOffer(s.variants[0] ?? blankVariant(), 'leasing', true);
    const record: ServiceItem = {
      ...s,
      variants: [
        {
          ...variant,
          offers: {
            rental: variant.offers.rental ? { ...variant.offers.rental, monthly_price: '1', notice_period_months: Number.NaN } : null,
            purchase: null,
            leasing: variant.offers.leasing
              ? { ...variant.offers.leasing, financed_amount: '1000', leasing_factor_percent: '2,85', term_months: 1.5 }
              : null,
          },
        },
      ],
      components: [{ kind: 'goods', product: 'NB', quantity_per_unit: -1 }],
      links: [{ item: 'X', mode: 'optional', quantity: { fixed: Number.NaN } }],
    };
    const { record: wire, errors } = prepareRecord(record, 'en');
    expect(errors).toEqual({
      'variants[0].offers.rental.notice_period_months': WHOLE_NUMBER,
      'variants[0].offers.leasing.term_months': WHOLE_NUMBER,
      'components[0].quantity_per_unit': WHOLE_NUMBER,
      'links[0].quantity': WHOLE_NUMBER,
    });
    if (wire.type !== 'service') throw new Error('a service record');
    expect(wire.variants[0]?.offers.leasing?.leasing_factor_percent).toBe('2.85');
    expect(wire.links[0]?.quantity).toEqual({ fixed: 0 });
    expect(JSON.stringify(wire)).not.toContain('NaN');
  });

  it('checks price deltas of choices, which may be negative', () => {
    const s = service();
    const record: ServiceItem = {
      ...s,
      variants: [],
      option_groups: [
        {
          code: 'G',
          name: 'G',
          selection: 'single',
          variants: [],
          choices: [{ code: 'A', name: 'A', description: '', price_deltas: { rental_monthly: '-1,50', purchase: 'x', leasing_amount: null } }],
        },
      ],
    };
    const { record: wire, errors } = prepareRecord(record, 'en');
    expect(errors).toEqual({ 'option_groups[0].choices[0].price_deltas.purchase': DECIMAL_HINT });
    if (wire.type !== 'service') throw new Error('a service record');
    expect(wire.option_groups[0]?.choices[0]?.price_deltas).toEqual({ rental_monthly: '-1.50', purchase: null, leasing_amount: null });
  });

  it('checks an add-on’s price and tax rate', () => {
    const a = blankRecord('add_on');
    if (a.type !== 'add_on') throw new Error('an add-on record');
    expect(prepareRecord({ ...a, tax_rate: '' }, 'en').errors).toEqual({ one_time_price: REQUIRED_AMOUNT, tax_rate: REQUIRED_AMOUNT });
  });

  it('does not change the record it is given', () => {
    const s = service();
    const before = JSON.stringify(s);
    prepareRecord(s, 'en');
    expect(JSON.stringify(s)).toBe(before);
  });
});

describe('violations', () => {
  const all = [
    violation('SVC-A', 'code'),
    violation('SVC-A', 'variants[0].offers.rental.monthly_price'),
    violation('SVC-A', 'variants[0].code'),
    violation('SVC-A', 'variants[10].code'),
    violation('SVC-A', 'variants'),
    violation('SVC-A', ''),
    violation('SVC-B', 'requires[0].service'),
    violation('SVC-A', 'allowed_contexts[1]'),
  ];

  it('finds those of the item at exactly one field', () => {
    expect(violationsFor(all, 'SVC-A', 'code')).toEqual([all[0]]);
    expect(violationsFor(all, 'SVC-A', 'variants[0]')).toEqual([]);
    expect(violationsFor(all, 'SVC-B', 'code')).toEqual([]);
    expect(violationsFor(all, 'SVC-B', 'requires[0].service')).toEqual([all[6]]);
  });

  it('finds those under a path, not those of a longer index', () => {
    expect(violationsUnder(all, 'SVC-A', 'variants[0]')).toEqual([all[1], all[2]]);
    expect(violationsUnder(all, 'SVC-A', 'variants')).toEqual([all[1], all[2], all[3], all[4]]);
    expect(violationsUnder(all, 'SVC-A', 'variants[1]')).toEqual([]);
  });

  it('puts other items, whole-item and unrendered fields at the top', () => {
    const rendered = new Set(['code', 'variants', 'variants[0].code', 'variants[0].offers.rental.monthly_price']);
    expect(otherViolations(all, 'SVC-A', rendered)).toEqual([all[3], all[5], all[6], all[7]]);
  });

  it('puts everything at the top when the code of the checked item is another', () => {
    expect(otherViolations(all, 'SVC-Z', new Set(['code']))).toEqual(all);
  });
});

describe('tidyMessage', () => {
  it('closes the gap an empty code leaves', () => {
    expect(tidyMessage(': the name is empty', '')).toBe('the name is empty');
    expect(tidyMessage('service : variant 1 has no code', '')).toBe('service: variant 1 has no code');
    expect(tidyMessage('the code is empty', '')).toBe('the code is empty');
    expect(tidyMessage(' links "", which is not in the catalog', '')).toBe('links "", which is not in the catalog');
  });

  it('leaves messages about an item with a code alone', () => {
    expect(tidyMessage('SVC-A: the name is empty', 'SVC-A')).toBe('SVC-A: the name is empty');
    expect(tidyMessage('a : b', 'X')).toBe('a : b');
  });
});

describe('problemShown', () => {
  const none = new Set<string>();

  it('shows nothing on a new form nobody has touched', () => {
    for (const path of ['code', 'name', 'variants', 'variants[0].code', 'variants[0].offers.rental.monthly_price', '']) {
      expect(problemShown(path, none, false)).toBe(false);
    }
  });

  it('shows a touched field, and only that one', () => {
    const touched = new Set(['name']);
    expect(problemShown('name', touched, false)).toBe(true);
    expect(problemShown('code', touched, false)).toBe(false);
    expect(problemShown('variants[0].name', touched, false)).toBe(false);
  });

  it('shows a list or a group once a field inside it was touched, not a sibling or a prefix that is no parent', () => {
    const touched = new Set(['variants[0].offers.rental.monthly_price']);
    expect(problemShown('variants', touched, false)).toBe(true);
    expect(problemShown('variants[0]', touched, false)).toBe(true);
    expect(problemShown('variants[0].offers.rental', touched, false)).toBe(true);
    expect(problemShown('variants[0].offers.purchase', touched, false)).toBe(false);
    expect(problemShown('variants[1].code', touched, false)).toBe(false);
    // "variants[0].offers.rental.monthly" is no parent of "...monthly_price"
    expect(problemShown('variants[0].offers.rental.monthly', touched, false)).toBe(false);
  });

  it('shows problems about the item as a whole once anything was touched', () => {
    expect(problemShown('', new Set(['code']), false)).toBe(true);
  });

  it('shows everything once a save was tried', () => {
    expect(problemShown('code', none, true)).toBe(true);
    expect(problemShown('', none, true)).toBe(true);
  });
});

describe('violationMessage', () => {
  const v = (field: string, message: string, item = 'SVC-A', wording = said('name_empty', { item: { type: 'text', value: item } })): RuleViolation => ({
    item,
    item_name: '',
    field,
    rule: 'required',
    message,
    wording,
  });

  it('asks for an empty name, code or category in the UI language', () => {
    expect(violationMessage(v('name', 'SVC-A: the name is empty'), 'SVC-A', 'en')).toBe('Enter a name');
    expect(violationMessage(v('name', 'SVC-A: the name is empty'), 'SVC-A', 'de')).toBe('Geben Sie einen Namen ein');
    expect(violationMessage(v('code', 'the code is empty', ''), '', 'de')).toBe('Geben Sie einen Code ein');
    expect(violationMessage(v('variants[0].name', 'service SVC-A: variant 1 has no name'), 'SVC-A', 'en')).toBe('Enter a name');
    expect(violationMessage(v('option_groups[1].choices[0].code', 'service SVC-A: a choice of X has no code'), 'SVC-A', 'de')).toBe(
      'Geben Sie einen Code ein',
    );
    expect(violationMessage(v('components[2].description', 'SVC-A: a component needs a description'), 'SVC-A', 'en')).toBe(
      'Enter a description',
    );
  });

  it('says to remove spaces at the ends of a code', () => {
    const spaces = said('code_spaces', { code: { type: 'text', value: ' A' } });
    expect(violationMessage(v('code', 'the code " A" has spaces at its ends', 'SVC-A', spaces), 'SVC-A', 'en')).toBe('Remove the spaces at the start and end');
    expect(violationMessage(v('code', 'the code " A" has spaces at its ends', 'SVC-A', spaces), 'SVC-A', 'de')).toBe('Entfernen Sie die Leerzeichen am Anfang und Ende');
  });

  it('says the core sentence for other rules, other fields and other items', () => {
    const cycle: RuleViolation = {
      item: 'SVC-A',
      item_name: '',
      field: 'links[0].item',
      rule: 'cycle',
      message: 'requirements and mandatory links form a cycle: SVC-A → SVC-B → SVC-A',
      wording: said('cycle', { cycle: { type: 'text', value: 'SVC-A → SVC-B → SVC-A' } }),
    };
    expect(violationMessage(cycle, 'SVC-A', 'en')).toBe('requirements and mandatory links form a cycle: SVC-A → SVC-B → SVC-A');
    expect(violationMessage(cycle, 'SVC-A', 'de')).toBe('Voraussetzungen und verpflichtende Verknüpfungen bilden einen Kreis: SVC-A → SVC-B → SVC-A.');
    expect(violationMessage(v('name', 'SVC-B: the name is empty', 'SVC-B'), 'SVC-A', 'de')).toBe('SVC-B: Der Name ist leer.');
    expect(violationMessage(v('name', 'SVC-B: the name is empty', 'SVC-B'), 'SVC-A', 'en')).toBe('SVC-B: the name is empty');
    expect(violationMessage(v('', ': the name is empty', ''), '', 'en')).toBe('the name is empty');
  });
});

describe('fieldPaths', () => {
  it('lists the fields of a new service, its variant and its rental term', () => {
    const paths = fieldPaths(service());
    for (const p of ['code', 'name', 'kind', 'unit', 'tax_rate', 'allowed_contexts', 'variants', 'variants[0].code', 'variants[0].offers', 'variants[0].offers.rental', 'variants[0].offers.rental.monthly_price', 'variants[0].offers.rental.renewal_period_months']) {
      expect(paths.has(p), p).toBe(true);
    }
    expect(paths.has('variants[0].offers.purchase.price')).toBe(false);
    expect(paths.has('variants[1].code')).toBe(false);
  });

  it('lists relations, components, option groups and stale variant references', () => {
    const s = service();
    const variant = s.variants[0];
    if (!variant) throw new Error('a variant');
    const paths = fieldPaths({
      ...s,
      variants: [{ ...variant, code: 'STD' }],
      option_groups: [{ code: 'G', name: 'G', selection: 'single', variants: ['STD', 'OLD'], choices: [{ code: 'A', name: 'A' }] }],
      components: [{ kind: 'goods', product: 'NB', quantity_per_unit: 1 }, { kind: 'action', description: 'x' }],
      requires: [{ service: 'BAS', scope: 'customer' }],
      links: [{ item: 'X', mode: 'mandatory', quantity: { fixed: 1 } }],
    });
    for (const p of [
      'option_groups[0].code',
      'option_groups[0].required',
      'option_groups[0].variants',
      'option_groups[0].variants[1]',
      'option_groups[0].choices',
      'option_groups[0].choices[0].price_deltas.leasing_amount',
      'components[0].product',
      'components[0].quantity_per_unit',
      'components[1].description',
      'requires[0].service',
      'requires[0].scope',
      'links[0].item',
      'links[0].mode',
      'links[0].quantity',
    ]) {
      expect(paths.has(p), p).toBe(true);
    }
    expect(paths.has('option_groups[0].variants[0]')).toBe(false);
    expect(paths.has('components[1].product')).toBe(false);
    expect(paths.has('components[0].description')).toBe(false);
  });

  it('lists the fields of products and add-ons', () => {
    const product = fieldPaths(blankRecord('product'));
    expect(product.has('ean')).toBe(true);
    expect(product.has('list_price')).toBe(true);
    expect(product.has('variants')).toBe(false);
    const a = blankRecord('add_on');
    if (a.type !== 'add_on') throw new Error('an add-on record');
    const addOn = fieldPaths({ ...a, applies_to: ['A', 'B'] });
    expect(addOn.has('applies_to')).toBe(true);
    expect(addOn.has('applies_to[1]')).toBe(true);
    expect(addOn.has('allowed_contexts')).toBe(false);
  });
});

describe('list edits', () => {
  const list = ['a', 'b', 'c'] as const;

  it('replace, remove and append without touching the original', () => {
    expect(replaceAt(list, 1, 'x')).toEqual(['a', 'x', 'c']);
    expect(replaceAt(list, 5, 'x')).toEqual(['a', 'b', 'c']);
    expect(removeAt(list, 0)).toEqual(['b', 'c']);
    expect(removeAt(list, 9)).toEqual(['a', 'b', 'c']);
    expect(append(list, 'd')).toEqual(['a', 'b', 'c', 'd']);
    expect(list).toEqual(['a', 'b', 'c']);
  });

  it('move entries up and down, ignoring moves out of range', () => {
    expect(moveEntry(list, 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveEntry(list, 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moveEntry(list, 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveEntry(list, 2, 3)).toEqual(['a', 'b', 'c']);
    expect(moveEntry(list, 1, 1)).toEqual(['a', 'b', 'c']);
    const copy = moveEntry(list, 0, 0);
    expect(copy).not.toBe(list);
  });

  it('toggle members in a given order', () => {
    const order = ['employee', 'location', 'cloud_container', 'workplace', 'global'];
    expect(toggleMember(['workplace'], 'employee', true, order)).toEqual(['employee', 'workplace']);
    expect(toggleMember(['employee', 'workplace'], 'employee', false, order)).toEqual(['workplace']);
    expect(toggleMember(['employee'], 'employee', true, order)).toEqual(['employee']);
    expect(toggleMember(['x'], 'global', true, order)).toEqual(['global', 'x']);
    expect(toggleMember(['b'], 'a', true)).toEqual(['b', 'a']);
    expect(toggleMember(['b', 'a'], 'a', true)).toEqual(['b', 'a']);
  });
});

describe('service edits', () => {
  function withGroups(): ServiceItem {
    const s = service();
    return {
      ...s,
      variants: [
        { ...blankVariant(), code: 'STD' },
        { ...blankVariant(), code: 'E3' },
      ],
      option_groups: [
        { code: 'G1', name: 'G1', selection: 'single', variants: ['STD', 'E3'], choices: [] },
        { code: 'G2', name: 'G2', selection: 'multiple', variants: ['E3'], choices: [] },
      ],
    };
  }

  it('renames a variant and the option groups limited to it', () => {
    const s = renameVariant(withGroups(), 1, 'E5');
    expect(s.variants.map((v) => v.code)).toEqual(['STD', 'E5']);
    expect(s.option_groups.map((g) => g.variants)).toEqual([['STD', 'E5'], ['E5']]);
  });

  it('leaves references alone while another variant shares the old code', () => {
    const base = withGroups();
    const twins: ServiceItem = { ...base, variants: [{ ...blankVariant(), code: 'E3' }, { ...blankVariant(), code: 'E3' }] };
    const s = renameVariant(twins, 0, 'X');
    expect(s.variants.map((v) => v.code)).toEqual(['X', 'E3']);
    expect(s.option_groups[1]?.variants).toEqual(['E3']);
  });

  it('does not follow a rename from an empty code', () => {
    const base = withGroups();
    const s = renameVariant({ ...base, variants: [...base.variants, blankVariant()], option_groups: [{ code: 'G', name: 'G', selection: 'single', variants: [''], choices: [] }] }, 2, 'NEW');
    expect(s.option_groups[0]?.variants).toEqual(['']);
  });

  it('switches offer types on with blank terms and off again', () => {
    const v = blankVariant();
    const withLeasing = setOffer(v, 'leasing', true);
    expect(withLeasing.offers.leasing).toEqual({ financed_amount: '', term_months: 36, leasing_factor_percent: '', residual_value_percent: '0' });
    expect(withLeasing.offers.rental).toEqual(v.offers.rental);
    const noRental = setOffer(withLeasing, 'rental', false);
    expect(noRental.offers.rental).toBeNull();
    expect(setOffer(v, 'purchase', true).offers.purchase).toEqual({ price: '' });
    const kept = setOffer({ ...v, offers: { ...v.offers, purchase: { price: '9' } } }, 'purchase', true);
    expect(kept.offers.purchase).toEqual({ price: '9' });
  });

  it('switches a component between kinds', () => {
    expect(blankComponent('goods')).toEqual({ kind: 'goods', product: '', quantity_per_unit: 1 });
    expect(changeComponentKind({ kind: 'action', description: 'patching' }, 'resource')).toEqual({ kind: 'resource', description: 'patching' });
    expect(changeComponentKind({ kind: 'action', description: 'patching' }, 'goods')).toEqual({ kind: 'goods', product: '', quantity_per_unit: 1 });
    expect(changeComponentKind({ kind: 'goods', product: 'NB', quantity_per_unit: 2 }, 'action')).toEqual({ kind: 'action', description: '' });
    const same = { kind: 'goods', product: 'NB', quantity_per_unit: 2 } as const;
    expect(changeComponentKind(same, 'goods')).toBe(same);
  });

  it('changes a link quantity’s basis and count', () => {
    const q = blankLink().quantity;
    expect(quantityBasis(q)).toBe('per_parent_unit');
    expect(setQuantityBasis({ per_parent_unit: 3 }, 'fixed')).toEqual({ fixed: 3 });
    expect(setQuantityBasis({ fixed: 2 }, 'per_parent_unit')).toEqual({ per_parent_unit: 2 });
    expect(quantityCount({ fixed: 4 })).toBe(4);
    expect(withQuantityCount({ fixed: 4 }, 7)).toEqual({ fixed: 7 });
    expect(withQuantityCount({ per_parent_unit: 1 }, 2)).toEqual({ per_parent_unit: 2 });
  });
});

describe('pickers', () => {
  const items = [
    summary('SVC-M365', 'service', 'Managed365'),
    summary('BAS-ZONE', 'basic_service', 'Cloud zone'),
    summary('BAS-TENANT', 'basic_service', 'Microsoft 365 tenant'),
    summary('NB-1', 'product', 'ThinkPad'),
    summary('NB-2', 'product', 'EliteBook'),
    summary('ADD-1', 'add_on', 'Reimaging'),
  ];

  it('groups the chosen kinds by kind, sorted by name', () => {
    const groups = pickerGroups(items, ['product', 'service', 'basic_service'], 'en');
    expect(groups.map((g) => g.kind)).toEqual(['service', 'basic_service', 'product']);
    expect(groups.map((g) => g.label)).toEqual(['Services', 'Basic services', 'Products']);
    expect(groups[2]?.options.map((o) => o.name)).toEqual(['EliteBook', 'ThinkPad']);
    expect(groups.some((g) => g.kind === 'add_on')).toBe(false);
  });

  it('leaves out the item being edited and empty groups', () => {
    const groups = pickerGroups(items, ['basic_service', 'service'], 'en', ['SVC-M365', null]);
    expect(groups.map((g) => g.kind)).toEqual(['basic_service']);
    expect(pickerHas(groups, 'BAS-TENANT')).toBe(true);
    expect(pickerHas(groups, 'SVC-M365')).toBe(false);
  });
});

describe('names and statuses', () => {
  it('names a new item by its kind until it has a name', () => {
    expect(displayName(blankRecord('basic_service'), 'en')).toBe('New basic service');
    expect(displayName({ ...blankRecord('product'), name: '  ThinkPad ' }, 'en')).toBe('ThinkPad');
    expect(displayName(blankRecord('basic_service'), 'de')).toBe('Neuer Basisdienst');
    expect(displayName(blankRecord('add_on'), 'de')).toBe('Neue Zusatzleistung');
  });

  it('words input errors and picker groups in the language asked for', () => {
    const a = blankRecord('add_on');
    expect(prepareRecord({ ...a, tax_rate: '' }, 'de').errors.tax_rate).toBe('Geben Sie einen Betrag ein');
    const items = [{ id: 1, code: 'BAS-T', name: 'Tenant', kind: 'basic_service', status: 'active' }] as unknown as CatalogItemSummary[];
    expect(pickerGroups(items, ['basic_service'], 'de').map((g) => g.label)).toEqual(['Basisdienste']);
    expect(pickerGroups(items, ['basic_service'], 'en').map((g) => g.label)).toEqual(['Basic services']);
  });

  it('offers the statuses the core accepts per type', () => {
    expect(statusesFor('product')).toEqual(['active', 'discontinued']);
    expect(statusesFor('service')).toEqual(['active', 'deprecated', 'retired']);
    expect(statusesFor('add_on')).toEqual(['active', 'deprecated', 'retired']);
  });
});

describe('warnings next to a link', () => {
  const dock: LinkWarning = { field: 'links[1].item', item: 'ITSCOPE-2', name: 'Lenovo USB-C Dock', kind: 'unpriced' };

  it('says at exactly its link that the product has no price and what that means, in both languages', () => {
    expect(warningsFor([dock], 'links[1].item', 'en')).toEqual([
      'Lenovo USB-C Dock has no price yet: bookings that include it will be refused until it has one (an import or the designer gives it one).',
    ]);
    expect(warningsFor([dock], 'links[1].item', 'de')).toEqual([
      'Lenovo USB-C Dock hat noch keinen Preis: Buchungen, die es enthalten, werden abgelehnt, bis es einen hat (ein Import oder der Designer gibt ihm einen).',
    ]);
    expect(warningsFor([dock], 'links[0].item', 'en')).toEqual([]);
    expect(warningsFor([dock], 'links[1].mode', 'en')).toEqual([]);
  });
});

describe('violationMessage in German', () => {
  const text = (value: string): Value => ({ type: 'text', value });
  const broken = (rule: RuleViolation['rule'], field: string, message: string, wording: Wording): RuleViolation => ({
    item: 'SVC-A',
    item_name: 'Managed Service',
    field,
    rule,
    message,
    wording,
  });
  // Words of the core's English that must not reach a German window, and raw codes.
  const ENGLISH = /\b(the|is|not|of|per|month|variant|and|at most|which|already|governed|successor|listed|twice)\b/;
  const CODES = /basic_service|add_on|cloud_container|deprecated|category rule/;

  it('says a leasing factor out of range in German, its number written the German way', () => {
    const v = broken(
      'offer_terms',
      'variants[0].offers.leasing.leasing_factor_percent',
      'variant SVC-A STD: the leasing factor is a percentage of the financed amount per month, above 0 and at most 100, not 120.5',
      said('leasing_factor_out_of_range', { item: text('SVC-A'), variant: text('STD'), factor: { type: 'number', value: '120.5' } }),
    );
    const german = violationMessage(v, 'SVC-A', 'de');
    expect(german).toBe(
      'Variante SVC-A STD: Der Leasingfaktor ist ein Prozentsatz des finanzierten Betrags pro Monat, über 0 und höchstens 100, nicht 120,5.',
    );
    expect(german).not.toMatch(ENGLISH);
    expect(violationMessage(v, 'SVC-A', 'en')).toBe(v.message);
  });

  it('names kinds, statuses, contexts and rules in German, never by their codes', () => {
    const messages = [
      broken(
        'successor_kind',
        'successors[0]',
        'SVC-A is a basic service and its successor SETUP is an add-on: a successor is of the same kind',
        said('successor_other_kind', { item: text('SVC-A'), kind: { type: 'item_kind', value: 'basic_service' }, successor: text('SETUP'), successor_kind: { type: 'item_kind', value: 'add_on' } }),
      ),
      broken(
        'successor_status',
        'successors[0]',
        "SVC-A's successor SVC-B is deprecated: only an active item can be a successor",
        said('successor_not_active', { item: text('SVC-A'), successor: text('SVC-B'), status: { type: 'item_status', value: 'deprecated' } }),
      ),
      broken('contexts', 'allowed_contexts[1]', 'SVC-A: cloud_container is listed twice', said('context_twice', { item: text('SVC-A'), context: { type: 'context', value: 'cloud_container' } })),
      broken(
        'unique_code',
        'categories[0]',
        'category rule Docks: the category Docks is already governed by category rule Notebooks',
        said('category_governed', { item: { type: 'rule', value: 'Docks' }, category: text('Docks'), other: { type: 'rule', value: 'Notebooks' } }),
      ),
    ].map((v) => violationMessage(v, 'SVC-A', 'de'));
    expect(messages).toEqual([
      'SVC-A ist ein Basisdienst, sein Nachfolger SETUP ist eine Zusatzleistung: Ein Nachfolger ist von derselben Art.',
      'Der Nachfolger SVC-B von SVC-A ist abgekündigt: Nur ein aktiver Eintrag kann Nachfolger sein.',
      'SVC-A: Cloud-Container ist doppelt aufgeführt.',
      'Kategorieregel Docks: Die Kategorie Docks wird bereits durch Kategorieregel Notebooks geregelt.',
    ]);
    for (const m of messages) {
      expect(m).not.toMatch(ENGLISH);
      expect(m).not.toMatch(CODES);
    }
  });
});
