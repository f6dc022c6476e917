// Pure helpers for the customers view and the booking dialog. Money stays exact:
// decimal strings are scaled to BigInt integers, multiplied and added there, and
// rounded to cents half away from zero once per line (as the core does).
import type {
  BlockingInstance,
  BookingContext,
  ContextRef,
  ErrorDetails,
  InstanceStatus,
  InstanceView,
  LineTerms,
  OfferType,
  PlanLine,
  Refusal,
  RequestProblem,
} from './bindings';
import { formatDate } from './format';
import { localeOf, translate, type Lang, type MessageKey, type Params } from './i18n';

const DECIMAL = /^(-?)(\d*)(?:\.(\d*))?$/;

/** Digits after the decimal point of an exact amount ("12.345" → 3). */
export function fractionDigits(amount: string): number {
  const match = DECIMAL.exec(amount.trim());
  return match?.[3]?.length ?? 0;
}

/** "12.5" at scale 3 → 12500n. Throws on text that is not a decimal. */
export function toScaled(amount: string, scale: number): bigint {
  const match = DECIMAL.exec(amount.trim());
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) throw new Error(`not a decimal amount: "${amount}"`);
  const [, sign = '', integer = '', fraction = ''] = match;
  if (fraction.length > scale) throw new Error(`"${amount}" has more than ${scale} decimal places`);
  const digits = `${integer || '0'}${fraction.padEnd(scale, '0')}`;
  const value = BigInt(digits);
  return sign === '-' ? -value : value;
}

/** Rounds a value at `scale` decimal places to cents, half away from zero. */
export function roundToCents(value: bigint, scale: number): bigint {
  if (scale <= 2) return value * 10n ** BigInt(2 - scale);
  const divisor = 10n ** BigInt(scale - 2);
  const quotient = value / divisor; // truncates toward zero
  const remainder = value % divisor;
  const abs = remainder < 0n ? -remainder : remainder;
  if (abs * 2n >= divisor) return quotient + (value < 0n ? -1n : 1n);
  return quotient;
}

/** 12345n → "123.45", -5n → "-0.05". */
export function centsToString(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const text = abs.toString().padStart(3, '0');
  return `${negative ? '-' : ''}${text.slice(0, -2)}.${text.slice(-2)}`;
}

export interface LineAmounts {
  /** Per month: monthly per unit × quantity, in cents. */
  monthly: bigint;
  /** Once: one-time per unit × quantity + setup fee, in cents. */
  oneTime: bigint;
}

/** What one plan line costs, rounded once per line. */
export function lineAmounts(terms: Pick<LineTerms, 'monthly_per_unit' | 'one_time_per_unit' | 'setup_fee'>, quantity: number): LineAmounts {
  if (!Number.isSafeInteger(quantity)) throw new Error(`not a whole quantity: ${quantity}`);
  const q = BigInt(quantity);
  const monthlyScale = Math.max(2, fractionDigits(terms.monthly_per_unit));
  const monthly = roundToCents(toScaled(terms.monthly_per_unit, monthlyScale) * q, monthlyScale);
  const onceScale = Math.max(2, fractionDigits(terms.one_time_per_unit), fractionDigits(terms.setup_fee));
  const once = toScaled(terms.one_time_per_unit, onceScale) * q + toScaled(terms.setup_fee, onceScale);
  return { monthly, oneTime: roundToCents(once, onceScale) };
}

export interface PlanTotals {
  /** Per line, in plan order, as decimal strings with two places. */
  lines: { monthly: string; oneTime: string }[];
  monthly: string;
  oneTime: string;
}

