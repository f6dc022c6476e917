import { describe, expect, it } from 'vitest';
import { CommandError, detailsText, errorMessage, setErrorLanguage, unwrap } from './api';
import { translate } from './i18n';

describe('unwrap', () => {
  it('returns the data of a success', async () => {
    await expect(unwrap(Promise.resolve({ status: 'ok' as const, data: 42 }))).resolves.toBe(42);
  });

  it('throws a typed CommandError for a typed refusal', async () => {
    const details = { type: 'invalid_input' as const, field: 'name', reason: 'must not be empty', problem: { problem: 'empty' as const } };
    const refused = unwrap(
      Promise.resolve({ status: 'error' as const, error: { kind: 'invalid_input' as const, message: 'name: must not be empty', details } }),
    );
    await expect(refused).rejects.toBeInstanceOf(CommandError);
    await expect(refused).rejects.toMatchObject({ kind: 'invalid_input', message: 'name: must not be empty', details });
  });

  it('keeps the structured details of a refusal', async () => {
    const check = { file_name: 'f.csv', source: 'acme', catalog: 'csv', would_discontinue: 3, active: 10, rows_read: 7, reasons: [{ kind: 'more_than_a_tenth' as const }] };
    const refused = unwrap(
      Promise.resolve({ status: 'error' as const, error: { kind: 'would_discontinue' as const, message: 'f.csv would discontinue 3', details: { type: 'would_discontinue' as const, check } } }),
    );
    await expect(refused).rejects.toMatchObject({ kind: 'would_discontinue', details: { type: 'would_discontinue', check } });
  });

  it('keeps the message of arguments Tauri could not decode', async () => {
    const refused = unwrap(Promise.resolve({ status: 'error' as const, error: 'invalid args `draft`: 12.3.4 is not a decimal' as never }));
    await expect(refused).rejects.toThrow('invalid args `draft`: 12.3.4 is not a decimal');
  });
});

describe('errorMessage', () => {
  const full = new CommandError({
    kind: 'file',
    message: 'cannot write /home/anna/offer.pdf: the disk is full',
    details: { type: 'file', path: '/home/anna/offer.pdf', action: 'write', problem: 'disk_full', reason: 'the disk is full' },
  });

  it('says a file error in the UI language, from its details', () => {
    setErrorLanguage(() => 'de');
    expect(errorMessage(full)).toBe('/home/anna/offer.pdf kann nicht geschrieben werden: der Datenträger ist voll');
    setErrorLanguage(() => 'en');
    expect(errorMessage(full)).toBe('cannot write /home/anna/offer.pdf: the disk is full');
  });

  it('says a change refused during an import in the UI language, from its kind', () => {
    const refused = new CommandError({ kind: 'import_running', message: 'an import is running: …', details: null });
    setErrorLanguage(() => 'de');
    expect(errorMessage(refused)).toMatch(/^Ein Import läuft/);
    setErrorLanguage(() => 'en');
    expect(errorMessage(refused)).toMatch(/^An import is running/);
  });

  it('keeps what the system said for a problem it has no words for', () => {
    expect(
      detailsText(
        { type: 'file', path: '/x.db', action: 'open_database', problem: 'other', reason: 'disk I/O error' },
        'de',
      ),
    ).toBe('Die Datenbank /x.db kann nicht geöffnet werden: disk I/O error');
  });

  it('says a refused feed in German from its details: which file, line and columns', () => {
    const missing = {
      type: 'invalid_feed' as const,
      file: 'feed.csv',
      problem: { problem: 'missing_columns' as const, profile: 'ITScope', line: 1, missing: ['puid'], found: ['10001', 'Lenovo'] },
    };
    expect(detailsText(missing, 'de')).toBe(
      'feed.csv, Zeile 1: der Kopfzeile fehlt die Spalte puid (Zuordnungsprofil „ITScope“; die Kopfzeile hat: 10001, Lenovo)',
    );
    const broken = {
      type: 'invalid_feed' as const,
      file: 'a.xml',
      problem: { problem: 'malformed' as const, location: { line: 7, element: '/BMECAT/T_NEW_CATALOG' }, reason: 'unexpected end' },
    };
    expect(detailsText(broken, 'de')).toBe('a.xml, /BMECAT/T_NEW_CATALOG (Zeile 7): unexpected end');
    // English is the core's own message.
    expect(detailsText(broken, 'en')).toBeNull();
  });

  it('says a refused booking request in German from its reasons, where it is only toasted', () => {
    const refused = new CommandError({
      kind: 'invalid_request',
      message: 'the booking request cannot be planned: Sales / NB-1: Laptop has no price yet: …',
      details: {
        type: 'invalid_request',
        reasons: [
          {
            refusal: { reason: 'no_template', employee: 'Anna', department: 'Sales' },
            through: null,
            part: null,
            text: 'no onboarding template applies to Anna (department "Sales")',
          },
        ],
      },
    });
    setErrorLanguage(() => 'de');
    expect(errorMessage(refused)).toBe('Die Buchungsanfrage kann nicht geplant werden: keine Onboarding-Vorlage passt zu Anna (Abteilung „Sales“)');
    setErrorLanguage(() => 'en');
    expect(errorMessage(refused)).toBe(refused.message);
  });
});

