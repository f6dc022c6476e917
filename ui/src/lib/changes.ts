// Pure helpers for change offers (issue 13, items 2, 3 and 4): which inventory
// instances can be changed, the change a dialog's choice makes of an instance
// (and of the same-item instances it is applied to as well), the portfolio an
// offer can start from, how changes join a draft, and how a change line and
// the monthly difference are said. The core decides the kind of a change and
// its date; these only build what is sent and say what comes back.
import type { ChangeKind, ChangeTarget, ChosenOption, ContextRef, InstanceChange, InstanceStatus, InstanceView, OfferSummary, OfferType } from './bindings';
import { CommandError, detailsText, errorMessage, inventoryChangedText } from './api';
import { dependantsText } from './booking';
import { translate, type Lang } from './i18n';

/** The statuses a change can start from: planned ones are ordered, the others run. */
const CHANGEABLE: readonly InstanceStatus[] = ['planned', 'ordered', 'provisioning', 'active'];

type Held = Pick<InstanceView, 'id' | 'item_code' | 'variant' | 'options' | 'offer_type' | 'quantity' | 'status' | 'parent'>;

/** A top-level instance (a linked one follows its parent) that is planned or running. */
export function isChangeable(instance: Pick<InstanceView, 'parent' | 'status'>): boolean {
  return instance.parent === null && CHANGEABLE.includes(instance.status);
}

/** What the instance is now, as a change target: renewing it (or ordering a planned one) names this. */
export function currentTarget(instance: Pick<Held, 'item_code' | 'variant' | 'options' | 'offer_type' | 'quantity'>): ChangeTarget {
  return {
    item: instance.item_code,
    variant: instance.variant,
    options: sortedOptions(instance.options ?? []),
    offer_type: instance.offer_type,
    quantity: instance.quantity,
  };
}

function sortedOptions(options: readonly ChosenOption[]): ChosenOption[] {
  return [...options].sort((a, b) => a.group.localeCompare(b.group) || a.choice.localeCompare(b.choice));
}

/** The change dialog's choices: another configuration, a successor, the same again, the end. */
export type ChangeMode = 'change' | 'replace' | 'renew' | 'cancel';

/** What the change dialog opens with: a successor to swap to (Swap), a configuration asked for (the booking dialog). */
export interface ChangePreset {
  mode?: ChangeMode;
  item?: string;
  variant?: string | null;
  options?: ChosenOption[];
  offer_type?: OfferType;
}

/** What the change dialog asks for: something else, the same again, or the end. */
export type ChangeChoice = { mode: 'change'; target: ChangeTarget } | { mode: 'renew' } | { mode: 'cancel' };

/**
 * The change `choice` makes of `instance`. Applied to another instance of the
 * same item (`main` is the one the dialog was opened for), the new
 * configuration is the same; its units stay its own unless the dialog changed
 * the units of `main`.
 */
export function changeFor(instance: Held, choice: ChangeChoice, notBefore: string | null, main: Held = instance): InstanceChange {
  const change: InstanceChange = { instance_id: instance.id };
  if (notBefore) change.not_before = notBefore;
  if (choice.mode === 'cancel') {
    change.to = null;
  } else if (choice.mode === 'renew') {
    change.to = currentTarget(instance);
  } else {
    const quantity = choice.target.quantity === main.quantity ? instance.quantity : choice.target.quantity;
    change.to = { ...choice.target, options: sortedOptions(choice.target.options ?? []), quantity };
  }
  return change;
}

/** The changes for the instance the dialog was opened for and every other one ticked. */
export function changesFor(main: Held, others: readonly Held[], ticked: ReadonlySet<number>, choice: ChangeChoice, notBefore: string | null): InstanceChange[] {
  return [main, ...others.filter((o) => ticked.has(o.id))].map((i) => changeFor(i, choice, notBefore, main));
}

/**
 * The other instances the same change can go to: changeable, of the same item
 * and variant, the same side of planned/running, in the order of their
 * context's name.
 */
export function sameItemPeers<T extends Held & Pick<InstanceView, 'context_label'>>(instances: readonly T[], main: Held): T[] {
  const planned = main.status === 'planned';
  return instances
    .filter(
      (i) =>
        i.id !== main.id &&
        isChangeable(i) &&
        i.item_code === main.item_code &&
        (i.variant ?? null) === (main.variant ?? null) &&
        (i.status === 'planned') === planned,
    )
    .sort((a, b) => a.context_label.localeCompare(b.context_label) || a.id - b.id);
}