/** The totals of a plan: per month and once, summed from the rounded lines. */
export function planTotals(lines: readonly Pick<PlanLine, 'terms' | 'quantity'>[]): PlanTotals {
  let monthly = 0n;
  let oneTime = 0n;
  const perLine = lines.map((line) => {
    const amounts = lineAmounts(line.terms, line.quantity);
    monthly += amounts.monthly;
    oneTime += amounts.oneTime;
    return { monthly: centsToString(amounts.monthly), oneTime: centsToString(amounts.oneTime) };
  });
  return { lines: perLine, monthly: centsToString(monthly), oneTime: centsToString(oneTime) };
}

/** The price per unit a line shows: monthly for rental and leasing, once for purchases. */
export function unitPrice(terms: Pick<LineTerms, 'offer_type' | 'monthly_per_unit' | 'one_time_per_unit'>): { amount: string; period: 'monthly' | 'one_time' } {
  return terms.offer_type === 'purchase'
    ? { amount: terms.one_time_per_unit, period: 'one_time' }
    : { amount: terms.monthly_per_unit, period: 'monthly' };
}

const NEXT: Record<InstanceStatus, InstanceStatus[]> = {
  planned: ['ordered', 'retired'],
  ordered: ['provisioning', 'cancelled'],
  provisioning: ['active', 'cancelled'],
  active: ['cancelled', 'retired'],
  cancelled: ['retired'],
  retired: [],
};

/** The statuses an instance may move to next. */
export function nextStatuses(status: InstanceStatus): InstanceStatus[] {
  return NEXT[status];
}

/** The button that moves an instance to `status`: "Order", "Activate". */
export function statusAction(status: InstanceStatus, lang: Lang): string {
  return translate(lang, `statusAction.${status}`);
}

/** An instance's status as shown: "ordered", "in Bereitstellung". */
export function statusLabel(status: InstanceStatus, lang: Lang): string {
  return translate(lang, `status.${status}`);
}

/** A context kind inside a sentence: "location" in English, "Standort" in German. */
function contextWord(context: BookingContext, lang: Lang): string {
  const label = contextLabel(context, lang);
  return lang === 'en' ? label.toLowerCase() : label;
}

/** An offer type inside a sentence: "leasing" in English, "Leasing" in German. */
function offerWord(offer: OfferType, lang: Lang): string {
  const label = offerLabel(offer, lang);
  return lang === 'en' ? label.toLowerCase() : label;
}

