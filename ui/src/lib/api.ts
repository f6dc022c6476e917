// The UI's door to the core: the generated commands, with their typed errors
// thrown as `CommandError` so components can await results directly.
import {
  commands,
  type BookingPlan,
  type BookingRequest,
  type CatalogQuery,
  type ImportOptions,
  type MappingProfile,
  type PickQuery,
  type ProductSearch,
  type CloudContainerRecord,
  type CustomerRecord,
  type EmployeeRecord,
  type ErrorDetails,
  type ErrorKind,
  type ErrorPayload,
  type InstanceStatus,
  type ItemDraft,
  type LocationRecord,
  type OfferDraft,
  type OfferExportFormat,
  type OfferStatus,
  type OfferType,
  type OfferUpdate,
  type PriceListDraft,
  type RuleDraft,
  type Settings,
  type TemplateRecord,
  type Result,
  type WorkplaceRecord,
} from './bindings';
import { heldText, offerLabel, requestProblemText, statusLabel } from './booking';
import { formatDate, formatDecimal } from './format';
import { sourceRequiredText } from './import-wizard';
import { localeOf, translate, type Lang } from './i18n';
import { wordingText } from './wording';
import { breachText } from './offers';

export class CommandError extends Error {
  readonly kind: ErrorKind;
  /** The structured part (the file, the violations, the bad rows, ...), if the kind has one. */
  readonly details: ErrorDetails | null;

  constructor(payload: ErrorPayload) {
    super(payload.message);
    this.name = 'CommandError';
    this.kind = payload.kind;
    this.details = payload.details ?? null;
  }
}

export async function unwrap<T>(pending: Promise<Result<T, ErrorPayload>>): Promise<T> {
  const result = await pending;
  if (result.status === 'error') {
    // Arguments Tauri cannot decode are refused before the command runs, with a
    // plain string instead of a typed payload.
    const error: unknown = result.error;
    if (typeof error === 'string') throw new Error(error);
    throw new CommandError(result.error);
  }
  return result.data;
}

