// Pure helpers for the offer builder: which status moves an offer allows, moving a
// context group, the bars of the per-context chart, export file names, and the
// approval rules an offer breaks and its history, said in the UI's language. Amounts
// stay exact decimal strings; only the chart turns them into widths.
import type { ContextRef, Offer, OfferApproval, OfferEvent, OfferStatus, RuleBreach } from './bindings';
import { contextKey } from './booking';
import { formatDecimal, formatMoney, formatPercent } from './format';
import { translate, type Lang } from './i18n';

/** The statuses an offer can move to from `status` (sent versions are frozen). */
export function nextOfferStatuses(status: OfferStatus): OfferStatus[] {
  switch (status) {
    case 'draft':
      return ['sent'];
    case 'sent':
      return ['accepted', 'rejected', 'expired'];
    default:
      return [];
  }
}

/** Only a draft's lines, notes, validity and group order can change. */
export function isEditable(status: OfferStatus): boolean {
  return status === 'draft';
}

/** The group order with the group at `from` moved to `to` (both indexes in the old order). */
export function moveGroup(order: readonly ContextRef[], from: number, to: number): ContextRef[] {
  const next = [...order];
  if (from < 0 || from >= next.length || to < 0 || to >= next.length || from === to) return next;
  const [moved] = next.splice(from, 1);
  if (moved) next.splice(to, 0, moved);
  return next;
}

/** Whether two orders name the same groups in the same order. */
export function sameOrder(a: readonly ContextRef[], b: readonly ContextRef[]): boolean {
  return a.length === b.length && a.every((ref, i) => contextKey(ref) === contextKey(b[i] as ContextRef));
}

export interface ContextAmounts {
  label: string;
  oneTime: string;
  monthly: string;
}

export interface ChartBar extends ContextAmounts {
  /** Share of the largest one-time amount, 0–100. */
  oneTimePercent: number;
  /** Share of the largest monthly amount, 0–100. */
  monthlyPercent: number;
}

/**
 * Bars for "one-time vs monthly per context": each measure has its own scale (a
 * notebook's price and a monthly fee differ by orders of magnitude), so each bar is
 * the share of the largest amount of its kind. Widths only: no money is computed.
 */
export function chartBars(rows: readonly ContextAmounts[]): ChartBar[] {
  const value = (amount: string) => {
    const n = Number(amount);
    return Number.isFinite(n) && n > 0 ? n : 0;
  };
  const maxOnce = Math.max(0, ...rows.map((r) => value(r.oneTime)));
  const maxMonthly = Math.max(0, ...rows.map((r) => value(r.monthly)));
  const share = (n: number, max: number) => (max > 0 ? Math.round((n / max) * 1000) / 10 : 0);
  return rows.map((r) => ({
    ...r,
    oneTimePercent: share(value(r.oneTime), maxOnce),
    monthlyPercent: share(value(r.monthly), maxMonthly),
  }));
}

/** "ANG-2026-0001-v2.pdf": safe on every file system. */
export function exportFileName(number: string, version: number, format: 'pdf' | 'xlsx' | 'csv'): string {
  const safe = number.replace(/[^A-Za-z0-9._-]+/g, '-');
  return `${safe}-v${version}.${format}`;
}

/** "discount 20 % > 15 % (line 2: Microsoft 365 tenant)", in `lang`; the margin says what it was measured over. */
export function breachText(breach: RuleBreach, approval: Pick<OfferApproval, 'lines_without_cost'>, lang: Lang, currency: string | null, locale: string): string {
  const amount = (v: string) => (currency ? formatMoney(v, currency, locale) : formatDecimal(v, locale, 2));
  const value = (v: string) => (breach.rule === 'contract_value' ? amount(v) : formatPercent(v, locale));
  const text = translate(lang, `ap.rule.${breach.rule}`, { figure: value(breach.figure), threshold: value(breach.threshold) });
  if (breach.line !== null) return `${text} ${translate(lang, 'ap.line', { line: breach.line, item: breach.line_description ?? '' })}`;
  if (breach.rule === 'margin' && approval.lines_without_cost > 0) return `${text} ${translate(lang, 'ap.marginScope', { count: approval.lines_without_cost })}`;
  return text;
}

/** A draft that breaks an approval rule and is not approved cannot be marked as sent. */
export function sendBlocked(offer: Pick<Offer, 'status' | 'approval'>): boolean {
  return offer.status === 'draft' && offer.approval.required;
}

/**
 * An approval threshold as typed: empty is "no rule" (null), "15" or "12,5" is the
 * decimal string the core reads ("12.5"), anything else is undefined (refused).
 */
export function parseThreshold(text: string): string | null | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const normalized = trimmed.replace(',', '.');
  return /^\d+(\.\d+)?$/.test(normalized) ? normalized : undefined;
}

/** When an event happened, in the user's time zone: "02.12.2026, 14:05". */
export function eventTime(at: string, locale: string): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return at;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** The text of a history event: "v2 · Approved · Maria Keller". */
export function eventText(event: Pick<OfferEvent, 'version' | 'kind' | 'by'>, lang: Lang): string {
  const parts = [`v${event.version}`, translate(lang, `ap.event.${event.kind}`)];
  if (event.by) parts.push(event.by);
  return parts.join(' · ');
}
