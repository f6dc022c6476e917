// Pure helpers for the offer builder: which status moves an offer allows, moving a
// context group, the bars of the per-context chart, export file names, and the
// approval rules an offer breaks and its history, said in the UI's language. Amounts
// stay exact decimal strings; only the chart turns them into widths. An unknown
// cost is shown as "—" and named, never as 0.00.
import type { BookingContext, BookingRequest, ContextRef, CustomerStructure, LineChange, Offer, OfferApproval, OfferLineView, OfferEvent, OfferStatus, OfferType, RuleBreach } from './bindings';
import { contextKey } from './booking';
import { lineReasonText } from './line-reason';
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

/** Which lines the internal margin covers: those with a known cost. */
export interface CostCoverage {
  withCost: number;
  total: number;
  /** Distinct descriptions of the lines whose cost is unknown, in document order. */
  unknown: string[];
}

export function costCoverage(lines: readonly { description: string; unit_cost: unknown }[]): CostCoverage {
  const unknown: string[] = [];
  let withCost = 0;
  for (const line of lines) {
    if (line.unit_cost !== null && line.unit_cost !== undefined) withCost += 1;
    else if (!unknown.includes(line.description)) unknown.push(line.description);
  }
  return { withCost, total: lines.length, unknown };
}

/** An amount that may be unknown (a cost, a margin): "—" then, never 0.00. */
export function isNothing(amount: string): boolean {
  return Number(amount) === 0;
}

/** An amount where nothing due shows as "–", not €0.00. */
export function dueAmount(amount: string, format: (amount: string) => string): string {
  return isNothing(amount) ? '–' : format(amount);
}

/** "1.249,00 € · 68,50 € / Monat" with the parts that are due only ("–" when none is). */
export function onceAndMonthly(oneTime: string, monthly: string, format: (amount: string) => string, perMonth: string): string {
  const parts = [isNothing(oneTime) ? null : format(oneTime), isNothing(monthly) ? null : `${format(monthly)}${perMonth}`].filter((p) => p !== null);
  return parts.length === 0 ? '–' : parts.join(' · ');
}

export function knownAmount(amount: string | null | undefined, format: (amount: string) => string): string {
  return amount === null || amount === undefined ? '—' : format(amount);
}

/**
 * Whether a per-unit price has more than cents (a leasing rate 42.775, a discounted
 * 11.9325). The core keeps it exact and rounds the line once (docs/pricing.md §1),
 * so it is shown with its decimals and marked, never rounded to a price whose
 * product with the quantity is not the line's amount.
 */
export function hasSubCents(amount: string): boolean {
  const fraction = /\.(\d*?)0*$/.exec(amount.trim())?.[1] ?? '';
  return fraction.length > 2;
}

/** A value before and after; equal for an added or removed line. */
export interface Span<T> {
  from: T;
  to: T;
  changed: boolean;
}

export interface ChangeCells {
  offerType: Span<OfferType>;
  quantity: Span<number>;
  oneTime: Span<string>;
  monthly: Span<string>;
}

function span<T>(from: T, to: T): Span<T> {
  return { from, to, changed: from !== to };
}

/**
 * The cells of one comparison row: a changed line shows each value before → after
 * where it differs (offer type, quantity, amounts); an added or removed line its
 * own values.
 */
export function changeCells(c: LineChange): ChangeCells {
  if (c.change === 'changed') {
    return {
      offerType: span(c.offer_type_from, c.offer_type_to),
      quantity: span(c.quantity_from, c.quantity_to),
      oneTime: span(c.one_time_from, c.one_time_to),
      monthly: span(c.monthly_from, c.monthly_to),
    };
  }
  return {
    offerType: span(c.offer_type, c.offer_type),
    quantity: span(c.quantity, c.quantity),
    oneTime: span(c.one_time, c.one_time),
    monthly: span(c.monthly, c.monthly),
  };
}

/** How many contexts a booking request covers, and of which kind. */
export interface Reach {
  /** `mixed` when an explicit list names contexts of several kinds. */
  kind: BookingContext | 'mixed';
  /** Unknown until the customer's structure is loaded (a selector needs it). */
  count: number | null;
}

/** The contexts a request's selector stands for, counted on the customer's structure. */
export function requestReach(request: Pick<BookingRequest, 'contexts'>, structure: CustomerStructure | null): Reach {
  const selector = request.contexts;
  const employees = structure?.employees;
  if (selector === 'all_employees') return { kind: 'employee', count: employees ? employees.length : null };
  if ('employees_of_location' in selector) {
    const at = selector.employees_of_location;
    return { kind: 'employee', count: employees ? employees.filter((e) => e.location_id === at).length : null };
  }
  if ('employees_of_department' in selector) {
    const department = selector.employees_of_department;
    return { kind: 'employee', count: employees ? employees.filter((e) => e.department === department).length : null };
  }
  const kinds = new Set(selector.contexts.map((c) => c.context));
  const [only] = kinds;
  return { kind: kinds.size === 1 && only ? only : 'mixed', count: selector.contexts.length };
}

/** "×3 employees" / "×3 Mitarbeiter", "customer-wide", or "" while the count is unknown. */
export function reachText(reach: Reach, lang: Lang): string {
  if (reach.kind === 'global') return translate(lang, 'of.reach.global');
  if (reach.count === null) return '';
  return translate(lang, `of.reach.${reach.kind}`, { count: reach.count });
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

/**
 * Why an offer line is there, in `lang` ("verpflichtend mit Lenovo ThinkPad"), from
 * its typed reason; null for a requested line. A line frozen with words no plan
 * wrote keeps them, shown only in English (their language).
 */
export function offerLineWhy(line: Pick<OfferLineView, 'reason' | 'explanation' | 'context'>, groupLabel: string, lang: Lang): string | null {
  if (line.reason) return lineReasonText({ reason: line.reason, context: line.context, context_label: groupLabel }, lang);
  return lang === 'en' && line.explanation !== '' && line.explanation !== 'requested' ? line.explanation : null;
}