export const api = {
  appInfo: () => unwrap(commands.appInfo()),
  /** One page of the list in catalog order: `limit` items after the cursor `after` (keyset paging). */
  catalogPage: (query: CatalogQuery) => unwrap(commands.catalogList(query)),
  /** One page of an item picker's search: the list's search with the picker's kinds, bookable-only and exclusions. */
  catalogPick: (query: PickQuery) => unwrap(commands.catalogPick(query)),
  /** The items with these codes (at most 200), in that order; unknown codes are left out. */
  catalogItems: (codes: string[]) => unwrap(commands.catalogItems(codes)),
  /** Detected format, encoding, separator, decimal mark, header and first rows; refused (`invalid_input`) when the file is no feed. */
  importPreview: (path: string) => unwrap(commands.importPreview(path)),
  /**
   * Imports a feed in one transaction; progress arrives as `events.importProgressEvent`.
   * Holds the backend session until it ends: call nothing else but `importCancel` meanwhile.
   * A cancel answers kind `cancelled` and leaves the catalog as it was.
   */
  importRun: (path: string, options: ImportOptions) => unwrap(commands.importRun(path, options)),
  importCancel: () => unwrap(commands.importCancel()),
  importReports: () => unwrap(commands.importReports()),
  importReport: (id: number) => unwrap(commands.importReport(id)),
  /** Saved profiles, the built-in ITScope profile included. */
  mappingProfiles: () => unwrap(commands.mappingProfiles()),
  mappingProfileSave: (profile: MappingProfile) => unwrap(commands.mappingProfileSave(profile)),
  mappingProfileDelete: (name: string) => unwrap(commands.mappingProfileDelete(name)),
  productSearch: (search: ProductSearch) => unwrap(commands.productSearch(search)),
  catalogItem: (id: number) => unwrap(commands.catalogItem(id)),
  /** One item as an editable record (the portfolio file's record). */
  catalogRecord: (code: string) => unwrap(commands.catalogRecord(code)),
  /** Every rule the draft would break; writes nothing. */
  catalogCheck: (draft: ItemDraft) => unwrap(commands.catalogCheck(draft)),
  /** Saves the draft in one transaction; refused with kind `rule_violations` if it breaks a rule. */
  catalogSave: (draft: ItemDraft) => unwrap(commands.catalogSave(draft)),
  catalogDelete: (code: string) => unwrap(commands.catalogDelete(code)),
  /** Takes back the newest edit of the session; kind `nothing_to_undo` when there is none. */
  catalogUndo: () => unwrap(commands.catalogUndo()),
  catalogGraph: () => unwrap(commands.catalogGraph()),
  /** The category rules, by name, with how many products each governs. */
  categoryRuleList: () => unwrap(commands.categoryRuleList()),
  /** Every catalog rule the rule draft would break; writes nothing. */
  categoryRuleCheck: (draft: RuleDraft) => unwrap(commands.categoryRuleCheck(draft)),
  /** Saves and reapplies in one transaction; `rule_violations` when it breaks a rule. */
  categoryRuleSave: (draft: RuleDraft) => unwrap(commands.categoryRuleSave(draft)),
  /** Its products fall to the next rule that matches them. */
  categoryRuleDelete: (id: number) => unwrap(commands.categoryRuleDelete(id)),
  customerList: () => unwrap(commands.customerList()),
  customerStructure: (id: number) => unwrap(commands.customerStructure(id)),
  /** Refused with kind `invalid_input` ("currency: ...") when a field is wrong. */
  customerCreate: (record: CustomerRecord) => unwrap(commands.customerCreate(record)),
  customerUpdate: (id: number, record: CustomerRecord) => unwrap(commands.customerUpdate(id, record)),
  /** Refused with kind `in_use` while the customer holds instances (they are listed). */
  customerDelete: (id: number) => unwrap(commands.customerDelete(id)),
  locationCreate: (customerId: number, record: LocationRecord) => unwrap(commands.locationCreate(customerId, record)),
  locationUpdate: (id: number, record: LocationRecord) => unwrap(commands.locationUpdate(id, record)),
  employeeUpdate: (id: number, record: EmployeeRecord) => unwrap(commands.employeeUpdate(id, record)),
  cloudContainerUpdate: (id: number, record: CloudContainerRecord) => unwrap(commands.cloudContainerUpdate(id, record)),
  workplaceUpdate: (id: number, record: WorkplaceRecord) => unwrap(commands.workplaceUpdate(id, record)),
  /** Refused with kind `in_use` while something is booked there. */
  locationDelete: (id: number) => unwrap(commands.locationDelete(id)),
  employeeCreate: (customerId: number, record: EmployeeRecord) => unwrap(commands.employeeCreate(customerId, record)),
  employeeDelete: (id: number) => unwrap(commands.employeeDelete(id)),
  cloudContainerCreate: (customerId: number, record: CloudContainerRecord) => unwrap(commands.cloudContainerCreate(customerId, record)),
  cloudContainerDelete: (id: number) => unwrap(commands.cloudContainerDelete(id)),
  workplaceCreate: (record: WorkplaceRecord) => unwrap(commands.workplaceCreate(record)),
  workplaceDelete: (id: number) => unwrap(commands.workplaceDelete(id)),
  /**
   * Reads an employee file (CSV or XLSX bytes) and imports it, or with `preview` only
   * reports what it would do. A file with bad rows imports nothing unless `skipBadRows`.
   * Refused with `invalid_input` when the file itself cannot be read ("file: line 1: ...").
   */
  employeeImport: (customerId: number, bytes: Uint8Array, preview: boolean, skipBadRows: boolean) =>
    unwrap(commands.employeeImport(customerId, Array.from(bytes), preview, skipBadRows)),
  /** What a request would book; nothing is written. Refused with `invalid_request` (reasons joined by "; "). */
  bookingPlan: (request: BookingRequest) => unwrap(commands.bookingPlan(request)),
  /** Books the plan as ordered instances; `stale_plan` when it is out of date. */
  bookingApply: (plan: BookingPlan) => unwrap(commands.bookingApply(plan)),
  inventory: (customerId: number, today: string) => unwrap(commands.inventory(customerId, today)),
  /** Every customer's running contracts whose notice deadline, term end or lease end falls within `withinDays` of `today`, soonest first; `invalid_input` beyond 730 days. */
  renewals: (today: string, withinDays: number) => unwrap(commands.renewals(today, withinDays)),
  /** The add-ons that can be ordered for the instance now (none for a retired one). */
  addOnApplicable: (instanceId: number) => unwrap(commands.addOnApplicable(instanceId)),
  addOnOrder: (instanceId: number, code: string, quantity: number, on: string, note = '') =>
    unwrap(commands.addOnOrder(instanceId, code, quantity, on, note)),
  templateList: (customerId: number) => unwrap(commands.templateList(customerId)),
  templateCreate: (customerId: number, record: TemplateRecord) => unwrap(commands.templateCreate(customerId, record)),
  templateUpdate: (id: number, record: TemplateRecord) => unwrap(commands.templateUpdate(id, record)),
  templateDelete: (id: number) => unwrap(commands.templateDelete(id)),
  /** Books every template that applies to the employee; `invalid_request` when none does or a step cannot be booked. */
  employeeOnboard: (employeeId: number, start: string) => unwrap(commands.employeeOnboard(employeeId, start)),
  /** Plans the requests in order and saves them as a draft offer; nothing is booked. */
  offerCreate: (draft: OfferDraft) => unwrap(commands.offerCreate(draft)),
  offerList: (customerId: number | null = null) => unwrap(commands.offerList(customerId)),
  offerGet: (id: number) => unwrap(commands.offerGet(id)),
  /** Changes a draft; a sent version is refused with kind `in_use`. */
  offerUpdate: (id: number, update: OfferUpdate) => unwrap(commands.offerUpdate(id, update)),
  /** Switches the offer type of the draft's booking at `request` (0-based) in place. */
  offerSwitchOfferType: (id: number, request: number, offerType: OfferType) => unwrap(commands.offerSwitchOfferType(id, request, offerType)),
  /** Accepting books the offer as ordered inventory; `stale_plan` when the store moved on. */
  offerSetStatus: (id: number, status: OfferStatus) => unwrap(commands.offerSetStatus(id, status)),
  /** Approves a draft that breaks an approval rule; `in_use` when it needs none or is not a draft. */
  offerApprove: (id: number, by: string) => unwrap(commands.offerApprove(id, by)),
  offerNewVersion: (id: number) => unwrap(commands.offerNewVersion(id)),
  offerCompare: (fromId: number, toId: number) => unwrap(commands.offerCompare(fromId, toId)),
  offerDelete: (id: number) => unwrap(commands.offerDelete(id)),
  /** Writes the document to `path` (the folder is created); returns its size in bytes. */
  /** A PDF with an empty sender is refused (`sender_missing`) unless `allowEmptySender` (the user was asked). */
  offerExport: (id: number, format: OfferExportFormat, path: string, allowEmptySender = false) =>
    unwrap(commands.offerExport(id, format, path, allowEmptySender)),
  /** The sender, validity days and language of customer documents. */
  settingsGet: () => unwrap(commands.settingsGet()),
  /** Refused with `invalid_input` (e.g. "default_validity_days: ...") when a field is wrong. */
  settingsSet: (settings: Settings) => unwrap(commands.settingsSet(settings)),
  /** The folder offers were last exported to, kept in this database (null before the first export). */
  exportFolderGet: () => unwrap(commands.exportFolderGet()),
  /** Remembers the export folder in this database (empty forgets it). */
  exportFolderSet: (folder: string | null) => unwrap(commands.exportFolderSet(folder)),
  priceListList: (customerId: number) => unwrap(commands.priceListList(customerId)),
  /** Refused with `invalid_input` naming the entry ("entries[1].variant: ...") or an overlapping list. */
  priceListCreate: (draft: PriceListDraft) => unwrap(commands.priceListCreate(draft)),
  priceListUpdate: (id: number, draft: PriceListDraft) => unwrap(commands.priceListUpdate(id, draft)),
  priceListDelete: (id: number) => unwrap(commands.priceListDelete(id)),
  instanceTransition: (id: number, to: InstanceStatus, on: string, note = '') => unwrap(commands.instanceTransition(id, to, on, note)),
};

