import { describe, expect, it } from 'vitest';
import type { InstanceView, OfferSummary } from './bindings';
import { CommandError } from './api';
import { changeFor, changeRefusal, changesFor, currentTarget, draftsOf, isChangeable, isUnchanged, kindLabel, mergeChanges, portfolioRows, sameItemPeers, signedAmount, signOf } from './changes';
import { formatMoney } from './format';

type Row = Pick<InstanceView, 'id' | 'item_code' | 'item_name' | 'variant' | 'options' | 'offer_type' | 'quantity' | 'status' | 'parent' | 'context_label'>;

function m365(id: number, context_label: string, over: Partial<Row> = {}): Row {
  return {
    id,
    item_code: 'SVC-M365',
    item_name: 'Managed365',
    variant: 'BASIC',
    options: [{ group: 'SUPPORT', choice: '8X5' }],
    offer_type: 'rental',
    quantity: 1,
    status: 'active',
    parent: null,
    context_label,
    ...over,
  };
}

const euro = (amount: string) => formatMoney(amount, 'EUR', 'en-US');

describe('change offers', () => {
  it('changes top-level instances that are planned or running, never a linked one or an ended one', () => {
    expect(isChangeable({ parent: null, status: 'active' })).toBe(true);
    expect(isChangeable({ parent: null, status: 'planned' })).toBe(true);
    expect(isChangeable({ parent: null, status: 'provisioning' })).toBe(true);
    expect(isChangeable({ parent: 7, status: 'active' })).toBe(false);
    expect(isChangeable({ parent: null, status: 'cancelled' })).toBe(false);
    expect(isChangeable({ parent: null, status: 'retired' })).toBe(false);
  });

  it('renews an instance as it is: item, variant, options (sorted), offer type and units', () => {
    const anna = m365(1, 'Anna', { options: [{ group: 'SUPPORT', choice: '24X7' }, { group: 'SECURITY', choice: 'EDR' }], quantity: 2 });
    expect(currentTarget(anna)).toEqual({
      item: 'SVC-M365',
      variant: 'BASIC',
      options: [{ group: 'SECURITY', choice: 'EDR' }, { group: 'SUPPORT', choice: '24X7' }],
      offer_type: 'rental',
      quantity: 2,
    });
    expect(changeFor(anna, { mode: 'renew' }, null)).toEqual({ instance_id: 1, to: currentTarget(anna) });
  });

  it('cancels with no target, and says "not before" only when given', () => {
    expect(changeFor(m365(4, 'Ben'), { mode: 'cancel' }, null)).toEqual({ instance_id: 4, to: null });
    expect(changeFor(m365(4, 'Ben'), { mode: 'cancel' }, '2027-03-31')).toEqual({ instance_id: 4, to: null, not_before: '2027-03-31' });
  });

  it('upgrades 10 of 25 employees: the same target for each ticked one, each keeping its own units', () => {
    const staff = Array.from({ length: 25 }, (_, i) => m365(i + 1, `Employee ${String(i + 1).padStart(2, '0')}`, { quantity: i === 3 ? 2 : 1 }));
    const main = staff[0] as Row;
    const peers = sameItemPeers(staff, main);
    expect(peers).toHaveLength(24);
    const ticked = new Set(peers.slice(0, 9).map((p) => p.id));
    const target = { item: 'SVC-M365', variant: 'STANDARD', options: [{ group: 'SUPPORT', choice: '8X5' }], offer_type: 'rental' as const, quantity: 1 };
    const changes = changesFor(main, peers, ticked, { mode: 'change', target }, null);
    expect(changes).toHaveLength(10);
    expect(changes.map((c) => c.instance_id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(changes.every((c) => c.to?.variant === 'STANDARD')).toBe(true);
    // Employee 04 holds 2 seats: the upgrade keeps them.
    expect(changes.find((c) => c.instance_id === 4)?.to?.quantity).toBe(2);
    // Units changed on the main instance go to every ticked one.
    const more = changesFor(main, peers, ticked, { mode: 'change', target: { ...target, quantity: 3 } }, null);
    expect(more.map((c) => c.to?.quantity)).toEqual(Array(10).fill(3));
  });

  it('offers the same change for the same item and variant only, running with running, by context name', () => {
    const main = m365(1, 'Anna');
    const list = [
      main,
      m365(2, 'Zoe'),
      m365(3, 'Ben'),
      m365(4, 'Carl', { variant: 'STANDARD' }),
      m365(5, 'Dora', { status: 'cancelled' }),
      m365(6, 'Emil', { status: 'planned' }),
      m365(7, 'Fritz', { parent: 99 }),
      m365(8, 'Gina', { item_code: 'SVC-BACKUP' }),
    ];
    expect(sameItemPeers(list, main).map((p) => p.context_label)).toEqual(['Ben', 'Zoe']);
    expect(sameItemPeers(list, list[5] as Row).map((p) => p.id)).toEqual([]);
  });

  it('tells a choice that changes nothing from one that changes something', () => {
    const anna = m365(1, 'Anna');
    expect(isUnchanged(anna, currentTarget(anna))).toBe(true);
    expect(isUnchanged(anna, { ...currentTarget(anna), variant: 'STANDARD' })).toBe(false);
    expect(isUnchanged(anna, { ...currentTarget(anna), quantity: 2 })).toBe(false);
    expect(isUnchanged(anna, { ...currentTarget(anna), offer_type: 'leasing' })).toBe(false);
    expect(isUnchanged(anna, { ...currentTarget(anna), options: [{ group: 'SUPPORT', choice: '24X7' }] })).toBe(false);
  });

  it('adds changes to a draft: one change per instance, the newer one taking its place', () => {
    const existing = [{ instance_id: 1, to: null }, { instance_id: 2, to: null }];
    const merged = mergeChanges(existing, [{ instance_id: 2, to: currentTarget(m365(2, 'Ben')) }, { instance_id: 3, to: null }]);
    expect(merged.map((c) => c.instance_id)).toEqual([1, 2, 3]);
    expect(merged[1]?.to?.item).toBe('SVC-M365');
  });

  it('lists the customer\'s drafts, newest first', () => {
    const offer = (id: number, customer_id: number, status: OfferSummary['status']): OfferSummary => ({
      id,
      number: `ANG-${id}`,
      version: 1,
      status,
      customer_id,
      customer_name: '',
      offer_date: '2026-12-01',
      valid_until: '2026-12-31',
      currency: 'EUR',
      line_count: 1,
    });
    expect(draftsOf([offer(1, 5, 'draft'), offer(2, 5, 'sent'), offer(3, 6, 'draft'), offer(4, 5, 'draft')], 5).map((o) => o.id)).toEqual([4, 1]);
  });

  it('starts an offer from the portfolio: planned instances ticked and first, running ones not ticked', () => {
    const rows = portfolioRows([
      { ...m365(1, 'Anna'), item_name: 'Managed365' },
      { ...m365(2, 'Ben', { status: 'planned' }), item_name: 'Managed365' },
      { ...m365(3, 'Anna', { parent: 1 }), item_name: 'Backup' },
      { ...m365(4, 'Carl', { status: 'retired' }), item_name: 'Managed365' },
      { ...m365(5, 'Anna', { offer_type: 'purchase' }), item_name: 'Notebook' },
      { ...m365(6, 'Anna', { offer_type: 'purchase', status: 'planned' }), item_name: 'Notebook' },
    ]);
    // A running purchase is owned: nothing to renew. A planned one is ordered. By context, then item.
    expect(rows.map((r) => [r.instance.id, r.planned, r.checked])).toEqual([
      [6, true, true],
      [2, true, true],
      [1, false, false],
    ]);
  });

  it('writes a difference with its sign: plus, a true minus, and zero unsigned', () => {
    expect(signOf('12.50')).toBe(1);
    expect(signOf('-7.90')).toBe(-1);
    expect(signOf('0.00')).toBe(0);
    expect(signOf('-0')).toBe(0);
    expect(signedAmount('50.00', euro)).toBe('+€50.00');
    expect(signedAmount('-7.90', euro)).toBe('\u2212€7.90');
    expect(signedAmount('0.00', euro)).toBe('€0.00');
    expect(signedAmount('-1234.5', (a) => formatMoney(a, 'EUR', 'de-DE'))).toBe('\u22121.234,50\u00a0€');
  });

  it('names every kind in both languages', () => {
    expect(kindLabel('replace', 'en')).toBe('Swap');
    expect(kindLabel('replace', 'de')).toBe('Austausch');
    expect(kindLabel('more_units', 'de')).toBe('Mehr Einheiten');
    expect(kindLabel('ends_with', 'en')).toBe('Ends with it');
  });

  it('says a refusal in the UI language: dependants of a cancellation, refused input, a changed inventory', () => {
    const anna = { item_name: 'Managed365', status: 'active' as const, offer_type: 'rental' as const };
    const inUse = new CommandError({
      kind: 'in_use',
      message: 'Managed365 #1 cannot be cancelled',
      details: {
        type: 'in_use',
        why: {
          said: { area: 'refusal', says: 'one_depends_no_cancel_at' },
          values: { item: { type: 'text', value: 'Managed365 #1' }, place: { type: 'place', value: null }, dependants: { type: 'text', value: 'Backup #9' } },
        },
        instances: [{ id: 9, item: 'Backup', status: 'active', customer_id: 1, context: { context: 'global' } }],
      },
    });
    expect(changeRefusal(inUse, 'de', anna)).toContain('Backup #9');
    expect(changeRefusal(inUse, 'de', anna)).toContain('Es wurde nichts geändert.');
    const purchased = {
      type: 'invalid_input' as const,
      field: 'instance 1',
      reason: 'Managed365 #1 (Anna) was purchased: it is owned and has no contract to change; book more units as a new booking, or replace it by a successor',
      problem: { problem: 'said' as const, wording: { said: { area: 'input' as const, says: 'purchased_no_contract' as const }, values: { instance: { type: 'text' as const, value: 'Managed365 #1 (Anna)' } } } },
    };
    const input = new CommandError({ kind: 'invalid_input', message: `instance 1: ${purchased.reason}`, details: purchased });
    expect(changeRefusal(input, 'de', anna)).toBe(
      'Nicht möglich: Managed365 #1 (Anna) wurde gekauft: Es gehört dem Kunden und hat keinen Vertrag zu ändern; buchen Sie weitere Einheiten als neue Buchung oder ersetzen Sie es durch einen Nachfolger. Es wurde nichts geändert.',
    );
    expect(changeRefusal(input, 'en', anna)).toBe(`Not possible: ${purchased.reason}. Nothing was changed.`);
    const changed = new CommandError({ kind: 'inventory_changed', message: 'Managed365 #1 was cancelled meanwhile', details: null });
    expect(changeRefusal(changed, 'en', anna)).toContain('The inventory changed since this offer was made (Managed365 #1 was cancelled meanwhile)');
  });
});