/** Whether the dialog's choice differs from what the instance is (a change of nothing is a renewal). */
export function isUnchanged(instance: Held, target: ChangeTarget): boolean {
  const now = currentTarget(instance);
  return (
    now.item === target.item &&
    (now.variant ?? null) === (target.variant ?? null) &&
    now.offer_type === target.offer_type &&
    now.quantity === target.quantity &&
    JSON.stringify(now.options) === JSON.stringify(sortedOptions(target.options ?? []))
  );
}

/**
 * Changes added to a draft's: a change for an instance the draft already
 * changes takes its place (one change per instance), the others come last.
 */
export function mergeChanges(existing: readonly InstanceChange[], added: readonly InstanceChange[]): InstanceChange[] {
  const ids = new Set(added.map((c) => c.instance_id));
  return [...existing.filter((c) => !ids.has(c.instance_id)), ...added];
}

/** The customer's drafts a change can be added to, newest first. */
export function draftsOf(offers: readonly OfferSummary[], customerId: number): OfferSummary[] {
  return offers.filter((o) => o.customer_id === customerId && o.status === 'draft').sort((a, b) => b.id - a.id);
}

/** One row of "offer from the portfolio": a top-level instance and whether it starts ticked. */
export interface PortfolioRow<T> {
  instance: T;
  /** Planned (ordered by the offer) or running (renewed). */
  planned: boolean;
  checked: boolean;
}

/**
 * The customer's portfolio as an offer can start from it (item 3): the planned
 * top-level instances (ticked: the modelled target portfolio is ordered) and
 * the running ones (not ticked: ticked, they are renewed), purchases left out.
 */
export function portfolioRows<T extends Pick<InstanceView, 'id' | 'parent' | 'status' | 'offer_type' | 'context_label' | 'item_name'>>(instances: readonly T[]): PortfolioRow<T>[] {
  const rows = instances
    // A running purchase is owned: there is nothing to renew (it is swapped or ended instead).
    .filter((i) => isChangeable(i) && (i.status === 'planned' || i.offer_type !== 'purchase'))
    .map((instance) => ({ instance, planned: instance.status === 'planned', checked: instance.status === 'planned' }));
  return rows.sort(
    (a, b) =>
      Number(b.planned) - Number(a.planned) ||
      a.instance.context_label.localeCompare(b.instance.context_label) ||
      a.instance.item_name.localeCompare(b.instance.item_name) ||
      a.instance.id - b.instance.id,
  );
}

/** "Upgrade", "Swap", "Ends with …" in `lang`. */
export function kindLabel(kind: ChangeKind, lang: Lang): string {
  return translate(lang, `ch.kind.${kind}`);
}

/** Whether a change of this kind ends the instance (its proposed amounts are nothing). */
export function kindEnds(kind: ChangeKind): boolean {
  return kind === 'cancel' || kind === 'ends_with';
}

/** The sign of an exact decimal string: -1, 0 or 1. */
export function signOf(amount: string): -1 | 0 | 1 {
  const trimmed = amount.trim();
  if (/^[-+]?0*(\.0*)?$/.test(trimmed)) return 0;
  return trimmed.startsWith('-') ? -1 : 1;
}

/**
 * A difference with its sign always written: "+€12.00", "−€7.90" (a true
 * minus sign), and an unsigned zero. `format` formats the amount without sign.
 */
export function signedAmount(amount: string, format: (amount: string) => string): string {
  const sign = signOf(amount);
  const magnitude = amount.trim().replace(/^[-+]/, '');
  if (sign === 0) return format(magnitude);
  return `${sign > 0 ? '+' : '\u2212'}${format(magnitude)}`;
}

/**
 * Why the core refused a change, in `lang`: the instances that depend on one
 * to be cancelled, the input it refused, an inventory that changed; anything
 * else as `errorMessage` says it. Nothing was written in any case.
 */
export function changeRefusal(
  error: unknown,
  lang: Lang,
  instance: Pick<InstanceView, 'item_name' | 'status' | 'offer_type'> | null,
  contextName: (ref: ContextRef) => string | null = () => null,
): string {
  if (error instanceof CommandError) {
    const details = error.details;
    if (details?.type === 'in_use' && details.instances.length > 0 && instance) {
      return `${dependantsText(instance, 'cancelled', details.instances, lang, contextName)} ${translate(lang, 'ch.unchanged')}`;
    }
    if (details?.type === 'invalid_input') {
      // The core's sentence in `lang` (its English where `lang` is English), without its full stop.
      const reason = (detailsText(details, lang) ?? details.reason).replace(/\.$/, '');
      return translate(lang, 'ch.refused', { reason });
    }
    if (details?.type === 'inventory_changed') {
      const text = inventoryChangedText(details, lang);
      if (text !== null) return text;
    }
    if (error.kind === 'inventory_changed') return translate(lang, 'ch.inventoryChanged', { reason: error.message });
  }
  return errorMessage(error);
}