/** What is wrong with a booking request, in `lang`, from the refusal's data. */
export function refusalText(refusal: Refusal, lang: Lang): string {
  const t = (key: MessageKey, params?: Params) => translate(lang, key, params);
  const numberText = (n: number) => n.toLocaleString(localeOf(lang));
  switch (refusal.reason) {
    case 'no_customer':
      return t('bk.refusal.no_customer', { id: refusal.customer_id });
    case 'no_item':
      return t('bk.refusal.no_item', { code: refusal.code });
    case 'quantity':
      return refusal.quantity <= 0
        ? t('bk.refusal.quantity_not_positive', { quantity: refusal.quantity })
        : t('bk.refusal.quantity_too_large', { quantity: numberText(refusal.quantity), max: numberText(refusal.max) });
    case 'inactive':
      return t('bk.refusal.inactive', { item: refusal.item, status: translate(lang, `itemStatus.${refusal.status}`) });
    case 'foreign_context': {
      const ref = refusal.context;
      const context = ref.context === 'global' ? contextWord('global', lang) : `${contextWord(ref.context, lang)} ${ref.id}`;
      return t('bk.refusal.foreign_context', { context, customer: refusal.customer });
    }
    case 'no_employee':
      return t('bk.refusal.no_employee');
    case 'context_not_allowed':
      return t('bk.refusal.context_not_allowed', {
        item: refusal.item,
        context: contextWord(refusal.context, lang),
        name: refusal.context_name,
        allowed: refusal.allowed.length === 0 ? t('bk.refusal.nothing') : refusal.allowed.map((c) => contextWord(c, lang)).join(', '),
      });
    case 'no_contexts_yet':
      return t('bk.refusal.no_contexts_yet', { item: refusal.item, category: refusal.category, manufacturer: refusal.manufacturer });
    case 'which_workplace':
      return t('bk.refusal.which_workplace', { item: refusal.item, employee: refusal.employee, count: refusal.workplaces });
    case 'add_on':
      return t('bk.refusal.add_on', { item: refusal.item });
    case 'product_purchased_only':
      return t('bk.refusal.product_purchased_only', { item: refusal.item, offer: offerWord(refusal.offer_type, lang) });
    case 'product_has_no_variants':
      return t('bk.refusal.product_has_no_variants', { item: refusal.item });
    case 'unpriced':
      return t('bk.refusal.unpriced', { item: refusal.item });
    case 'needs_variant':
      return t('bk.refusal.needs_variant', { item: refusal.item, variants: refusal.variants.join(', ') });
    case 'no_such_variant':
      return t('bk.refusal.no_such_variant', { item: refusal.item, variant: refusal.variant });
    case 'no_such_option_group':
      return t('bk.refusal.no_such_option_group', { item: refusal.item, group: refusal.group });
    case 'group_not_offered':
      return t('bk.refusal.group_not_offered', { item: refusal.item, variant: refusal.variant, group: refusal.group });
    case 'no_such_choice':
      return t('bk.refusal.no_such_choice', { group: refusal.group, choice: refusal.choice });
    case 'one_choice':
      return t('bk.refusal.one_choice', { group: refusal.group, picked: refusal.picked });
    case 'needs_choice':
      return t('bk.refusal.needs_choice', { item: refusal.item, group: refusal.group });
    case 'offer_type_not_offered':
      return t('bk.refusal.offer_type_not_offered', { item: refusal.item, variant: refusal.variant, offer: offerWord(refusal.offer_type, lang) });
    case 'not_optional_link':
      return t('bk.refusal.not_optional_link', { item: refusal.item, of: refusal.of });
    case 'no_template':
      return t('bk.refusal.no_template', { employee: refusal.employee, department: refusal.department });
    case 'other':
      // A reason only the core words (a price beyond the bound, a damaged catalog).
      return refusal.text;
  }
}

/** One reason of a refused request, with how its item came in and which part it concerns. */
export function requestProblemText(problem: RequestProblem, lang: Lang): string {
  let text = refusalText(problem.refusal, lang);
  const through = problem.through;
  if (through?.how === 'comes_with') text = translate(lang, 'bk.refusal.comes_with', { reason: text, item: through.item });
  else if (through?.how === 'required_by') text = translate(lang, 'bk.refusal.required_by', { reason: text, item: through.item });
  const part = problem.part;
  if (part?.part === 'offer_request') text = translate(lang, 'bk.refusal.offer_request', { reason: text, number: part.number });
  else if (part?.part === 'onboarding_step') text = translate(lang, 'bk.refusal.onboarding_step', { reason: text, template: part.template, item: part.item });
  return text;
}

/** The reasons of a refused booking request, from its details; null for any other error. */
export function requestProblems(details: ErrorDetails | null, lang: Lang): string[] | null {
  if (details?.type !== 'invalid_request') return null;
  return details.reasons.map((problem) => requestProblemText(problem, lang));
}

/**
 * The instances that keep something from being deleted or retired, in `lang`:
 * "Managed365 #12 (ordered, Anna)"; `contextName` names a context where the view knows it.
 */
export function blockingText(instances: readonly BlockingInstance[], lang: Lang, contextName: (ref: ContextRef) => string | null = () => null): string {
  const list = instances.map((i) => {
    const where = contextName(i.context);
    const status = statusLabel(i.status, lang);
    return `${i.item} #${i.id} (${where ? `${status}, ${where}` : status})`;
  });
  return translate(lang, 'cv.heldBy', { count: instances.length, list: list.join(', ') });
}

/**
 * Why an instance could not be retired or cancelled: the instances that depend on
 * it, each with its status and where it is booked, and, when it is an active
 * contract to be retired, that it must be cancelled before (the rule after the
 * dependants, so the answer names everything in the way at once).
 */
