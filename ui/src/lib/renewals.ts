// Pure helpers for the renewals view: the windows to choose from, what a date
// is and how far off, the monthly amount at stake, and the hand-off to the
// offer builder (a new offer for the customer of a renewal).
import type { ContextRef, DeadlineKind, Renewal } from './bindings';
import { centsToString, contextKey, toScaled } from './booking';
import { translate, type Lang } from './i18n';

/** The windows the view offers, in days; the core allows up to 730. */
export const WINDOWS: readonly number[] = [30, 60, 90, 180, 365];

/** The window the view opens with (the core's default, a quarter). */
export const DEFAULT_WINDOW = 90;

/** "Notice deadline" / "Kündigungsfrist", "Term end", "Lease end". */
export function deadlineLabel(kind: DeadlineKind, lang: Lang): string {
  return translate(lang, `rn.kind.${kind}`);
}

/** Whole days from `today` to `date` (both YYYY-MM-DD), counted in UTC so no time zone shifts a day. */
export function daysUntil(date: string, today: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** "today", "tomorrow", "in 12 days" in the UI's language. */
export function daysLeftText(days: number, lang: Lang): string {
  if (days <= 0) return translate(lang, 'rn.today');
  if (days === 1) return translate(lang, 'rn.tomorrow');
  return translate(lang, 'rn.inDays', { count: days });
}

/** Within two weeks the row is marked as urgent. */
export function isUrgent(days: number): boolean {
  return days <= 14;
}

/** The monthly amount at stake per currency (exact: cents added as integers), currencies in order. */
export function monthlyAtStake(renewals: readonly Pick<Renewal, 'monthly' | 'currency'>[]): { currency: string; monthly: string }[] {
  const sums = new Map<string, bigint>();
  for (const r of renewals) sums.set(r.currency, (sums.get(r.currency) ?? 0n) + toScaled(r.monthly, 2));
  return [...sums.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, cents]) => ({ currency, monthly: centsToString(cents) }));
}

/** "Managed365 · Standard" (the variant when there is one). */
export function itemText(renewal: Pick<Renewal, 'item_name' | 'variant'>): string {
  return renewal.variant ? `${renewal.item_name} · ${renewal.variant}` : renewal.item_name;
}

/**
 * What the offer builder opens with when a renewal asks for an offer: a
 * change offer for the customer that renews the instance (a new draft), more
 * bookings added for the renewal's context. Should the renewal be refused,
 * a new offer for the customer and context opens instead.
 */
export interface OfferStart {
  customerId: number;
  /** The offer builder's target key ("employee:3", "global"); a workplace, not a target there, falls back to customer-wide. */
  targetKey: string;
  instanceId: number;
}

/** What the offer builder opens with when another view made an offer: that offer. */
export interface OfferOpen {
  offerId: number;
}

export function offerStartFor(renewal: Pick<Renewal, 'customer_id' | 'context' | 'instance_id'>): OfferStart {
  return { customerId: renewal.customer_id, targetKey: offerTargetKey(renewal.context), instanceId: renewal.instance_id };
}

function offerTargetKey(context: ContextRef): string {
  return context.context === 'workplace' ? 'global' : contextKey(context);
}
