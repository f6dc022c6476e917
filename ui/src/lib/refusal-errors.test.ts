import { afterEach, describe, expect, it } from 'vitest';
import type { ErrorPayload } from './bindings';
import { CommandError, errorMessage, setErrorLanguage } from './api';

// English words a German message must not show, and the raw codes of the core.
const ENGLISH = /\b(the|cannot|not found|has changed|since|offer|instance|it is|plan again|catalog|inventory|nothing)\b/i;
const CODES = /\b(in_use|not_found|stale_plan|inventory_changed|active|cancelled|accepted|sent|employee_id|customer-wide)\b/;

function refused(payload: ErrorPayload): string {
  return errorMessage(new CommandError(payload));
}

describe('errorMessage says refusals in German from their kind and details', () => {
  afterEach(() => setErrorLanguage(() => 'en'));

  it('words in_use, not_found, stale_plan and inventory_changed without English or codes', () => {
    setErrorLanguage(() => 'de');
    const messages = [
      refused({
        kind: 'in_use',
        message: 'offer ANG-2026-0001 version 1 cannot be deleted: it is sent and frozen; create a new version to change it',
        details: {
          type: 'in_use',
          why: {
            said: { area: 'refusal', says: 'frozen_not_deleted' },
            values: { offer: { type: 'text', value: 'ANG-2026-0001' }, version: { type: 'text', value: '1' }, status: { type: 'offer_status', value: 'sent' } },
          },
          instances: [],
        },
      }),
      refused({
        kind: 'not_found',
        message: 'offer 12 not found',
        details: { type: 'not_found', what: { said: { area: 'refusal', says: 'offer_not_found' }, values: { id: { type: 'text', value: '12' } } } },
      }),
      refused({ kind: 'stale_plan', message: 'the catalog or the inventory changed since this plan was made; plan again', details: null }),
      refused({
        kind: 'inventory_changed',
        message: 'Managed365 #7 (customer-wide) has changed since the offer was made (it was active and is cancelled now); …',
        details: {
          type: 'inventory_changed',
          what: { said: { area: 'refusal', says: 'instance_at' }, values: { item: { type: 'text', value: 'Managed365 #7' }, place: { type: 'place', value: null } } },
          reason: {
            said: { area: 'refusal', says: 'changed_status' },
            values: { was: { type: 'instance_status', value: 'active' }, now: { type: 'instance_status', value: 'cancelled' } },
          },
        },
      }),
    ];
    expect(messages).toEqual([
      'Angebot ANG-2026-0001 Version 1 kann nicht gelöscht werden: Es ist versendet und eingefroren; legen Sie für Änderungen eine neue Version an.',
      'Angebot 12 nicht gefunden.',
      'Katalog oder Bestand haben sich seit dieser Planung geändert; planen Sie bitte neu.',
      expect.stringContaining('Managed365 #7 (kundenweit): es war aktiv und ist jetzt gekündigt'),
    ]);
    for (const message of messages) {
      expect(message).not.toMatch(ENGLISH);
      expect(message).not.toMatch(CODES);
    }
  });

  it('lists the instances in the way with German statuses', () => {
    setErrorLanguage(() => 'de');
    const instance = { id: 12, item: 'Managed365', status: 'ordered', customer_id: 1, context: { context: 'employee', id: 7 } } as const;
    const text = refused({
      kind: 'in_use',
      message: 'employee Anna cannot be deleted: it holds 1 instance(s): Managed365 #12 (ordered)',
      details: {
        type: 'in_use',
        why: {
          said: { area: 'refusal', says: 'employee_holds_instances' },
          values: { name: { type: 'text', value: 'Anna' }, count: { type: 'number', value: '1' }, instances: { type: 'instances', value: [instance] } },
        },
        instances: [instance],
      },
    });
    expect(text).toBe('Mitarbeiter Anna kann nicht gelöscht werden: Ihm sind 1 Instanz(en) zugeordnet: Managed365 #12 (bestellt).');
  });

  it('keeps the core message in English', () => {
    setErrorLanguage(() => 'en');
    expect(refused({ kind: 'stale_plan', message: 'the catalog or the inventory changed since this plan was made; plan again', details: null })).toBe(
      'the catalog or the inventory changed since this plan was made; plan again',
    );
  });
});