let errorLang: () => Lang = () => 'en';

/** Where `errorMessage` takes the UI language from (main.ts passes the current one). */
export function setErrorLanguage(current: () => Lang): void {
  errorLang = current;
}

/**
 * A message for any error, typed or not. Errors with details the UI knows are
 * said in its language, built from the details; others show the core's message.
 */
export function errorMessage(error: unknown): string {
  // A change asked for while an import holds the store: said in the UI's language.
  if (error instanceof CommandError && error.kind === 'import_running') return translate(errorLang(), 'err.importRunning');
  if (error instanceof CommandError && error.details) {
    const text = detailsText(error.details, errorLang());
    if (text !== null) return text;
  }
  if (error instanceof CommandError) {
    const text = kindText(error, errorLang());
    if (text !== null) return text;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}

/** The text of an error its kind says all of (no details), in `lang`; null in English or for a kind not known here. */
export function kindText(error: CommandError, lang: Lang): string | null {
  if (lang === 'en') return null;
  switch (error.kind) {
    case 'stale_plan':
      return translate(lang, 'err.stalePlan');
    case 'nothing_to_undo':
      return translate(lang, 'app.nothingToUndo');
    case 'cancelled':
      return translate(lang, 'err.cancelled');
    case 'corrupt':
      return translate(lang, 'err.corrupt');
    case 'database':
      // SQLite's own words, quoted in the sentence.
      return translate(lang, 'err.database', { reason: error.message.replace(/^database error: /, '') });
    default:
      return null;
  }
}

/**
 * An offer refused because an instance it changes was changed since: which
 * one and how, in `lang`; null in English (the core's message says it).
 */
export function inventoryChangedText(details: Extract<ErrorDetails, { type: 'inventory_changed' }>, lang: Lang): string | null {
  const what = wordingText(details.what, lang);
  const reason = wordingText(details.reason, lang);
  if (what === null || reason === null) return null;
  return translate(lang, 'ch.inventoryChanged', { reason: `${what}: ${reason}` });
}

/** A form field the core names ("name", "email"), as the UI labels it in `lang`. */
export function fieldLabel(field: string, lang: Lang): string {
  const known = ['name', 'email', 'country', 'currency', 'code', 'category', 'description', 'source'] as const;
  const found = known.find((k) => k === field);
  return found ? translate(lang, `field.${found}`) : field;
}

/** The text of an error's details in `lang`, or null to show the core's message. */
export function detailsText(details: ErrorDetails, lang: Lang): string | null {
  // English is the core's own language, and its message says more (the folder, the system's words).
  if (lang === 'en') return null;
  switch (details.type) {
    case 'file':
      return translate(lang, `err.file.${details.action}`, {
        path: details.path,
        problem: details.problem === 'other' ? details.reason : translate(lang, `err.problem.${details.problem}`),
      });
    case 'approval_required':
      // The offer view disables sending first; a refusal from elsewhere says the same.
      return translate(lang, 'ap.refused', {
        offer: details.offer,
        rules: details.breaches.map((b) => breachText(b, { lines_without_cost: 0 }, lang, null, localeOf(lang))).join('; '),
      });
    case 'invalid_input': {
      // A wrong value in a form, said in `lang` where the core names the problem.
      const problem = details.problem;
      if (!problem) return null;
      const field = fieldLabel(details.field, lang);
      switch (problem.problem) {
        case 'empty':
          return translate(lang, 'err.input.empty', { field });
        case 'not_country':
        case 'not_currency':
        case 'not_email':
          return translate(lang, `err.input.${problem.problem}`, { value: problem.value });
        case 'taken':
          return translate(lang, `err.input.taken.${problem.among}`, { value: problem.value });
        case 'cannot_become':
          return translate(lang, 'err.input.cannot_become', {
            item: problem.item,
            from: statusLabel(problem.from, lang),
            to: statusLabel(problem.to, lang),
          });
        case 'cancel_first':
          return translate(lang, 'err.input.cancel_first', { item: problem.item, offer: offerLabel(problem.offer_type, lang) });
        case 'runs_until':
          return translate(lang, 'err.input.runs_until', { item: problem.item, end: formatDate(problem.end, lang) });
        case 'said':
          return wordingText(problem.wording, lang);
      }
      return null;
    }
    case 'in_use':
      return wordingText(details.why, lang);
    case 'export':
      return translate(lang, 'err.export', { reason: wordingText(details.why, lang) ?? '' });
    case 'inventory_changed':
      return inventoryChangedText(details, lang);
    case 'not_found':
      return wordingText(details.what, lang);
    case 'amount_out_of_bounds':
      // What was beyond the bound is the core's English; the bound says enough.
      return translate(lang, 'err.amountOutOfBounds', { limit: formatDecimal(details.limit, localeOf(lang)) });
    case 'schema_too_new':
      return translate(lang, 'err.schemaTooNew', { path: details.path, found: details.found, supported: details.supported });
    case 'not_our_database':
      return translate(lang, 'err.notOurDatabase', { path: details.path });
    case 'open':
      // SQLite's own words, quoted in the sentence.
      return translate(lang, 'err.open', { path: details.path, reason: details.reason });
    case 'bad_rows':
      return translate(lang, 'err.badRows', { file: details.file, count: details.problems.length });
    case 'source_required':
      return sourceRequiredText(details.why, details.file, lang);
    case 'would_discontinue':
      return translate(lang, 'err.wouldDiscontinue', {
        file: details.check.file_name,
        count: details.check.would_discontinue,
        active: details.check.active,
        source: details.check.source,
      });
    case 'sender_missing':
      return translate(lang, 'err.senderMissing', {
        fields: details.fields
          .map((f) => (f === 'company_name' || f === 'address' ? translate(lang, `of.senderField.${f}`) : f))
          .join(', '),
      });
    case 'already_held':
      // An offer or a booking that would order an item a second time: who holds what.
      return translate(lang, 'err.alreadyHeld', {
        list: details.held
          .map((h) => heldText({ context_label: h.context_label, item_name: h.item, already_held: h.held }, lang))
          .join('; '),
      });
    case 'invalid_request':
      // Wherever a refused request is only toasted (onboarding, offers): its reasons in `lang`.
      return translate(lang, 'err.invalidRequest', { reasons: details.reasons.map((r) => requestProblemText(r, lang)).join('; ') });
    case 'invalid_feed': {
      const file = details.file ?? translate(lang, 'err.feed.theFile');
      const problem = details.problem;
      switch (problem.problem) {
        case 'unreadable':
        case 'xml_encoding':
          return translate(lang, `err.feed.${problem.problem}`, { file, reason: problem.reason });
        case 'wrong_format':
          return translate(lang, 'err.feed.wrong_format', { file, expected: problem.expected, reason: problem.reason });
        case 'empty':
          return translate(lang, 'err.feed.empty', { file });
        case 'missing_columns':
          return translate(lang, 'err.feed.missing_columns', {
            file,
            line: problem.line,
            missing: problem.missing.join(', '),
            profile: problem.profile,
            found: problem.found.join(', '),
          });
        case 'malformed': {
          const { element, line } = problem.location;
          const where = element ? translate(lang, 'err.feed.element', { element, line }) : translate(lang, 'err.feed.line', { line });
          return translate(lang, 'err.feed.malformed', { file, where, reason: problem.reason });
        }
        case 'invalid_profile':
          return translate(lang, 'err.feed.invalid_profile', { profile: problem.profile, reason: problem.reason });
      }
      return null;
    }
    case 'rule_violations':
      // The catalog rules a change breaks (a deletion: who refers to the item), each said in `lang`.
      return details.violations.map((v) => wordingText(v.wording, lang) ?? v.message).join(' ');
    case 'invalid_portfolio':
      // A portfolio file's violations, each at its JSON path; a file that is no portfolio keeps the core's reason.
      if (details.violations.length === 0) return null;
      return details.violations.map((l) => `${l.path}: ${wordingText(l.violation.wording, lang) ?? l.violation.message}`).join(' ');
    default:
      return null;
  }
}
