// Pure helpers for the customers view and the booking dialog. Money stays exact:
// decimal strings are scaled to BigInt integers, multiplied and added there, and
// rounded to cents half away from zero once per line (as the core does).
import type { BookingContext, ContextRef, InstanceStatus, LineTerms, OfferType, PlanLine } from './bindings';
import { translate, type Lang } from './i18n';

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

/** Reasons of an `invalid_request` refusal, one per entry. */
export function splitReasons(message: string): string[] {
  return message
    .replace(/^the booking request cannot be planned:\s*/i, '')
    .split('; ')
    .map((reason) => reason.trim())
    .filter((reason) => reason !== '');
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