describe('an offer refused for want of an approval', () => {
  it('is said in German from its details; in English the core says it', () => {
    const details = {
      type: 'approval_required' as const,
      offer: 'ANG-2026-0001 v1',
      breaches: [{ rule: 'discount' as const, figure: '20', threshold: '15', line: 2, line_description: 'Microsoft 365 tenant Standard', message: 'discount 20 % > 15 % (line 2: Microsoft 365 tenant Standard)' }],
    };
    expect(detailsText(details, 'de')).toBe(
      'Angebot ANG-2026-0001 v1 kann erst nach der Freigabe versendet werden: Es verletzt Rabatt 20 % > 15 % (Position 2: Microsoft 365 tenant Standard).',
    );
    expect(detailsText(details, 'en')).toBeNull();
  });
});

describe('a booking refused because the contexts already hold the item', () => {
  it('names who holds what in German from its details; in English the core says it', () => {
    const details = {
      type: 'already_held' as const,
      held: [
        {
          context: { context: 'employee' as const, id: 3 },
          context_label: 'Jana Petersen',
          item: 'Managed365',
          held: [{ instance_id: 7, variant: 'Standard', status: 'active' as const, since: '2026-02-01' }],
        },
      ],
    };
    expect(detailsText(details, 'de')).toBe(
      'Jana Petersen hat bereits Managed365 Standard, aktiv seit 01.02.2026; nichts wurde gebucht („Trotzdem hinzufügen“, um es ein zweites Mal zu buchen)',
    );
    expect(detailsText(details, 'en')).toBeNull();
  });
});

describe('a wrong value in a form, in German', () => {
  it('is said from the typed problem and the field, never the core English', () => {
    const empty = { type: 'invalid_input' as const, field: 'name', reason: 'must not be empty', problem: { problem: 'empty' as const } };
    expect(detailsText(empty, 'de')).toBe('Der Name darf nicht leer sein');
    const taken = {
      type: 'invalid_input' as const,
      field: 'name',
      reason: 'a location named "Berlin" already exists',
      problem: { problem: 'taken' as const, value: 'Berlin', among: 'location' as const },
    };
    expect(detailsText(taken, 'de')).toBe('Einen Standort „Berlin“ gibt es schon');
    const email = { type: 'invalid_input' as const, field: 'email', reason: '"x" is not an e-mail address', problem: { problem: 'not_email' as const, value: 'x' } };
    expect(detailsText(email, 'de')).toBe('„x“ ist keine E-Mail-Adresse');
    // English keeps the core's own message.
    expect(detailsText(empty, 'en')).toBeNull();
  });
});

describe('a refused lifecycle step, in German', () => {
  it('names the statuses and the date in German', () => {
    const become = {
      type: 'invalid_input' as const,
      field: 'status',
      reason: 'Managed365 is retired; it cannot become active',
      problem: { problem: 'cannot_become' as const, item: 'Managed365', from: 'retired' as const, to: 'active' as const },
    };
    expect(detailsText(become, 'de')).toBe(`Managed365 ist ${translate('de', 'status.retired')} und kann nicht ${translate('de', 'status.active')} werden`);
    const until = {
      type: 'invalid_input' as const,
      field: 'status',
      reason: 'Managed365 runs until 2027-01-01: it can be retired from then on',
      problem: { problem: 'runs_until' as const, item: 'Managed365', end: '2027-01-01' },
    };
    expect(detailsText(until, 'de')).toBe('Managed365 läuft bis 01.01.2027: ab dann kann es außer Betrieb genommen werden');
  });
});

describe('a change the catalog rules refuse, in German', () => {
  it('says a refused deletion from its sentences, naming a rule as a rule', () => {
    const details = {
      type: 'rule_violations' as const,
      violations: [
        {
          item: 'NB',
          item_name: 'Notebook',
          field: '',
          rule: 'missing_reference' as const,
          message: 'NB cannot be deleted: category rule Docks links it',
          wording: { said: { area: 'catalog' as const, says: 'delete_linked' as const }, values: { item: { type: 'text' as const, value: 'NB' }, by: { type: 'rule' as const, value: 'Docks' } } },
        },
      ],
    };
    expect(detailsText(details, 'de')).toBe('NB kann nicht gelöscht werden: Kategorieregel Docks verknüpft es.');
    expect(detailsText(details, 'en')).toBeNull();
  });
});