export function dependantsText(
  row: { item_name: string; status: InstanceStatus; offer_type: OfferType },
  to: InstanceStatus,
  instances: readonly BlockingInstance[],
  lang: Lang,
  contextName: (ref: ContextRef) => string | null = () => null,
): string {
  const list = instances.map((i) => {
    const where = contextName(i.context);
    const status = statusLabel(i.status, lang);
    return `${i.item} #${i.id} (${where ? `${status}, ${where}` : status})`;
  });
  const text = translate(lang, 'inv.dependants', { name: row.item_name, status: statusLabel(to, lang), count: instances.length, list: list.join(', ') });
  const cancelFirst = to === 'retired' && row.status === 'active' && row.offer_type !== 'purchase';
  return cancelFirst ? `${text} ${translate(lang, 'inv.thenCancel', { offer: offerWord(row.offer_type, lang) })}` : text;
}

/** A stable key for a context ("employee:3", "global"). */
export function contextKey(ref: ContextRef): string {
  return ref.context === 'global' ? 'global' : `${ref.context}:${ref.id}`;
}

/** "Employee", "Cloud container", "Customer-wide". */
export function contextLabel(context: BookingContext, lang: Lang): string {
  return translate(lang, `context.${context}`);
}

/** "Rental" / "Miete", "Purchase" / "Kauf", "Leasing". */
export function offerLabel(offer: OfferType, lang: Lang): string {
  return translate(lang, `offer.${offer}`);
}

/** A date as YYYY-MM-DD in local time. */
export function isoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Toggles a code in a list, keeping the order of the others. */
export function toggle(list: readonly string[], code: string, on: boolean): string[] {
  const without = list.filter((c) => c !== code);
  return on ? [...without, code] : without;
}

/** What the inventory says on an instance whose item has a successor. */
export interface SuccessorNote {
  /** The badge: "successor available: Managed365 2026". */
  text: string;
  /** Its tooltip: why, and that moving over belongs to a change offer. */
  hint: string;
}

/**
 * The "successor available" badge of an inventory row, or null. The core lists
 * successors only on a held instance (not cancelled or retired) of a deprecated
 * or discontinued item, and only active ones; several are named in their order.
 */
export function successorNote(
  row: Pick<InstanceView, 'item_name' | 'item_status' | 'successors'>,
  lang: Lang,
): SuccessorNote | null {
  if (row.successors.length === 0) return null;
  const names = row.successors.map((s) => s.name).join(', ');
  return {
    text: translate(lang, 'inv.successor', { names }),
    hint: translate(lang, 'inv.successorHint', {
      item: row.item_name,
      status: translate(lang, `itemStatus.${row.item_status}`),
      names,
    }),
  };
}

/**
 * What a plan line's context already holds of the item (issue 13, item 1), in
 * `lang`: "Jana Petersen already has Managed365 Standard, active since 1 Feb 2026";
 * null when it holds none.
 */
export function heldText(line: Pick<PlanLine, 'context_label' | 'item_name' | 'already_held'>, lang: Lang): string | null {
  const held = line.already_held ?? [];
  if (held.length === 0) return null;
  const items = held.map((h) =>
    translate(lang, 'bk.heldItem', {
      item: h.variant ? `${line.item_name} ${h.variant}` : line.item_name,
      status: statusLabel(h.status, lang),
      date: formatDate(h.since, lang),
    }),
  );
  return translate(lang, 'bk.alreadyHas', { context: line.context_label, items: items.join(translate(lang, 'bk.heldAnd')) });
}

/** Lines whose contexts already hold the item: the plan books only with "add anyway". */
export function heldLineCount(lines: readonly Pick<PlanLine, 'already_held'>[]): number {
  return lines.filter((l) => (l.already_held ?? []).length > 0).length;
}
